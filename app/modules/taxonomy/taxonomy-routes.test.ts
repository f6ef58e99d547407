import { randomBytes } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { taxonomyTerms, type UserRole } from "#db/schema";
import { action as editAction, loader as editLoader } from "#app/routes/verzeichnis.themen.$id";
import { action as listAction, loader as listLoader } from "#app/routes/verzeichnis.themen._index/route";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, withParams } from "#test/factories";
import { addTerm } from "./taxonomy.server";

type Who = "guest" | UserRole;
const ROLES: Who[] = ["guest", "member", "coordinator", "admin"];
const PATH = "/verzeichnis/themen";
const allowed = (who: Who) => who === "coordinator" || who === "admin";
const tag = () => randomBytes(3).toString("hex");

async function cookieFor(who: Who): Promise<{ cookie?: string }> {
  if (who === "guest") return {};
  const user = await createTestUser({ role: who, displayName: `Prüfung ${who}` });
  return { cookie: await sessionCookieFor(user.id) };
}

/** A guest is sent to sign in; members get 403; coordination gets the status. */
function expectAnswer(response: Response, who: Who, status: number) {
  if (who === "guest") {
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/anmelden\?redirectTo=%2Fverzeichnis%2Fthemen/);
  } else {
    expect(response.status, who).toBe(allowed(who) ? status : 403);
  }
}

const post = (fields: Record<string, string>, cookie: { cookie?: string }) => run(listAction as (args: ActionFunctionArgs) => unknown, formRequest(PATH, fields, cookie));
const postEdit = (id: string, fields: Record<string, string>, cookie: { cookie?: string }) =>
  run(withParams(editAction as (args: ActionFunctionArgs) => unknown, { id }), formRequest(`${PATH}/${id}`, fields, cookie));
type Answer = { form?: string; result: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> } };

async function makeTerm(kind: "category" | "target_group" = "category", label = `Begriff ${tag()}`) {
  const added = await addTerm({ kind, labels: { de: label } });
  if (!added.ok) throw new Error(added.error);
  return added.id;
}
const termRow = async (id: string) => (await db.select().from(taxonomyTerms).where(eq(taxonomyTerms.id, id)))[0];

describe("who sees and changes /verzeichnis/themen", () => {
  test.each(ROLES)("%s: the list and a term's edit page", async (who) => {
    const cookie = await cookieFor(who);
    const id = await makeTerm();
    expectAnswer(await run(listLoader as (args: LoaderFunctionArgs) => unknown, getRequest(PATH, cookie)), who, 200);
    expectAnswer(await run(withParams(editLoader as (args: LoaderFunctionArgs) => unknown, { id }), getRequest(`${PATH}/${id}`, cookie)), who, 200);
  });

  test.each(ROLES)("%s: adding a term (direct POST)", async (who) => {
    const label = `Neues Feld ${tag()}`;
    expectAnswer(await post({ intent: "add", kind: "category", "labels.de": label, "labels.en": "New field" }, await cookieFor(who)), who, 303);
    const rows = await db
      .select()
      .from(taxonomyTerms)
      .where(eq(taxonomyTerms.slug, label.toLowerCase().replace(/ /g, "-")));
    expect(rows).toHaveLength(allowed(who) ? 1 : 0);
    if (allowed(who)) expect(rows[0]!.labels).toEqual({ de: label, en: "New field" });
  });

  test.each(ROLES)("%s: renaming a term (direct POST)", async (who) => {
    const id = await makeTerm();
    const before = await termRow(id);
    expectAnswer(await postEdit(id, { "labels.de": "Umbenannt", "labels.en": "Renamed" }, await cookieFor(who)), who, 303);
    expect((await termRow(id))!.labels).toEqual(allowed(who) ? { de: "Umbenannt", en: "Renamed" } : before!.labels);
  });

  test.each(ROLES)("%s: moving, retiring and bringing back a term (direct POSTs)", async (who) => {
    const first = await makeTerm("target_group");
    const second = await makeTerm("target_group");
    const cookie = await cookieFor(who);
    expectAnswer(await post({ intent: "up", termId: second }, cookie), who, 303);
    const moved = (await termRow(second))!.position < (await termRow(first))!.position;
    expect(moved).toBe(allowed(who));
    expectAnswer(await post({ intent: "retire", termId: first }, cookie), who, 303);
    expect((await termRow(first))!.retiredAt !== null).toBe(allowed(who));
    expectAnswer(await post({ intent: "unretire", termId: first }, cookie), who, 303);
    expect((await termRow(first))!.retiredAt).toBeNull();
  });

  test.each(ROLES)("%s: merging a term into another (direct POST)", async (who) => {
    const source = await makeTerm();
    const target = await makeTerm();
    expectAnswer(await post({ intent: "merge", sourceId: source, targetId: target }, await cookieFor(who)), who, 303);
    expect(await termRow(source)).toEqual(allowed(who) ? undefined : expect.objectContaining({ id: source }));
  });
});

