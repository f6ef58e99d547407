import { and, eq, isNull } from "drizzle-orm";
import { db } from "#db/client";
import { adminLog, siteSettings, topicFlags, topicModerationLog, topicReplies, topics, users } from "#db/schema";
import { syncDocument } from "#search/sync";
import { searchEverything } from "#app/modules/search/search.server";
import { loader as queueLoader } from "#app/routes/open-mic.moderation._index";
import { getRequest, run } from "#test/factories";
import { buildTopicFeed, buildTopicsFeed } from "./feeds.server";
import { getFlagThreshold, setFlagThreshold } from "./flag-threshold.server";
import { moderatePost, queuePost } from "./moderation-fixtures.server";
import { getQueue } from "./moderation-queue.server";
import { act, list, listData, person, seedTopic, setUpTopicWorld, syncJobs, topicPage, type Person } from "./topic-fixtures.server";

// Flags from several people hide a post until a coordinator looks at it.

let author: Person;
let coordinator: Person;
let admin: Person;

beforeAll(async () => {
  ({ member: author, coordinator } = await setUpTopicWorld());
  const user = await person("Anna Admin");
  await db.update(users).set({ role: "admin" }).where(eq(users.id, user.id));
  admin = user;
});

beforeEach(async () => {
  await db.delete(siteSettings);
});

const reporters = (count: number) => Promise.all(Array.from({ length: count }, (_, index) => person(`Meldende Person ${index}`)));
const flag = (topicId: number, who: Person, replyId?: string) => act(topicId, { intent: "flag", reason: "offensive", ...(replyId ? { replyId } : {}) }, who.cookie);
const replyOf = async (id: string) => (await db.select().from(topicReplies).where(eq(topicReplies.id, id)))[0]!;
const topicOf = async (id: number) => (await db.select().from(topics).where(eq(topics.id, id)))[0]!;
const openFlags = (topicId: number) =>
  db
    .select()
    .from(topicFlags)
    .where(and(eq(topicFlags.topicId, topicId), isNull(topicFlags.resolvedAt)));
type PageData = { kind?: string; held?: boolean; topic: { held: boolean }; replies: { id: string; body: string | null; hidden: { held: boolean } | null; canEdit: boolean }[] };
const pageOf = async (id: number, who?: Person) => (await (await topicPage(id, who?.cookie)).json()) as PageData;
const found = async (word: string) => {
  const outcome = await searchEverything(word, null);
  if (outcome.status !== "ok") throw new Error("search unavailable");
  return outcome.totals.topic;
};

describe("a reply flagged by several people", () => {
  test("is hidden from everyone but coordinators and its author, leaves search and feeds, waits first in the queue, and comes back when a coordinator restores it", async () => {
    const word = "Kürbiskernbrotsprechstunde";
    const id = await seedTopic({ title: "Brot für alle" });
    const [reply] = await db
      .insert(topicReplies)
      .values({ topicId: id, authorId: author.id, body: `Es gibt ${word} im Rathaus.` })
      .returning({ id: topicReplies.id });
    // An older flag elsewhere: the held post still comes first in the queue.
    const other = await seedTopic({ title: "Älter gemeldet" });
    const [first, second, third] = await reporters(3);
    await flag(other, first!);
    await syncDocument(db, "topics", String(id));
    expect(await found(word)).toBe(1);

    expect((await flag(id, first!, reply!.id)).status).toBe(303);
    expect((await flag(id, second!, reply!.id)).status).toBe(303);
    // The same person twice is still two people.
    await flag(id, second!, reply!.id);
    expect((await replyOf(reply!.id)).hiddenAt).toBeNull();
    expect((await flag(id, third!, reply!.id)).status).toBe(303);
    expect(await replyOf(reply!.id)).toMatchObject({ hiddenByFlags: true, hiddenBy: null });
    expect(await syncJobs(id)).toBe(1);

    for (const viewer of [undefined, first!]) {
      const shown = (await pageOf(id, viewer)).replies.find((each) => each.id === reply!.id)!;
      expect(shown.body).toBeNull();
      expect(shown.hidden?.held).toBe(true);
    }
    const own = (await pageOf(id, author)).replies.find((each) => each.id === reply!.id)!;
    expect(own).toMatchObject({ body: expect.stringContaining(word), hidden: { held: true }, canEdit: false });
    expect((await pageOf(id, coordinator)).replies.find((each) => each.id === reply!.id)!.body).toContain(word);

    await syncDocument(db, "topics", String(id));
    expect(await found(word)).toBe(0);
    expect(await buildTopicFeed(id, "de")).not.toContain(word);

    const { flags } = await getQueue();
    expect(flags.slice(0, 3).map((each) => [each.replyId, each.held])).toEqual([
      [reply!.id, true],
      [reply!.id, true],
      [reply!.id, true],
    ]);
    expect(flags.find((each) => each.topicId === other)?.held).toBe(false);

    // A coordinator finds nothing wrong: the reply is back, every flag on it resolved.
    expect((await queuePost({ intent: "resolve", flagId: flags[0]!.id }, coordinator.cookie)).status).toBe(303);
    expect(await replyOf(reply!.id)).toMatchObject({ hiddenAt: null, hiddenByFlags: false });
    expect(await openFlags(id)).toEqual([]);
    const [logged] = await db.select().from(topicModerationLog).where(eq(topicModerationLog.replyId, reply!.id));
    expect(logged).toMatchObject({ action: "unhide", actorId: coordinator.id, detail: { heldByFlags: "true", resolvedFlags: "3" } });
    expect((await pageOf(id, first!)).replies.find((each) => each.id === reply!.id)!.body).toContain(word);
    await syncDocument(db, "topics", String(id));
    expect(await found(word)).toBe(1);
    expect(await buildTopicFeed(id, "de")).toContain(word);
  });

  test("flags that arrive at once hide it all the same", async () => {
    const id = await seedTopic({ title: "Gleichzeitig gemeldet" });
    const [reply] = await db.insert(topicReplies).values({ topicId: id, authorId: author.id, body: "Streitbare Antwort" }).returning({ id: topicReplies.id });
    const people = await reporters(3);
    expect((await Promise.all(people.map((who) => flag(id, who, reply!.id)))).map((response) => response.status)).toEqual([303, 303, 303]);
    expect((await replyOf(reply!.id)).hiddenByFlags).toBe(true);
  });
});

