import { count, eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { groupPosts, groupThreads, postFingerprints, topicReplies, topics, users } from "#db/schema";
import { join, makeGroup } from "#test/group-fixtures";
import { formRequest, run, withParams } from "#test/factories";
import { action as threadAction } from "#app/routes/arbeitsgruppen.$slug_.themen.$id/route";
import { action as newThreadAction } from "#app/routes/arbeitsgruppen.$slug_.themen.neu";
import { act, actionData, guestFields, person, raise, seedTopic, setUpTopicWorld, type Person } from "#app/modules/open-mic/topic-fixtures.server";
import { NEW_ACCOUNT_LIMITS, REPEAT_WINDOW_MINUTES } from "./posting-limits";

// The posting rules at every place people write for others, through the forms' actions.

let group: Awaited<ReturnType<typeof makeGroup>>;

beforeAll(async () => {
  await setUpTopicWorld();
  group = await makeGroup("public");
});

const THREE_LINKS = "Mehr unter https://a.example, [hier](https://b.example) und www.c.example";
const TWO_LINKS_TWO_MENTIONS = "Siehe https://a.example und <https://b.example>, fragt @anna.schmidt oder @bert";
const THREE_MENTIONS = "Wer weiß mehr? @anna @bert @carla";

const postThread = (slug: string, fields: Record<string, string>, cookie: string) => run(withParams(newThreadAction, { slug }), formRequest(`/arbeitsgruppen/${slug}/themen/neu`, fields, { cookie }));
const postInThread = (slug: string, id: string, fields: Record<string, string>, cookie: string) =>
  run(withParams(threadAction, { slug, id }), formRequest(`/arbeitsgruppen/${slug}/themen/${id}`, fields, { cookie }));

/** A thread of the test group opened straight in the database, with one post by this person. */
async function seedThread(authorId: string, body = "Der erste Beitrag") {
  const [thread] = await db.insert(groupThreads).values({ groupId: group.id, title: "Ein Thema", authorId }).returning({ id: groupThreads.id });
  const [post] = await db.insert(groupPosts).values({ threadId: thread!.id, authorId, body }).returning({ id: groupPosts.id });
  return { threadId: thread!.id, postId: post!.id };
}

/** A person of the site role, member of the test group, whose account is `ageHours` old. */
async function writer(role: "member" | "coordinator" = "member", ageHours = 0): Promise<Person> {
  const who = await person(`Schreibt ${role} ${ageHours}`, role);
  await join(group.id, who);
  if (ageHours > 0)
    await db
      .update(users)
      .set({ createdAt: sql`now() - make_interval(hours => ${ageHours})` })
      .where(eq(users.id, who.id));
  return who;
}

type Place = {
  name: string;
  /** Sends this text from this person at the place; `state` reads what the place holds afterwards. */
  prepare: (who: Person) => Promise<{ send: (body: string) => Promise<Response>; state: () => Promise<unknown> }>;
};

const topicCount = async () => (await db.select({ value: count() }).from(topics))[0]!.value;

const PLACES: Place[] = [
  {
    name: "a member's Open Mic topic",
    prepare: async (who) => ({
      send: (body) => raise({ title: "Ein neues Anliegen", body, category: "sprache" }, { cookie: who.cookie }),
      state: topicCount,
    }),
  },
  {
    name: "an Open Mic reply",
    prepare: async (who) => {
      const id = await seedTopic({ title: "Zum Antworten" });
      return {
        send: (body) => act(id, { intent: "reply", body }, who.cookie),
        state: async () => (await db.select({ value: count() }).from(topicReplies).where(eq(topicReplies.topicId, id)))[0]!.value,
      };
    },
  },
  {
    name: "an edit of one's Open Mic reply",
    prepare: async (who) => {
      const id = await seedTopic({ title: "Mit eigener Antwort" });
      const [reply] = await db.insert(topicReplies).values({ topicId: id, authorId: who.id, body: "Meine Antwort" }).returning({ id: topicReplies.id });
      return {
        send: (body) => act(id, { intent: "edit-reply", replyId: reply!.id, body }, who.cookie),
        state: async () => (await db.select({ body: topicReplies.body }).from(topicReplies).where(eq(topicReplies.id, reply!.id)))[0]!.body,
      };
    },
  },
  {
    name: "an edit of one's Open Mic topic",
    prepare: async (who) => {
      const id = await seedTopic({ title: "Mein eigenes Anliegen", authorId: who.id });
      return {
        send: (body) => act(id, { intent: "edit-topic", title: "Mein eigenes Anliegen", body }, who.cookie),
        state: async () => (await db.select({ body: topics.body }).from(topics).where(eq(topics.id, id)))[0]!.body,
      };
    },
  },
  {
    name: "a group thread",
    prepare: async (who) => ({
      send: (body) => postThread(group.slug, { title: "Ein neues Thema", body }, who.cookie),
      state: async () => (await db.select({ value: count() }).from(groupThreads).where(eq(groupThreads.groupId, group.id)))[0]!.value,
    }),
  },
  {
    name: "a group post",
    prepare: async (who) => {
      const { threadId } = await seedThread(who.id);
      return {
        send: (body) => postInThread(group.slug, threadId, { intent: "reply", body }, who.cookie),
        state: async () => (await db.select({ value: count() }).from(groupPosts).where(eq(groupPosts.threadId, threadId)))[0]!.value,
      };
    },
  },
  {
    name: "an edit of one's group post",
    prepare: async (who) => {
      const { threadId, postId } = await seedThread(who.id);
      return {
        send: (body) => postInThread(group.slug, threadId, { intent: "edit", postId, body }, who.cookie),
        state: async () => (await db.select({ body: groupPosts.body }).from(groupPosts).where(eq(groupPosts.id, postId)))[0]!.body,
      };
    },
  },
];

const accepted = (response: Response) => expect(response.status, `status ${response.status}`).toBeOneOf([302, 303]);

/** A refusal at the text field, with the text as typed; the rest of what the form brought back. */
async function expectRefused(response: Response, message: string, typed: string) {
  expect(response.status).toBe(400);
  const { result } = await actionData(response);
  expect(result.error?.body).toEqual([message]);
  expect(result.initialValue?.body).toBe(typed);
  return result;
}

describe("new accounts are sandboxed", () => {
  test.each(PLACES.map((place) => [place.name, place] as const))("%s: in the first day at most 2 links and 2 mentions; refused with the text kept, nothing changed", async (_name, place) => {
    const newcomer = await writer();
    const { send, state } = await place.prepare(newcomer);
    const before = await state();
    await expectRefused(await send(THREE_LINKS), `posting.refused.tooManyLinks|${NEW_ACCOUNT_LIMITS.links}`, THREE_LINKS);
    await expectRefused(await send(THREE_MENTIONS), `posting.refused.tooManyMentions|${NEW_ACCOUNT_LIMITS.mentions}`, THREE_MENTIONS);
    expect(await state()).toEqual(before);
    accepted(await send(TWO_LINKS_TWO_MENTIONS));
    expect(await state()).not.toEqual(before);
  });

  test.each(PLACES.map((place) => [place.name, place] as const))("%s: an account older than a day, and a new coordinator, may post more", async (_name, place) => {
    for (const who of [await writer("member", 25), await writer("coordinator")]) {
      const { send } = await place.prepare(who);
      accepted(await send(`${THREE_LINKS} ${THREE_MENTIONS}`));
    }
  });

  test("a guest's topic counts as new: 3 links are refused with everything typed kept", async () => {
    const fields = guestFields({ title: "Gast mit vielen Links", body: THREE_LINKS, guestName: "Gisela Gast" });
    const before = await topicCount();
    const response = await raise(fields, { address: "192.0.2.150" });
    const result = await expectRefused(response, `posting.refused.tooManyLinks|${NEW_ACCOUNT_LIMITS.links}`, THREE_LINKS);
    expect(result.initialValue).toMatchObject({ title: "Gast mit vielen Links", guestName: "Gisela Gast" });
    expect(await topicCount()).toBe(before);
    accepted(await raise({ ...fields, body: TWO_LINKS_TWO_MENTIONS }, { address: "192.0.2.150" }));
  });
});

describe("the same post again", () => {
  const window = sql`now() - make_interval(mins => ${REPEAT_WINDOW_MINUTES + 1})`;

  test("the same text by the same person within minutes is refused anywhere people post, whatever its spacing and case", async () => {
    const who = await writer();
    const id = await seedTopic({ title: "Erstes Anliegen" });
    const { threadId } = await seedThread(who.id);
    const text = "Wir treffen uns am Montag im Rathaus, Raum 3.";
    accepted(await act(id, { intent: "reply", body: text }, who.cookie));
    const again = "  wir treffen uns am MONTAG\n\nim Rathaus,   Raum 3.  ";
    await expectRefused(await postInThread(group.slug, threadId, { intent: "reply", body: again }, who.cookie), `posting.refused.repeated|${REPEAT_WINDOW_MINUTES}`, again);
    await expectRefused(await act(id, { intent: "reply", body: text }, who.cookie), `posting.refused.repeated|${REPEAT_WINDOW_MINUTES}`, text);
    expect(await db.select().from(groupPosts).where(eq(groupPosts.threadId, threadId))).toHaveLength(1);
    // Someone else may say the same; the person may say something else.
    accepted(await act(id, { intent: "reply", body: text }, (await writer()).cookie));
    accepted(await act(id, { intent: "reply", body: `${text} Bitte pünktlich.` }, who.cookie));
    // After the window it is a new post.
    await db.update(postFingerprints).set({ createdAt: window });
    accepted(await postInThread(group.slug, threadId, { intent: "reply", body: again }, who.cookie));
  });

  test("a guest is known by the e-mail address and by the client address", async () => {
    const text = "Die Buslinie 12 fährt abends nicht mehr nach Lindach.";
    accepted(await raise(guestFields({ title: "Bus nach Lindach", body: text, guestEmail: "gast@example.org" }), { address: "192.0.2.160" }));
    const sameEmail = await raise(guestFields({ title: "Bus nach Lindach", body: text, guestEmail: "Gast@Example.org" }), { address: "192.0.2.161" });
    await expectRefused(sameEmail, `posting.refused.repeated|${REPEAT_WINDOW_MINUTES}`, text);
    const sameAddress = await raise(guestFields({ title: "Bus nach Lindach", body: text }), { address: "192.0.2.160" });
    await expectRefused(sameAddress, `posting.refused.repeated|${REPEAT_WINDOW_MINUTES}`, text);
    accepted(await raise(guestFields({ title: "Bus nach Lindach", body: text }), { address: "192.0.2.162" }));
  });

  test("identical posts at once (a double click) make one post", async () => {
    const who = await writer();
    const id = await seedTopic({ title: "Doppelklick" });
    const replies = await Promise.all([0, 1, 2].map(() => act(id, { intent: "reply", body: "Einmal reicht." }, who.cookie).then((response) => response.status)));
    expect(replies.sort()).toEqual([303, 400, 400]);
    expect(await db.select().from(topicReplies).where(eq(topicReplies.topicId, id))).toHaveLength(1);
    // A new thread locks no row before the check: the fingerprint's own key decides.
    const threads = await Promise.all([0, 1, 2].map(() => postThread(group.slug, { title: "Doppelt?", body: "Ein Thema, einmal." }, who.cookie).then((response) => response.status)));
    expect(threads.sort()).toEqual([303, 400, 400]);
    expect(await db.select().from(groupThreads).where(eq(groupThreads.title, "Doppelt?"))).toHaveLength(1);
  });

  test("only keyed hashes are kept, never the text or the address, and only for the window", async () => {
    const text = "Ein Satz, der nirgends gespeichert werden soll.";
    accepted(await raise(guestFields({ title: "Gespeichert?", body: text, guestEmail: "spuren@example.org" }), { address: "192.0.2.170" }));
    const rows = await db.select().from(postFingerprints);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toMatch(/nirgends|spuren|192\.0\.2\.170/);
    // Rows past the window go when the next post comes.
    await db.update(postFingerprints).set({ createdAt: window });
    accepted(await raise(guestFields({ title: "Noch einer", body: "Etwas ganz anderes." }), { address: "192.0.2.171" }));
    expect(
      await db
        .select()
        .from(postFingerprints)
        .where(sql`${postFingerprints.createdAt} < now() - make_interval(mins => ${REPEAT_WINDOW_MINUTES})`),
    ).toEqual([]);
  });
});
