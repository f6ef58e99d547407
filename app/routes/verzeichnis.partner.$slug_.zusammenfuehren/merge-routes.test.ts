import { randomBytes } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { partnerMembers, partners, services, type UserRole } from "#db/schema";
import { importUpload } from "#app/modules/directory/import/import-upload.server";
import { writeTempFile } from "#app/modules/directory/import/import-test-support.server";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, withParams } from "#test/factories";
import { action, loader } from "./route";

type Who = "guest" | "editor" | UserRole;
const ROLES: Who[] = ["guest", "member", "editor", "coordinator", "admin"];
const allowed = (who: Who) => who === "coordinator" || who === "admin";
const tag = () => randomBytes(3).toString("hex");

/** Two partners: the duplicate (with a service and an editor) and the one that stays. */
async function pair() {
  const key = tag();
  const [from] = await db
    .insert(partners)
    .values({ slug: `doppelt-${key}`, name: `Doppelt ${key}`, kind: "verein" })
    .returning();
  const [into] = await db
    .insert(partners)
    .values({ slug: `bleibt-${key}`, name: `Bleibt ${key}`, kind: "verein" })
    .returning();
  const [service] = await db
    .insert(services)
    .values({ partnerId: from!.id, slug: `angebot-${key}`, name: `Angebot ${key}` })
    .returning();
  const editor = await createTestUser({ displayName: `Redaktion ${key}` });
  await db.insert(partnerMembers).values({ partnerId: from!.id, userId: editor.id });
  return { from: from!, into: into!, service: service!, editor };
}

async function cookieFor(who: Who, editorId: string): Promise<{ cookie?: string }> {
  if (who === "guest") return {};
  const userId = who === "editor" ? editorId : (await createTestUser({ role: who })).id;
  return { cookie: await sessionCookieFor(userId) };
}

const path = (slug: string) => `/verzeichnis/partner/${slug}/zusammenfuehren`;
const load = (slug: string, cookie: { cookie?: string }, query = "") => run(withParams(loader as (args: LoaderFunctionArgs) => unknown, { slug }), getRequest(`${path(slug)}${query}`, cookie));
const post = (slug: string, fields: Record<string, string>, cookie: { cookie?: string }) =>
  run(withParams(action as (args: ActionFunctionArgs) => unknown, { slug }), formRequest(path(slug), fields, cookie));
type Answer = { result: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> } };

/** A guest is sent to sign in; members and the partner's own editors get 403; coordination gets the status. */
function expectAnswer(response: Response, who: Who, status: number, slug: string) {
  if (who === "guest") {
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(new RegExp(`^/anmelden\\?redirectTo=${encodeURIComponent(path(slug))}`));
  } else {
    expect(response.status, who).toBe(allowed(who) ? status : 403);
  }
}

describe("who merges partners at /verzeichnis/partner/:slug/zusammenfuehren", () => {
  test.each(ROLES)("%s: the page with its preview", async (who) => {
    const { from, into, editor } = await pair();
    const response = await load(from.slug, await cookieFor(who, editor.id), `?in=${into.slug}`);
    expectAnswer(response, who, 200, from.slug);
    if (allowed(who)) {
      const data = (await response.json()) as { moves: Record<string, number>; into: { slug: string } | null; targets: { slug: string }[] };
      expect(data.moves).toEqual({ services: 1, locations: 0, editors: 1, people: 0 });
      expect(data.into?.slug).toBe(into.slug);
      expect(data.targets.some((target) => target.slug === from.slug)).toBe(false);
    }
  });

  test.each(ROLES)("%s: merging (direct POST)", async (who) => {
    const { from, into, service, editor } = await pair();
    const response = await post(from.slug, { into: into.slug }, await cookieFor(who, editor.id));
    expectAnswer(response, who, 303, from.slug);
    const [moved] = await db.select({ partnerId: services.partnerId }).from(services).where(eq(services.id, service.id));
    expect(moved!.partnerId).toBe(allowed(who) ? into.id : from.id);
    if (allowed(who)) {
      expect(response.headers.get("Location")).toBe(`/verzeichnis/partner/${into.slug}`);
      expect(response.headers.get("Set-Cookie")).toContain("kw_toast");
    }
  });

  test("an unknown partner is 404 for coordination", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const cookie = { cookie: await sessionCookieFor(coordinator.id) };
    expect((await load(`gibt-es-nicht-${tag()}`, cookie)).status).toBe(404);
    expect((await post(`gibt-es-nicht-${tag()}`, { into: "egal" }, cookie)).status).toBe(404);
  });

  test("bad choices are answered at the field, keep the choice and change nothing", async () => {
    const { from, into, service } = await pair();
    const coordinator = await createTestUser({ role: "coordinator" });
    const cookie = { cookie: await sessionCookieFor(coordinator.id) };
    const cases: [Record<string, string>, string][] = [
      [{}, "partnerMerge.validation.chooseInto"],
      [{ into: from.slug }, "partnerMerge.validation.same"],
      [{ into: `weg-${tag()}` }, "partnerMerge.validation.unknown"],
    ];
    await db.update(partners).set({ status: "archived" }).where(eq(partners.id, into.id));
    cases.push([{ into: into.slug }, "partnerMerge.validation.archived"]);
    for (const [fields, message] of cases) {
      const response = await post(from.slug, fields, cookie);
      expect(response.status).toBe(400);
      const { result } = (await response.json()) as Answer;
      expect(result.error?.into).toEqual([message]);
      if (fields.into) expect(result.initialValue?.into).toBe(fields.into);
    }
    const [kept] = await db.select({ partnerId: services.partnerId }).from(services).where(eq(services.id, service.id));
    expect(kept!.partnerId).toBe(from.id);
  });

  test("the import report links each likely duplicate it created to the merge page", async () => {
    const key = tag();
    await db.insert(partners).values({ slug: `jmd-${key}`, name: `Jugendmigrationsdienst ${key}`, kind: "beratungsstelle" });
    const header = "partner_key,partner_name,partner_kind,service_key,service_name,categories,target_groups,languages";
    const file = await writeTempFile(`jmd-${key}.csv`, `${header}\njmd-neu-${key},Jugendmigrationsdienst ${key},beratungsstelle,jmd-angebot-${key},Beratung ${key},beratung,jugendliche,de\n`);
    const dry = await importUpload(file, { skipInvalid: false, dryRun: true }, "de");
    expect(dry.duplicates).toEqual([]);
    const report = await importUpload(file, { skipInvalid: false, dryRun: false }, "de");
    expect(report.ok).toBe(true);
    const [created] = await db
      .select({ slug: partners.slug })
      .from(partners)
      .where(eq(partners.externalId, `jmd-neu-${key}`));
    expect(report.duplicates).toEqual([{ from: { slug: created!.slug, name: `Jugendmigrationsdienst ${key}` }, into: { slug: `jmd-${key}`, name: `Jugendmigrationsdienst ${key}` } }]);
  });
});