describe("a topic flagged by several people", () => {
  test("is hidden for all but its author and coordinators until a coordinator hides it for good", async () => {
    const word = "Holundersirupausschank";
    const id = await seedTopic({ title: `Anliegen ${word}`, authorId: author.id });
    await syncDocument(db, "topics", String(id));
    for (const who of await reporters(3)) await flag(id, who);
    expect(await topicOf(id)).toMatchObject({ hiddenByFlags: true });

    expect(await pageOf(id)).toMatchObject({ kind: "hidden", held: true });
    expect((await pageOf(id, author)).topic.held).toBe(true);
    expect((await listData(await list())).topics.map((topic) => topic.id)).not.toContain(id);
    expect(await buildTopicsFeed("de")).not.toContain(word);
    await syncDocument(db, "topics", String(id));
    expect(await found(word)).toBe(0);

    const [held] = (await getQueue()).flags.filter((each) => each.topicId === id);
    expect((await queuePost({ intent: "hide-flagged", flagId: held!.id, reason: "Werbung" }, coordinator.cookie)).status).toBe(303);
    expect(await topicOf(id)).toMatchObject({ hiddenByFlags: false, hiddenBy: coordinator.id, hiddenReason: "Werbung" });
    expect(await openFlags(id)).toEqual([]);
    // Decided: now the author, too, sees only the notice.
    expect(await pageOf(id, author)).toMatchObject({ kind: "hidden", held: false, reason: "Werbung" });
  });

  test("on the moderation page, showing a held topic again resolves its flags", async () => {
    const id = await seedTopic({ title: "Zu Unrecht gemeldet" });
    for (const who of await reporters(3)) await flag(id, who);
    expect((await topicOf(id)).hiddenByFlags).toBe(true);
    expect((await moderatePost(id, { intent: "unhide", reason: "" }, coordinator.cookie)).status).toBe(303);
    expect(await topicOf(id)).toMatchObject({ hiddenAt: null, hiddenByFlags: false });
    expect(await openFlags(id)).toEqual([]);
  });
});

describe("the threshold", () => {
  test("is 3 until an admin changes it; coordinators may not; 0 means flags alone hide nothing; the change is in the admin log", async () => {
    expect(await getFlagThreshold()).toBe(3);
    expect(await setFlagThreshold({ id: coordinator.id, role: "coordinator" }, 1)).toEqual({ ok: false, error: "forbidden" });
    expect(await setFlagThreshold({ id: admin.id, role: "admin" }, 2)).toEqual({ ok: true, changed: true });
    const [logged] = await db.select().from(adminLog).where(eq(adminLog.actorId, admin.id));
    expect(logged).toMatchObject({ action: "settings_changed", before: { flagsToHide: "3" }, after: { flagsToHide: "2" } });

    const id = await seedTopic({ title: "Schon nach zwei Meldungen" });
    const [one, two] = await reporters(2);
    await flag(id, one!);
    expect((await topicOf(id)).hiddenAt).toBeNull();
    await flag(id, two!);
    expect((await topicOf(id)).hiddenByFlags).toBe(true);

    await setFlagThreshold({ id: admin.id, role: "admin" }, 0);
    const never = await seedTopic({ title: "Nie durch Meldungen allein" });
    for (const who of await reporters(4)) await flag(never, who);
    expect((await topicOf(never)).hiddenAt).toBeNull();
  });

  test("admins set it on the moderation queue; coordinators see it and may not post it; a bad number is refused at the field", async () => {
    const queue = async (who: Person) => (await (await run(queueLoader, getRequest("/open-mic/moderation", { cookie: who.cookie }))).json()) as { flagThreshold: number; mayChangeThreshold: boolean };
    expect(await queue(coordinator)).toMatchObject({ flagThreshold: 3, mayChangeThreshold: false });
    expect(await queue(admin)).toMatchObject({ flagThreshold: 3, mayChangeThreshold: true });
    expect((await queuePost({ intent: "flag-threshold", flagsToHide: "5" }, coordinator.cookie)).status).toBe(403);
    for (const bad of ["-1", "51", "2.5", "viele"]) {
      const refused = await queuePost({ intent: "flag-threshold", flagsToHide: bad }, admin.cookie);
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { form: string; result: { error: Record<string, string[]> } }).result.error.flagsToHide).toEqual(["posting.flagThreshold.invalid"]);
    }
    expect(await getFlagThreshold()).toBe(3);
    expect((await queuePost({ intent: "flag-threshold", flagsToHide: "5" }, admin.cookie)).status).toBe(303);
    expect(await queue(coordinator)).toMatchObject({ flagThreshold: 5 });
  });
});
