import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { searchSynonyms, taxonomyTerms, type UserRole } from "#db/schema";
import { taxonomySeed } from "#app/modules/directory/standard-taxonomy";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor } from "#test/factories";
import { action, loader } from "./route";

type Who = "guest" | UserRole;
const ROLES: Who[] = ["guest", "member", "coordinator", "admin"];
const PATH = "/verzeichnis/suchbegriffe";
type Answer = { form: string; result: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> } };

async function cookieFor(who: Who): Promise<{ cookie?: string }> {
  if (who === "guest") return {};
  const user = await createTestUser({ role: who });
  return { cookie: await sessionCookieFor(user.id) };
}

const allowed = (who: Who) => who === "coordinator" || who === "admin";

/** A guest is sent to sign in, a member gets 403, coordinators and admins the status. */
function expectAnswer(response: Response, who: Who, status: number) {
  if (who === "guest") {
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/anmelden\?redirectTo=%2Fverzeichnis%2Fsuchbegriffe/);
  } else expect(response.status, who).toBe(allowed(who) ? status : 403);
}

const post = (fields: Record<string, string>, cookie: { cookie?: string }) => run(action as (args: ActionFunctionArgs) => unknown, formRequest(PATH, fields, cookie));
const groups = () => db.select({ id: searchSynonyms.id, words: searchSynonyms.words }).from(searchSynonyms);

beforeAll(async () => {
  await db
    .insert(taxonomyTerms)
    .values(taxonomySeed.map((term, position) => ({ ...term, position })))
    .onConflictDoNothing();
});
beforeEach(async () => {
  await db.delete(searchSynonyms);
});

describe("who sees and uses /verzeichnis/suchbegriffe", () => {
  test.each(ROLES)("%s: the page", async (who) => {
    expectAnswer(await run(loader as (args: LoaderFunctionArgs) => unknown, getRequest(PATH, await cookieFor(who))), who, 200);
  });

  test.each(ROLES)("%s: adding, editing and deleting a synonym group (direct POSTs)", async (who) => {
    const cookie = await cookieFor(who);
    expectAnswer(await post({ intent: "create", words: "Elterngeld, Basiselterngeld" }, cookie), who, 303);
    expect(await groups()).toEqual(allowed(who) ? [expect.objectContaining({ words: ["elterngeld", "basiselterngeld"] })] : []);
    // Members and guests act on a coordinator's group.
    if (!allowed(who)) await db.insert(searchSynonyms).values({ words: ["elterngeld", "basiselterngeld"] });
    const [group] = await groups();
    expectAnswer(await post({ intent: "update", id: group!.id, words: "elterngeld\nelterngeld plus" }, cookie), who, 303);
    expect((await groups())[0]!.words).toEqual(allowed(who) ? ["elterngeld", "elterngeld plus"] : ["elterngeld", "basiselterngeld"]);
    expectAnswer(await post({ intent: "delete", id: group!.id }, cookie), who, 303);
    expect(await groups()).toHaveLength(allowed(who) ? 0 : 1);
  });

  test.each(ROLES)("%s: extra keywords of a term (direct POST)", async (who) => {
    const [term] = await db.select().from(taxonomyTerms).where(eq(taxonomyTerms.slug, "kinder-familie"));
    await db.update(taxonomyTerms).set({ keywords: [] }).where(eq(taxonomyTerms.id, term!.id));
    expectAnswer(await post({ intent: "keywords", termId: term!.id, keywords: "Kita, Krabbelgruppe" }, await cookieFor(who)), who, 303);
    const [after] = await db.select().from(taxonomyTerms).where(eq(taxonomyTerms.id, term!.id));
    expect(after!.keywords).toEqual(allowed(who) ? ["kita", "krabbelgruppe"] : []);
  });
});

describe("bad input", () => {
  test("a group of one word, of eleven words or with a word over 60 characters is answered at the field, kept as typed, and changes nothing", async () => {
    const cookie = await cookieFor("coordinator");
    for (const [typed, message] of [
      ["nur ein wort", "searchVocabulary.validation.tooFew|2"],
      [Array.from({ length: 11 }, (_, index) => `wort${index}`).join(", "), "searchVocabulary.validation.tooMany|10"],
      [`kurz, ${"x".repeat(61)}`, "searchVocabulary.validation.wordTooLong|60"],
    ] as const) {
      const response = await post({ intent: "create", words: typed }, cookie);
      expect(response.status).toBe(400);
      const { form, result } = (await response.json()) as Answer;
      expect(form).toBe("new");
      expect(result.error?.words).toEqual([message]);
      expect(result.initialValue?.words).toBe(typed);
    }
    expect(await groups()).toEqual([]);
  });

  test("editing a group with bad words answers at that group's field; a gone group says so; an unknown intent or id is a 400", async () => {
    const cookie = await cookieFor("admin");
    const [group] = await db
      .insert(searchSynonyms)
      .values({ words: ["a1", "b1"] })
      .returning();
    const bad = await post({ intent: "update", id: group!.id, words: "a1" }, cookie);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Answer).form).toBe(group!.id);
    expect((await groups())[0]!.words).toEqual(["a1", "b1"]);
    await db.delete(searchSynonyms);
    const gone = await post({ intent: "update", id: group!.id, words: "a1, b1" }, cookie);
    expect(gone.status).toBe(400);
    expect(((await gone.json()) as Answer).result.error?.[""]).toEqual(["searchVocabulary.validation.gone"]);
    expect((await post({ intent: "update", id: "kein-uuid", words: "a, b" }, cookie)).status).toBe(400);
    expect((await post({ intent: "loeschen" }, cookie)).status).toBe(400);
  });

  test("more than 20 keywords for a term are refused at the field", async () => {
    const [term] = await db.select().from(taxonomyTerms).where(eq(taxonomyTerms.slug, "sprache"));
    const typed = Array.from({ length: 21 }, (_, index) => `wort${index}`).join(", ");
    const response = await post({ intent: "keywords", termId: term!.id, keywords: typed }, await cookieFor("coordinator"));
    expect(response.status).toBe(400);
    const { form, result } = (await response.json()) as Answer;
    expect(form).toBe(`term:${term!.id}`);
    expect(result.error?.keywords).toEqual(["searchVocabulary.validation.tooMany|20"]);
    expect(result.initialValue?.keywords).toBe(typed);
  });
});