describe("bad input on /verzeichnis/themen", () => {
  test("an empty German label is answered at its field, with what was typed kept, and nothing is added", async () => {
    const cookie = await cookieFor("coordinator");
    const before = await db.$count(taxonomyTerms);
    const response = await post({ intent: "add", kind: "target_group", "labels.de": "  ", "labels.en": "Only English" }, cookie);
    expect(response.status).toBe(400);
    const body = (await response.json()) as Answer;
    expect(body.form).toBe("add");
    expect(body.result.error?.["labels.de"]).toEqual(["taxonomy.validation.labelRequired"]);
    expect(body.result.initialValue).toMatchObject({ kind: "target_group", labels: { en: "Only English" } });
    expect(await db.$count(taxonomyTerms)).toBe(before);
  });

  test("a German label whose slug the kind has already is answered at the German field", async () => {
    const cookie = await cookieFor("coordinator");
    const label = `Zweimal ${tag()}`;
    await makeTerm("category", label);
    const before = await db.$count(taxonomyTerms);
    const response = await post({ intent: "add", kind: "category", "labels.de": label, "labels.en": "Twice" }, cookie);
    expect(response.status).toBe(400);
    const body = (await response.json()) as Answer;
    expect(body.result.error?.["labels.de"]).toEqual(["taxonomy.validation.slugTaken"]);
    expect(body.result.initialValue).toMatchObject({ labels: { de: label, en: "Twice" } });
    expect(await db.$count(taxonomyTerms)).toBe(before);
  });

  test("renaming to an empty German label is refused at the field and keeps the old labels", async () => {
    const cookie = await cookieFor("admin");
    const id = await makeTerm();
    const before = await termRow(id);
    const response = await postEdit(id, { "labels.de": "", "labels.en": "Kept" }, cookie);
    expect(response.status).toBe(400);
    const body = (await response.json()) as Answer["result"];
    expect(body.error?.["labels.de"]).toEqual(["taxonomy.validation.labelRequired"]);
    expect(body.initialValue).toMatchObject({ labels: { en: "Kept" } });
    expect((await termRow(id))!.labels).toEqual(before!.labels);
  });

  test("merging a term into itself or across kinds is answered at the target field and changes nothing", async () => {
    const cookie = await cookieFor("coordinator");
    const category = await makeTerm("category");
    const group = await makeTerm("target_group");
    for (const [targetId, message] of [
      [category, "taxonomy.validation.mergeSame"],
      [group, "taxonomy.validation.mergeOtherKind"],
    ] as const) {
      const response = await post({ intent: "merge", sourceId: category, targetId }, cookie);
      expect(response.status).toBe(400);
      const body = (await response.json()) as Answer;
      expect(body.result.error?.targetId).toEqual([message]);
      expect(body.result.initialValue).toMatchObject({ sourceId: category, targetId });
    }
    expect(await termRow(category)).toBeDefined();
    expect(await termRow(group)).toBeDefined();
  });

  test("an unknown term answers 404, an unknown intent 400", async () => {
    const cookie = await cookieFor("coordinator");
    expect((await post({ intent: "retire", termId: "00000000-0000-4000-8000-000000000000" }, cookie)).status).toBe(404);
    expect((await post({ intent: "explode" }, cookie)).status).toBe(400);
    expect((await run(withParams(editLoader as (args: LoaderFunctionArgs) => unknown, { id: "nope" }), getRequest(`${PATH}/nope`, cookie))).status).toBe(404);
  });
});
