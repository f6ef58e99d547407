import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { ActionFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { dataExports, topics } from "#db/schema";
import { setUpTopicWorld, person as topicPerson } from "#app/modules/open-mic/topic-fixtures.server";
import { TOPIC_LIMITS } from "#app/modules/open-mic/topic-limits.server";
import { consumeRateLimit } from "#app/utils/rate-limit.server";
import { action as signInAction } from "#app/routes/anmelden";
import { action as feedbackAction } from "#app/routes/barrierefreiheit";
import { action as codeAction } from "#app/routes/anmelden_.code";
import { action as threadAction } from "#app/routes/arbeitsgruppen.$slug_.themen.$id/route";
import { action as newThreadAction } from "#app/routes/arbeitsgruppen.$slug_.themen.neu";
import { action as dataAction } from "#app/routes/konto.daten/route";
import { action as passwordAction } from "#app/routes/konto.passwort";
import { action as profileAction } from "#app/routes/konto.profil";
import { action as twoFactorAction } from "#app/routes/konto.zwei-faktor";
import { action as topicAction } from "#app/routes/open-mic.$id/route";
import { action as newTopicAction } from "#app/routes/open-mic.neu";
import { action as forgotAction } from "#app/routes/passwort-vergessen";
import { action as registerAction } from "#app/routes/registrieren";
import { action as personAction } from "#app/routes/verwaltung.personen.$id/route";
import { action as partnerAction } from "#app/routes/verzeichnis.partner.$slug";
import { join, makeGroup } from "./group-fixtures";
import { cookiesFrom, createTestUser, createTestUserWithTotp, formRequest, run, sessionCookieFor, TEST_PASSWORD, testContext, uniqueEmail, withParams } from "./factories";

// Every answer 429 of the site says when to come back (Retry-After), whichever form was refused. The
// read limits (search, feeds, CSV, API) are proved in app/utils/read-limits.server.test.ts.

type Action = (args: ActionFunctionArgs) => unknown;
const post = (action: Action, url: string, fields: Record<string, string>, options: { cookie?: string; params?: Record<string, string>; address?: string } = {}) =>
  run(
    withParams(action as (args: ActionFunctionArgs & { params: Record<string, string> }) => unknown, options.params ?? {}),
    formRequest(url, fields, { cookie: options.cookie }),
    testContext(options.address),
  );

/** Sends the form again and again until it is refused with 429 (and fails when it never is). */
async function firstThrottled(send: (attempt: number) => Promise<Response>, most = 40): Promise<Response> {
  for (let attempt = 0; attempt < most; attempt++) {
    const response = await send(attempt);
    if (response.status === 429) return response;
  }
  throw new Error(`no 429 after ${most} tries`);
}

const memberCookie = async (options: Parameters<typeof createTestUser>[0] = {}) => {
  const user = await createTestUser(options);
  return { user, cookie: await sessionCookieFor(user.id) };
};

let world: Awaited<ReturnType<typeof setUpTopicWorld>>;
let group: Awaited<ReturnType<typeof makeGroup>>;
let topicId: number;

beforeAll(async () => {
  world = await setUpTopicWorld();
  group = await makeGroup("public");
  const [topic] = await db.insert(topics).values({ title: "Ein offenes Anliegen", body: "Text", authorId: world.member.id, approvedAt: new Date() }).returning({ id: topics.id });
  topicId = topic!.id;
});

/** The forms that answer 429, by the file that answers it, each driven until it does. */
const SITES: [string, () => Promise<Response>][] = [
  [
    "app/routes/open-mic.neu.tsx",
    async () => {
      const { cookie } = await memberCookie();
      return firstThrottled((attempt) => post(newTopicAction, "/open-mic/neu", { title: `Anliegen Nummer ${attempt}`, body: `Text ${attempt}`, category: "sprache" }, { cookie }));
    },
  ],
  [
    "app/routes/open-mic.$id/data.server.ts",
    async () => {
      const { cookie } = await memberCookie();
      return firstThrottled((attempt) => post(topicAction, `/open-mic/${topicId}`, { intent: "reply", body: `Antwort ${attempt}` }, { cookie, params: { id: String(topicId) } }));
    },
  ],
  [
    "app/routes/open-mic.$id/data.server.ts (flag)",
    async () => {
      const flagger = await topicPerson("Meldet viel");
      for (let index = 0; index < TOPIC_LIMITS.flag.capacity; index++) await consumeRateLimit(db, `open-mic-flag:user:${flagger.id}`, TOPIC_LIMITS.flag);
      return post(topicAction, `/open-mic/${topicId}`, { intent: "flag", reason: "spam" }, { cookie: flagger.cookie, params: { id: String(topicId) } });
    },
  ],
  [
    "app/routes/arbeitsgruppen.$slug_.themen.neu.tsx",
    async () => {
      const { user, cookie } = await memberCookie();
      await join(group.id, { id: user.id, cookie });
      return firstThrottled((attempt) =>
        post(newThreadAction, `/arbeitsgruppen/${group.slug}/themen/neu`, { title: `Thema ${attempt}`, body: `Beitrag ${attempt}` }, { cookie, params: { slug: group.slug } }),
      );
    },
  ],
  [
    "app/routes/arbeitsgruppen.$slug_.themen.$id/data.server.ts",
    async () => {
      const { user, cookie } = await memberCookie();
      await join(group.id, { id: user.id, cookie });
      const opened = await post(newThreadAction, `/arbeitsgruppen/${group.slug}/themen/neu`, { title: "Ein Thema", body: "Der Anfang" }, { cookie, params: { slug: group.slug } });
      const threadId = /themen\/([0-9a-f-]{36})/.exec(opened.headers.get("Location") ?? "")![1]!;
      const url = `/arbeitsgruppen/${group.slug}/themen/${threadId}`;
      return firstThrottled((attempt) => post(threadAction, url, { intent: "reply", body: `Antwort ${attempt}` }, { cookie, params: { slug: group.slug, id: threadId } }));
    },
  ],
  [
    "app/modules/directory/suggestions.server.ts",
    async () => {
      const { cookie } = await memberCookie();
      const url = `/verzeichnis/partner/${world.partnerSlug}`;
      return firstThrottled((attempt) => post(partnerAction, url, { intent: "suggest", message: `Die Telefonnummer stimmt nicht (${attempt}).` }, { cookie, params: { slug: world.partnerSlug } }));
    },
  ],
  [
    "app/routes/konto.daten/data.server.ts",
    async () => {
      const { user, cookie } = await memberCookie();
      return firstThrottled(async () => {
        // One export at a time: the one before counts as made.
        await db.update(dataExports).set({ status: "ready" }).where(eq(dataExports.userId, user.id));
        return post(dataAction, "/konto/daten", { intent: "export" }, { cookie });
      });
    },
  ],
  [
    "app/routes/konto.daten/data.server.ts (deletion)",
    async () => {
      const { cookie } = await memberCookie();
      return firstThrottled((attempt) => post(dataAction, "/konto/daten", { intent: "delete", currentPassword: `falsch ${attempt}`, confirm: "on" }, { cookie, address: "192.0.2.31" }));
    },
  ],
  [
    "app/routes/konto.passwort.tsx",
    async () => {
      const { cookie } = await memberCookie();
      return firstThrottled((attempt) => post(passwordAction, "/konto/passwort", { currentPassword: `falsch ${attempt}`, newPassword: "ein ganz neuer Satz 2026" }, { cookie, address: "192.0.2.32" }));
    },
  ],
  [
    "app/routes/konto.profil.tsx",
    async () => {
      const { cookie } = await memberCookie();
      return firstThrottled((attempt) => post(profileAction, "/konto/profil", { intent: "email", email: uniqueEmail("neu"), currentPassword: `falsch ${attempt}` }, { cookie, address: "192.0.2.33" }));
    },
  ],
  [
    "app/routes/konto.zwei-faktor.tsx",
    async () => {
      const user = await createTestUserWithTotp();
      const cookie = await sessionCookieFor(user.id);
      return firstThrottled((attempt) => post(twoFactorAction, "/konto/zwei-faktor", { intent: "disable", password: `falsch ${attempt}` }, { cookie, address: "192.0.2.34" }));
    },
  ],
  [
    "app/routes/anmelden.tsx",
    async () => {
      const email = uniqueEmail("anmelden");
      return firstThrottled((attempt) => post(signInAction, "/anmelden", { email, password: `falsch ${attempt}` }, { address: "192.0.2.35" }));
    },
  ],
  [
    "app/routes/anmelden_.code.tsx",
    async () => {
      const user = await createTestUserWithTotp();
      const signedIn = await post(signInAction, "/anmelden", { email: user.email, password: TEST_PASSWORD }, { address: "192.0.2.36" });
      const cookie = cookiesFrom(signedIn);
      return firstThrottled(() => post(codeAction, "/anmelden/code", { code: "000000" }, { cookie, address: "192.0.2.36" }));
    },
  ],
  [
    "app/routes/passwort-vergessen.tsx",
    async () => {
      const { user } = await memberCookie();
      return firstThrottled(() => post(forgotAction, "/passwort-vergessen", { email: user.email }, { address: "192.0.2.37" }));
    },
  ],
  [
    "app/routes/registrieren.tsx",
    async () => firstThrottled(() => post(registerAction, "/registrieren", { displayName: "Viele Konten", email: uniqueEmail("viele"), password: TEST_PASSWORD }, { address: "192.0.2.38" })),
  ],
  ["app/routes/barrierefreiheit.tsx", async () => firstThrottled((attempt) => post(feedbackAction, "/barrierefreiheit", { message: `Barriere Nummer ${attempt}` }, { address: "192.0.2.39" }))],
  [
    "app/routes/verwaltung.personen.$id/data.server.ts",
    async () => {
      const { cookie } = await memberCookie({ role: "admin" });
      const { user: target } = await memberCookie();
      return firstThrottled(() => post(personAction, `/verwaltung/personen/${target.id}`, { intent: "reset" }, { cookie, params: { id: target.id } }));
    },
  ],
];

describe("every 429 carries Retry-After", () => {
  test.each(SITES)("%s", async (_file, refuse) => {
    const response = await refuse();
    expect(response.status).toBe(429);
    expect(response.headers.get("Retry-After")).toMatch(/^[1-9]\d*$/);
    // Where the form names the wait too, it is the same number.
    const text = JSON.stringify(await response.json());
    const inMessage = /\|(\d+)"/.exec(text)?.[1];
    if (inMessage) expect(inMessage).toBe(response.headers.get("Retry-After"));
  });

  test("the list above holds every file in app/ that answers 429", () => {
    const covered = new Set(SITES.map(([file]) => file.split(" ")[0]!));
    const root = path.resolve(import.meta.dirname, "..");
    const answering = (readdirSync(path.join(root, "app"), { recursive: true, encoding: "utf8" }) as string[])
      .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
      .map((file) => `app/${file.split(path.sep).join("/")}`)
      .filter((file) => {
        const code = readFileSync(path.join(root, file), "utf8");
        // A literal 429 status, or a refusal mapped by refusalReply that may be "throttled".
        return /status: [^,}]*\b429\b/.test(code) || (/refusalReply\(/.test(code) && /throttled: \{ message/.test(code));
      });
    // The read limits and the shared helpers answer 429 with Retry-After on their own (tested elsewhere).
    const elsewhere = ["app/utils/read-limits.server.ts", "app/utils/http.ts"];
    expect(answering.filter((file) => !covered.has(file) && !elsewhere.includes(file))).toEqual([]);
  });
});
