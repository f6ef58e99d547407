import fs from "node:fs/promises";
import path from "node:path";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { count, eq } from "drizzle-orm";
import { db } from "#db/client";
import { accessibilityFeedback, users, type UserRole } from "#db/schema";
import { action, loader } from "#app/routes/barrierefreiheit";
import { action as listAction, loader as listLoader } from "#app/routes/verwaltung.barrierefreiheit";
import { languageCookie } from "#app/utils/i18n.server";
import { decodeQuotedPrintable, waitForMail } from "#test/mail";
import { cookiesFrom, createTestUser, formRequest, getRequest, run, sessionCookieFor, testContext } from "#test/factories";
import { FEEDBACK_LIMITS } from "./accessibility-rules";

type Who = "guest" | UserRole;
type Handler = (args: ActionFunctionArgs | LoaderFunctionArgs) => unknown;

const cookieOf = async (who: Who) => (who === "guest" ? undefined : await sessionCookieFor((await createTestUser({ role: who })).id));
const langCookie = async (lang: string) => (await languageCookie.serialize(lang)).split(";")[0]!;

const send = (fields: Record<string, string>, options: { cookie?: string; address?: string } = {}) =>
  run(action as Handler, formRequest("/barrierefreiheit", fields, { cookie: options.cookie }), testContext(options.address));
const feedbackRows = () => db.select().from(accessibilityFeedback);
const feedbackCount = async () => (await db.select({ n: count() }).from(accessibilityFeedback))[0]!.n;

/** Whether any mail in the outbox is addressed to this address. */
async function mailedTo(address: string): Promise<boolean> {
  const dir = path.join(process.env.DATA_DIR!, "mail");
  const files = await fs.readdir(dir).catch(() => [] as string[]);
  for (const file of files) if (decodeQuotedPrintable(await fs.readFile(path.join(dir, file), "utf8")).includes(`To: ${address}`)) return true;
  return false;
}

describe("the statement", () => {
  test("everyone reads it; the form names the page the visitor came from, never another site's", async () => {
    const from = (referer: string) => new Request("http://localhost:3000/barrierefreiheit", { headers: { Referer: referer } });
    const own = (await (await run(loader as Handler, from("http://localhost:3000/open-mic/12?x=1"))).json()) as { defaults: { pageUrl: string; name: string } };
    expect(own.defaults).toEqual({ pageUrl: "/open-mic/12?x=1", name: "", email: "" });
    const foreign = (await (await run(loader as Handler, from("https://anderswo.example/seite"))).json()) as { defaults: { pageUrl: string } };
    expect(foreign.defaults.pageUrl).toBe("");
  });

  test("a member finds their name and address filled in", async () => {
    const member = await createTestUser({ displayName: "Mira Mitglied" });
    const data = (await (await run(loader as Handler, getRequest("/barrierefreiheit", { cookie: await sessionCookieFor(member.id) }))).json()) as { defaults: Record<string, string> };
    expect(data.defaults).toMatchObject({ name: "Mira Mitglied", email: member.email });
  });
});

