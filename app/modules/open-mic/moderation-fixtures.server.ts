import { eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { topicFlags, topicModerationLog, topicReplies, topics } from "#db/schema";
import { action as moderateAction, loader as moderateLoader } from "#app/routes/open-mic.$id_.moderieren/route";
import { action as queueAction } from "#app/routes/open-mic.moderation._index";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, withParams } from "#test/factories";

// For the moderation's tests (never imported by the app): a member who writes, one who flags, a
// coordinator, their topics, and requests to the moderation pages. Each test file sets up its own.

export type Person = { id: string; cookie: string };

async function person(role: "member" | "coordinator", displayName: string): Promise<Person> {
  const user = await createTestUser({ role, displayName });
  return { id: user.id, cookie: await sessionCookieFor(user.id) };
}

let writer: Person | null = null;
let flagger: Person | null = null;

/** Mira writes, Rudi flags, Karla coordinates. */
export async function setUpModerationWorld() {
  const member = await person("member", "Mira Mitglied");
  const reporter = await person("member", "Rudi Melder");
  const coordinator = await person("coordinator", "Karla Koordination");
  writer = member;
  flagger = reporter;
  return { member, reporter, coordinator };
}

const needed = (who: Person | null) => {
  if (!who) throw new Error("setUpModerationWorld() first");
  return who;
};

/** An approved topic by the world's member. */
export async function makeTopic(values: Partial<typeof topics.$inferInsert> = {}): Promise<number> {
  const [topic] = await db
    .insert(topics)
    .values({ title: "Dolmetscherpool für Elterngespräche", body: "Bei Elterngesprächen in der Kita fehlen Dolmetschende.", authorId: needed(writer).id, approvedAt: new Date(), ...values })
    .returning({ id: topics.id });
  return topic!.id;
}
/** A guest's topic waiting for approval. */
export const guestTopic = (values: Partial<typeof topics.$inferInsert> = {}) =>
  makeTopic({
    authorId: null,
    approvedAt: null,
    guestName: "Gast Gustav",
    guestEmail: "gustav@test.example",
    title: "Sprechstunde der Ausländerbehörde in Lindach",
    body: "Bitte eine Sprechstunde vor Ort.",
    ...values,
  });

export async function makeReply(topicId: number, body = "Wir haben gute Erfahrungen mit dem Sprachmittlerpool gemacht.", values: Partial<typeof topicReplies.$inferInsert> = {}): Promise<string> {
  const [reply] = await db
    .insert(topicReplies)
    .values({ topicId, authorId: needed(writer).id, body, ...values })
    .returning({ id: topicReplies.id });
  return reply!.id;
}
/** An open flag by the world's reporter. */
export async function flag(topicId: number, replyId: string | null, reason: "spam" | "personal_data" = "spam", note = ""): Promise<string> {
  const [row] = await db
    .insert(topicFlags)
    .values({ topicId, replyId, reporterId: needed(flagger).id, reason, note })
    .returning({ id: topicFlags.id });
  return row!.id;
}

export const topicRow = async (id: number) => (await db.select().from(topics).where(eq(topics.id, id)))[0]!;
export const replyRow = async (id: string) => (await db.select().from(topicReplies).where(eq(topicReplies.id, id)))[0]!;
export const logOf = (topicId: number) => db.select().from(topicModerationLog).where(eq(topicModerationLog.topicId, topicId)).orderBy(topicModerationLog.createdAt);
export const hasSyncJob = async (id: number) => (await db.execute(sql`select 1 from graphile_worker.jobs where key = ${`topics:${id}`}`)).length === 1;
export const clearJobs = () => db.execute(sql`delete from graphile_worker._private_jobs`);
export const isSignInRedirect = (response: Response) => response.status === 302 && (response.headers.get("Location") ?? "").startsWith("/anmelden?redirectTo=");

const postTo = (handler: typeof queueAction, path: string, params: Record<string, string>, fields: Record<string, string>, cookie?: string) =>
  run(withParams(handler, params), formRequest(path, fields, { cookie }));
export const queuePost = (fields: Record<string, string>, cookie?: string) => postTo(queueAction, "/open-mic/moderation", {}, fields, cookie);
export const moderatePost = (id: number, fields: Record<string, string>, cookie?: string) => postTo(moderateAction, `/open-mic/${id}/moderieren`, { id: String(id) }, fields, cookie);
export const moderatePage = (id: number | string, cookie?: string, query = "") => run(withParams(moderateLoader, { id: String(id) }), getRequest(`/open-mic/${id}/moderieren${query}`, { cookie }));
type Answer = { form: string; result: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } };
export const answerOf = async (response: Response) => (await response.json()) as Answer;
