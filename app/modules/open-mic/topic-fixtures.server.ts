import { eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { partnerMembers, partners, taxonomyTerms, topicEvents, topics, workingGroups } from "#db/schema";
import { applySearchSettings } from "#search/reindex";
import { demoGroups } from "#app/modules/demo/groups.server";
import { taxonomySeed } from "#app/modules/directory/standard-taxonomy";
import { loader as listLoader } from "#app/routes/open-mic._index";
import { action as topicAction, loader as topicLoader } from "#app/routes/open-mic.$id/route";
import { action as newAction } from "#app/routes/open-mic.neu";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, testContext, withParams } from "#test/factories";
import { issueFormToken } from "./form-timing.server";

// For the tests of topics and taking part (never imported by the app): the world they share and
// requests to the Open Mic's pages. Each test file sets up its own world in its own database.

export type Person = { id: string; cookie: string; name: string };

export async function person(displayName: string, role: "member" | "coordinator" = "member"): Promise<Person> {
  const user = await createTestUser({ displayName, role });
  return { id: user.id, cookie: await sessionCookieFor(user.id), name: displayName };
}

let author: Person | null = null;
let sprache = "";

/** The Themenfelder, the demo groups, four people and a partner whose editor is one of them. */
export async function setUpTopicWorld() {
  await applySearchSettings();
  await db.insert(taxonomyTerms).values(taxonomySeed.map((term, position) => ({ ...term, position })));
  const categoryIds: Record<string, string> = {};
  for (const row of await db.select({ id: taxonomyTerms.id, slug: taxonomyTerms.slug }).from(taxonomyTerms).where(eq(taxonomyTerms.kind, "category"))) categoryIds[row.slug] = row.id;
  await db.insert(workingGroups).values(demoGroups);
  const groupIds: Record<string, string> = {};
  for (const row of await db.select({ id: workingGroups.id, slug: workingGroups.slug }).from(workingGroups)) groupIds[row.slug] = row.id;
  const member = await person("Mira Mitglied");
  const otherMember = await person("Otto Anderer");
  const coordinator = await person("Karla Koordination", "coordinator");
  const editor = await person("Jens Jobcenter");
  const [partner] = await db.insert(partners).values({ slug: "jobcenter-test", name: "Jobcenter Auental", kind: "behoerde" }).returning({ id: partners.id, slug: partners.slug });
  await db.insert(partnerMembers).values({ partnerId: partner!.id, userId: editor.id });
  author = member;
  sprache = categoryIds.sprache!;
  return { member, otherMember, coordinator, editor, categoryIds, groupIds, partnerId: partner!.id, partnerSlug: partner!.slug };
}

/** A topic written straight into the database (the form is tested on its own), by the world's member. */
export async function seedTopic(values: Partial<typeof topics.$inferInsert> = {}): Promise<number> {
  if (!author) throw new Error("setUpTopicWorld() first");
  const [row] = await db
    .insert(topics)
    .values({ title: "Zu wenige Sprachkurse in Lindach", body: "Die Wartelisten sind lang.", categoryId: sprache, authorId: author.id, approvedAt: new Date(), ...values })
    .returning({ id: topics.id });
  return row!.id;
}

const oldToken = () => issueFormToken(Date.now() - 10_000);
export const guestFields = (fields: Record<string, string> = {}) => ({
  title: "Kita-Plätze in Weidenfeld fehlen",
  body: "Viele Familien warten seit Monaten.",
  category: "kinder-familie",
  startedAt: oldToken(),
  ...fields,
});

export const raise = (fields: Record<string, string>, options: { cookie?: string; address?: string } = {}) =>
  run(newAction, formRequest("/open-mic/neu", fields, { cookie: options.cookie }), testContext(options.address));
export const topicPage = (id: number | string, cookie?: string, query = "") => run(withParams(topicLoader, { id: String(id) }), getRequest(`/open-mic/${id}${query}`, { cookie }));
export const act = (id: number, fields: Record<string, string>, cookie?: string) => run(withParams(topicAction, { id: String(id) }), formRequest(`/open-mic/${id}`, fields, { cookie }));
export const list = (query = "", cookie?: string) => run(listLoader, getRequest(`/open-mic${query}`, { cookie }));

type ActionData = {
  result: { status?: string; initialValue?: Record<string, unknown>; error?: Record<string, string[] | null> };
  personalData: { type: string; snippets: string[] }[] | null;
  formToken?: string;
  similar?: unknown[];
};
export const actionData = async (response: Response) => (await response.json()) as ActionData;
/** The notice a redirect leaves for the next page (the cookie holds the key as base64 JSON). */
export const toastOf = (response: Response) => {
  const value = /kw_toast=([^;]*)/.exec(response.headers.get("Set-Cookie") ?? "")?.[1] ?? "";
  return JSON.parse(Buffer.from(decodeURIComponent(value), "base64").toString("utf8")) as string;
};
export const topicIdFrom = (response: Response) => Number(/\/open-mic\/(\d+)/.exec(response.headers.get("Location") ?? "")?.[1]);
export const topicsTitled = (title: string) => db.select().from(topics).where(eq(topics.title, title));
export const syncJobs = async (topicId: number) => (await db.execute<{ key: string }>(sql`select key from graphile_worker.jobs where key = ${`topics:${topicId}`}`)).length;
export const eventsOf = (topicId: number) => db.select().from(topicEvents).where(eq(topicEvents.topicId, topicId));

type ListData = {
  topics: { id: number; title: string; supports: number; replies: number; category: string | null; status: string }[];
  total: number;
  page: number;
  pages: number;
  waiting: { count: number; oldestDays: number | null };
};
export const listData = async (response: Response) => (await response.json()) as ListData;