describe("sending feedback", () => {
  test("a guest's feedback is stored with the page's language and mailed to every coordinator and admin in their own language", async () => {
    const coordinator = await createTestUser({ role: "coordinator", displayName: "Cora Koordination" });
    const admin = await createTestUser({ role: "admin", displayName: "Adam Admin" });
    await db.update(users).set({ locale: "en" }).where(eq(users.id, admin.id));
    const blocked = await createTestUser({ role: "coordinator" });
    await db.update(users).set({ blockedAt: new Date() }).where(eq(users.id, blocked.id));
    const member = await createTestUser();

    const response = await send(
      { message: "Der Knopf „Suchen“ hat keinen Namen für den Screenreader.", pageUrl: "/verzeichnis", name: "Gül Gast", email: "Gul.Gast@Test.Example", website: "" },
      { cookie: await langCookie("ar") },
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/barrierefreiheit");
    expect(cookiesFrom(response)).toMatch(/^kw_toast=/);

    const [row] = (await feedbackRows()).filter((item) => item.email === "gul.gast@test.example");
    expect(row).toMatchObject({ message: "Der Knopf „Suchen“ hat keinen Namen für den Screenreader.", pageUrl: "/verzeichnis", name: "Gül Gast", language: "ar", senderId: null, handledAt: null });

    const german = await waitForMail(coordinator.email);
    expect(german).toContain("über die Erklärung zur Barrierefreiheit ist eine Rückmeldung eingegangen:");
    expect(german).toContain("Hallo Cora Koordination,");
    expect(german).toContain("> Der Knopf „Suchen“ hat keinen Namen für den Screenreader.");
    expect(german).toContain("Sprache der Seite: العربية");
    expect(german).toContain("Reply-To: gul.gast@test.example");
    expect(german).toContain("/verwaltung/barrierefreiheit");
    const english = await waitForMail(admin.email);
    expect(english).toContain("Subject: New accessibility feedback");
    expect(english).toContain("Language of the page: العربية");
    expect(await mailedTo(blocked.email)).toBe(false);
    expect(await mailedTo(member.email)).toBe(false);
  });

  test("a signed-in member's feedback is linked to their account; without an address the mail says no answer is possible", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const member = await createTestUser();
    const response = await send({ message: "Die Tabelle ist auf dem Telefon zu breit.", pageUrl: "", name: "", email: "" }, { cookie: await sessionCookieFor(member.id) });
    expect(response.status).toBe(303);
    const rows = (await feedbackRows()).filter((item) => item.senderId === member.id);
    expect(rows).toEqual([expect.objectContaining({ message: "Die Tabelle ist auf dem Telefon zu breit.", pageUrl: null, name: null, email: null, language: "de" })]);
    const mail = await waitForMail(coordinator.email);
    expect(mail).toContain("Gesendet von einem angemeldeten Mitglied.");
    expect(mail).toContain("Es wurde keine E-Mail-Adresse angegeben");
    expect(mail).not.toContain("Reply-To:");
  });

  test("bad input gets its message at the field, keeps what was typed and stores nothing (400)", async () => {
    const before = await feedbackCount();
    const response = await send({ message: "   ", pageUrl: "/open-mic", name: "Nina", email: "keine-adresse" });
    expect(response.status).toBe(400);
    const { result } = (await response.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    expect(result.error.message).toEqual(["validation.required"]);
    expect(result.error.email).toEqual(["validation.email"]);
    expect(result.initialValue).toMatchObject({ pageUrl: "/open-mic", name: "Nina", email: "keine-adresse" });

    const long = await send({ message: "x".repeat(5001) });
    expect(long.status).toBe(400);
    expect(((await long.json()) as { result: { error: Record<string, string[]> } }).result.error.message).toEqual(["accessibility.feedback.messageLong"]);

    // The honeypot: a filled one is refused at the form, as on the other public forms.
    const bot = await send({ message: "Kaufen Sie jetzt!", website: "https://spam.example" });
    expect(bot.status).toBe(400);
    expect(((await bot.json()) as { result: { error: Record<string, string[]> } }).result.error[""]).toEqual(["validation.spam"]);
    expect(await feedbackCount()).toBe(before);
  });

  test("one address may send five, then waits: 429 with Retry-After, the text kept, nothing stored", async () => {
    const address = "192.0.2.77";
    for (let index = 0; index < FEEDBACK_LIMITS.address.capacity; index++) {
      expect((await send({ message: `Barriere Nummer ${index}` }, { address })).status).toBe(303);
    }
    const before = await feedbackCount();
    const refused = await send({ message: "Noch eine Barriere" }, { address });
    expect(refused.status).toBe(429);
    const wait = refused.headers.get("Retry-After");
    expect(Number(wait)).toBeGreaterThan(500);
    const { result } = (await refused.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    expect(result.error[""]).toEqual([`validation.throttled|${wait}`]);
    expect(result.initialValue.message).toBe("Noch eine Barriere");
    expect(await feedbackCount()).toBe(before);
    // Another address is not held back.
    expect((await send({ message: "Von woanders" }, { address: "192.0.2.78" })).status).toBe(303);
  });
});

describe("the coordinators' list", () => {
  const list = async (who: Who, query = "") => run(listLoader as Handler, getRequest(`/verwaltung/barrierefreiheit${query}`, { cookie: await cookieOf(who) }));

  test.each<[Who, number]>([
    ["guest", 302],
    ["member", 403],
    ["coordinator", 200],
    ["admin", 200],
  ])("%s: the list answers %i", async (who, status) => {
    const response = await list(who);
    expect(response.status).toBe(status);
    if (who === "guest") expect(response.headers.get("Location")).toBe("/anmelden?redirectTo=%2Fverwaltung%2Fbarrierefreiheit");
  });

  test("a coordinator marks feedback as handled and opens it again; a member's direct POST changes nothing", async () => {
    const [item] = await db.insert(accessibilityFeedback).values({ message: "Kontrast der Knöpfe zu schwach", language: "uk" }).returning({ id: accessibilityFeedback.id });
    const id = item!.id;
    const coordinator = await createTestUser({ role: "coordinator", displayName: "Kai Koordination" });
    const cookie = await sessionCookieFor(coordinator.id);
    const post = (fields: Record<string, string>, as = cookie, query = "") => run(listAction as Handler, formRequest(`/verwaltung/barrierefreiheit${query}`, fields, { cookie: as }));
    const state = async () => (await db.select().from(accessibilityFeedback).where(eq(accessibilityFeedback.id, id)))[0]!;

    const member = await sessionCookieFor((await createTestUser()).id);
    expect((await post({ intent: "handle", id }, member)).status).toBe(403);
    expect((await state()).handledAt).toBeNull();

    const open = (await (await list("coordinator")).json()) as { items: { id: string; languageName: string }[]; open: number };
    expect(open.items.find((entry) => entry.id === id)).toMatchObject({ languageName: "Українська" });

    const handled = await post({ intent: "handle", id }, cookie, "?seite=2");
    expect(handled.status).toBe(303);
    expect(handled.headers.get("Location")).toBe("/verwaltung/barrierefreiheit?seite=2");
    expect(await state()).toMatchObject({ handledBy: coordinator.id });
    const done = (await (await run(listLoader as Handler, getRequest("/verwaltung/barrierefreiheit?status=erledigt", { cookie }))).json()) as { items: { id: string; handledByName: string }[] };
    expect(done.items.find((entry) => entry.id === id)).toMatchObject({ handledByName: "Kai Koordination" });
    const stillOpen = (await (await run(listLoader as Handler, getRequest("/verwaltung/barrierefreiheit", { cookie }))).json()) as { items: { id: string }[] };
    expect(stillOpen.items.map((entry) => entry.id)).not.toContain(id);

    expect((await post({ intent: "reopen", id }, cookie, "?status=erledigt")).headers.get("Location")).toBe("/verwaltung/barrierefreiheit?status=erledigt");
    expect(await state()).toMatchObject({ handledAt: null, handledBy: null });

    expect((await post({ intent: "handle", id: "00000000-0000-4000-8000-000000000000" })).status).toBe(404);
    expect((await post({ intent: "handle", id: "keine-id" })).status).toBe(400);
    expect((await post({ intent: "löschen", id })).status).toBe(400);
  });
});

test("German stays the language of the mail for a coordinator without a choice, whatever the sender's page", async () => {
  const coordinator = await createTestUser({ role: "coordinator" });
  await send({ message: "Тест" }, { cookie: await langCookie("uk") });
  expect(await waitForMail(coordinator.email)).toContain("Sprache der Seite: Українська");
});
