import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { topicFlags } from "#db/schema";
import { topicsIndex } from "#search/indexes/topics";
import { loader as topicPageLoader } from "#app/routes/open-mic.$id/route";
import { loader as queueLoader } from "#app/routes/open-mic.moderation._index";
import { getRequest, run, withParams } from "#test/factories";
import {
  answerOf,
  clearJobs,
  flag,
  guestTopic,
  hasSyncJob,
  isSignInRedirect,
  logOf,
  makeReply,
  makeTopic,
  queuePost,
  replyRow,
  setUpModerationWorld,
  topicRow,
  type Person,
} from "./moderation-fixtures.server";
import { queueCounts } from "./moderation-queue.server";

let member: Person;
let coordinator: Person;

beforeAll(async () => {
  ({ member, coordinator } = await setUpModerationWorld());
});

describe("the queue /open-mic/moderation", () => {
  test("guests sign in, members get 403, coordinators see pending guest topics and open flags with personal data marked", async () => {
    const pending = await guestTopic({ body: "Meine Nachbarin (Tel. 0171 2345678) wartet seit Wochen." });
    const topic = await makeTopic();
    const reply = await makeReply(topic, "Schreiben Sie an max.muster@example.org");
    const flagId = await flag(topic, reply, "personal_data", "Adresse");
    expect(isSignInRedirect(await run(queueLoader, getRequest("/open-mic/moderation")))).toBe(true);
    expect((await run(queueLoader, getRequest("/open-mic/moderation", { cookie: member.cookie }))).status).toBe(403);
    const response = await run(queueLoader, getRequest("/open-mic/moderation", { cookie: coordinator.cookie }));
    expect(response.status).toBe(200);
    type Queue = {
      pending: { id: number; findings: { type: string; snippets: string[] }[] }[];
      flags: { id: string; onReply: boolean; text: string; reporterName: string; findings: { type: string }[] }[];
      counts: { pending: number; flags: number };
    };
    const data = (await response.json()) as Queue;
    expect(data.pending.find((row) => row.id === pending)?.findings).toEqual([{ type: "phone", snippets: ["0171 2345678"] }]);
    expect(data.pending.map((row) => row.id)).not.toContain(topic);
    expect(data.flags.find((row) => row.id === flagId)).toMatchObject({ onReply: true, text: "Schreiben Sie an max.muster@example.org", reporterName: "Rudi Melder", findings: [{ type: "email" }] });
    expect(data.counts).toEqual(expect.objectContaining(await queueCounts()));
    expect(data.counts.pending).toBe(data.pending.length);
    expect(data.counts.flags).toBe(data.flags.length);
  });

  test("members cannot approve; a coordinator's approval makes the topic visible and searchable, and is logged", async () => {
    const id = await guestTopic({ title: "Kinderbetreuung während der Integrationskurse" });
    const asGuest = () => run(withParams(topicPageLoader, { id: String(id) }), getRequest(`/open-mic/${id}`));
    expect((await asGuest()).status).toBe(404);
    expect(await topicsIndex.load(db, [String(id)])).toEqual([]);
    expect(isSignInRedirect(await queuePost({ intent: "approve", topicId: String(id) }))).toBe(true);
    expect((await queuePost({ intent: "approve", topicId: String(id) }, member.cookie)).status).toBe(403);
    expect((await topicRow(id)).approvedAt).toBeNull();
    await clearJobs();
    const response = await queuePost({ intent: "approve", topicId: String(id) }, coordinator.cookie);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/open-mic/moderation");
    expect(await topicRow(id)).toMatchObject({ approvedBy: coordinator.id });
    expect((await topicRow(id)).approvedAt).not.toBeNull();
    expect(await logOf(id)).toEqual([expect.objectContaining({ action: "approve", actorId: coordinator.id })]);
    expect(await hasSyncJob(id)).toBe(true);
    expect((await topicsIndex.load(db, [String(id)])).map((document) => document.title)).toEqual(["Kinderbetreuung während der Integrationskurse"]);
    expect((await asGuest()).status).toBe(200);
  });

  test("approving a topic that does not exist is an error at the form", async () => {
    const response = await queuePost({ intent: "approve", topicId: "987654" }, coordinator.cookie);
    expect(response.status).toBe(400);
    expect(await answerOf(response)).toMatchObject({ form: "approve-987654", result: { error: { topicId: ["openMicCoordination.validation.topicUnknown"] } } });
  });

  test("a pending topic is hidden with its reason; without a reason nothing happens", async () => {
    const id = await guestTopic();
    const missing = await queuePost({ intent: "hide", topicId: String(id), reason: " " }, coordinator.cookie);
    expect(missing.status).toBe(400);
    expect((await answerOf(missing)).result.error?.reason).toEqual(["openMicCoordination.validation.reasonRequired"]);
    expect((await topicRow(id)).hiddenAt).toBeNull();
    expect((await queuePost({ intent: "hide", topicId: String(id), reason: "Werbung" }, coordinator.cookie)).status).toBe(303);
    expect(await topicRow(id)).toMatchObject({ hiddenReason: "Werbung", hiddenBy: coordinator.id, approvedAt: null });
    expect((await logOf(id)).map((row) => [row.action, row.reason])).toEqual([["hide", "Werbung"]]);
  });

  test("a flag is resolved (logged); an unknown or already resolved flag changes nothing", async () => {
    const topic = await makeTopic();
    const flagId = await flag(topic, null);
    expect((await queuePost({ intent: "resolve", flagId }, member.cookie)).status).toBe(403);
    expect((await queuePost({ intent: "resolve", flagId }, coordinator.cookie)).status).toBe(303);
    const [row] = await db.select().from(topicFlags).where(eq(topicFlags.id, flagId));
    expect(row).toMatchObject({ resolvedBy: coordinator.id });
    expect((await logOf(topic)).map((entry) => entry.action)).toEqual(["resolve_flag"]);
    const again = await queuePost({ intent: "resolve", flagId }, coordinator.cookie);
    expect(again.status).toBe(400);
    expect((await queuePost({ intent: "resolve", flagId: "6f1c2a4e-3333-4a5b-9c0d-123456789abc" }, coordinator.cookie)).status).toBe(400);
    expect(await logOf(topic)).toHaveLength(1);
  });

  test("hiding a flagged reply hides it with the reason, resolves its flags and is logged", async () => {
    const topic = await makeTopic();
    const reply = await makeReply(topic, "Kauft billige Uhren!");
    const first = await flag(topic, reply);
    const [other] = await db.insert(topicFlags).values({ topicId: topic, replyId: reply, reporterId: member.id, reason: "spam" }).returning({ id: topicFlags.id });
    await clearJobs();
    expect((await queuePost({ intent: "hide-flagged", flagId: first, reason: "Werbung" }, coordinator.cookie)).status).toBe(303);
    expect(await replyRow(reply)).toMatchObject({ hiddenReason: "Werbung", hiddenBy: coordinator.id });
    const open = await db.select().from(topicFlags).where(eq(topicFlags.replyId, reply));
    expect(open.every((row) => row.resolvedAt !== null)).toBe(true);
    expect(open.map((row) => row.id).sort()).toEqual([first, other!.id].sort());
    expect(await logOf(topic)).toEqual([expect.objectContaining({ action: "hide", replyId: reply, reason: "Werbung" })]);
    expect(await hasSyncJob(topic)).toBe(true);
    expect((await topicsIndex.load(db, [String(topic)]))[0]!.text).not.toContain("Uhren");
  });
});
