import { parseFeed } from "@rowanmanning/feed-parser";
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { topicReplies, topics, topicStatusChanges } from "#db/schema";
import { loader as topicsFeedLoader } from "#app/routes/open-mic.feed[.]xml";
import { loader as topicFeedLoader } from "#app/routes/open-mic.$id_.feed[.]xml";
import { createTestUser, getRequest, run, withParams } from "#test/factories";
import { FEED_LIMIT, plainExcerpt, xmlSafe } from "./feeds.server";

const SCRIPT_TITLE = `<script>alert("feed")</script> & <img src=x onerror=alert(1)> ]]> Ende`;
// Control characters and a lone surrogate, as in the big list of naughty strings: XML cannot carry them.
const NAUGHTY = "Steuer\u0001zeichen\u0008 und \uD800 halbe Paare\uFFFE";

async function makeTopic(values: Partial<typeof topics.$inferInsert> = {}): Promise<number> {
  const [row] = await db
    .insert(topics)
    .values({ title: `Anliegen ${Math.random().toString(36).slice(2, 8)}`, body: "Worum es geht.", approvedAt: new Date(), ...values })
    .returning({ id: topics.id });
  return row!.id;
}

async function fetchFeed(path: string, handler: Parameters<typeof run>[0]) {
  const response = await run(handler, getRequest(path));
  return { response, xml: response.status === 200 ? await response.text() : "" };
}

const topicsFeed = () => fetchFeed("/open-mic/feed.xml", topicsFeedLoader);
const topicFeed = (id: number | string) => fetchFeed(`/open-mic/${id}/feed.xml`, withParams(topicFeedLoader, { id: String(id) }));

/** Nothing a feed reader could take for markup or reject as XML. */
function expectSafeXml(xml: string) {
  expect(xml).not.toMatch(/<script/i);
  expect(xml).not.toMatch(/<img/i);
  // eslint-disable-next-line no-control-regex
  expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
}

describe("the feed of new topics", () => {
  test("lists public topics with title, link, date, summary and author, and nothing that waits, is hidden or merged", async () => {
    const author = await createTestUser({ displayName: "Henrike Sichtbar" });
    const shown = await makeTopic({ authorId: author.id, title: "Sprachcafé in Weidenfeld", body: "Wir suchen **Ehrenamtliche** für ein [Sprachcafé](https://example.org) am Samstag." });
    const waiting = await makeTopic({ title: "Wartet noch auf Freigabe", approvedAt: null, guestEmail: "gast@test.example" });
    const hidden = await makeTopic({ title: "Ausgeblendet wegen Spam", hiddenAt: new Date(), hiddenReason: "Spam" });
    const merged = await makeTopic({ title: "Doppelt gemeldet", mergedIntoId: shown });
    const { response, xml } = await topicsFeed();
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
    const feed = parseFeed(xml);
    expect(feed.meta.type).toBe("atom");
    expect(feed.title).toContain("Open Mic");
    const entry = feed.items.find((item) => item.url === `http://localhost:3000/open-mic/${shown}`);
    expect(entry).toBeDefined();
    expect(entry!.title).toBe("Sprachcafé in Weidenfeld");
    expect(entry!.description).toBe("Wir suchen Ehrenamtliche für ein Sprachcafé am Samstag.");
    expect(entry!.updated).toBeInstanceOf(Date);
    expect(entry!.authors.map((who) => who.name)).toEqual(["Henrike Sichtbar"]);
    const urls = feed.items.map((item) => item.url);
    for (const id of [waiting, hidden, merged]) expect(urls).not.toContain(`http://localhost:3000/open-mic/${id}`);
    for (const text of ["Wartet noch auf Freigabe", "Ausgeblendet wegen Spam", "Doppelt gemeldet", "gast@test.example"]) expect(xml).not.toContain(text);
  });

  test("script tags and markup in titles and texts arrive as text, never as markup", async () => {
    const id = await makeTopic({ title: SCRIPT_TITLE, body: `${SCRIPT_TITLE}\n\n<a href="javascript:alert(1)">klick</a>` });
    const { xml } = await topicsFeed();
    expectSafeXml(xml);
    const entry = parseFeed(xml).items.find((item) => item.url === `http://localhost:3000/open-mic/${id}`)!;
    expect(entry.title).toBe(SCRIPT_TITLE);
    expect(entry.description).toContain(`<a href="javascript:alert(1)">klick</a>`);
  });

  test("characters XML cannot carry are dropped, and the feed still parses", async () => {
    const id = await makeTopic({ title: NAUGHTY, body: NAUGHTY });
    const { xml } = await topicsFeed();
    expectSafeXml(xml);
    const [stored] = await db.select({ title: topics.title }).from(topics).where(eq(topics.id, id));
    expect(stored!.title).toContain("\u0001");
    const entry = parseFeed(xml).items.find((item) => item.url === `http://localhost:3000/open-mic/${id}`)!;
    expect(entry.title).toBe(xmlSafe(stored!.title));
    expect(entry.title).toMatch(/^Steuerzeichen und .? ?halbe Paare$/);
  });

  test("an anonymous topic's author is 'anonym', and the name is nowhere in the feed", async () => {
    const author = await createTestUser({ displayName: "Geheime Verfasserin" });
    const id = await makeTopic({ authorId: author.id, anonymous: true, title: "Anonym gefragt" });
    const { xml } = await topicsFeed();
    expect(xml).not.toContain("Geheime Verfasserin");
    expect(xml).not.toContain(author.email);
    const entry = parseFeed(xml).items.find((item) => item.url === `http://localhost:3000/open-mic/${id}`)!;
    expect(entry.authors.map((who) => who.name)).toEqual(["anonym"]);
  });

  test("holds the newest 50, newest first", async () => {
    const base = Date.now() + 60 * 60 * 1000;
    const ids: number[] = [];
    for (let index = 0; index < FEED_LIMIT + 3; index += 1) ids.push(await makeTopic({ title: `Reihe ${index}`, approvedAt: new Date(base + index * 1000) }));
    const items = parseFeed((await topicsFeed()).xml).items;
    expect(items).toHaveLength(FEED_LIMIT);
    expect(items[0]!.url).toBe(`http://localhost:3000/open-mic/${ids.at(-1)}`);
    expect(items.map((item) => item.url)).not.toContain(`http://localhost:3000/open-mic/${ids[0]}`);
  });
});

describe("the feed of one topic", () => {
  test("holds the topic, its visible replies and its status changes with their answers", async () => {
    const [author, replier, secret, coordinator] = await Promise.all([
      createTestUser({ displayName: "Tobias Fragend" }),
      createTestUser({ displayName: "Amira Antwortend" }),
      createTestUser({ displayName: "Ungenannte Person" }),
      createTestUser({ role: "coordinator", displayName: "Selin Koordiniert" }),
    ]);
    const id = await makeTopic({ authorId: author.id, title: "Kita-Plätze in Lindach", body: "Es fehlen Plätze." });
    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000);
    await db.insert(topicReplies).values([
      { topicId: id, authorId: replier.id, body: "Die Kita Sonnenblume hat ab Mai Plätze.", createdAt: at(1) },
      { topicId: id, authorId: secret.id, anonymous: true, body: "Anonymer Hinweis zur Warteliste.", createdAt: at(2) },
      { topicId: id, authorId: replier.id, body: "Verborgener Beitrag mit Telefonnummer", hiddenAt: at(4), hiddenReason: "Personenbezug", createdAt: at(3) },
    ]);
    await db
      .insert(topicStatusChanges)
      .values({ topicId: id, fromStatus: "new", toStatus: "answered", answer: "Das Jugendamt richtet eine Warteliste ein.", actorId: coordinator.id, createdAt: at(5) });

    const { response, xml } = await topicFeed(id);
    expect(response.status).toBe(200);
    const feed = parseFeed(xml);
    expect(feed.title).toContain("Kita-Plätze in Lindach");
    const titles = feed.items.map((item) => item.title);
    expect(titles).toEqual(["Status: beantwortet", "Antwort von anonym", "Antwort von Amira Antwortend", "Kita-Plätze in Lindach"]);
    expect(feed.items[0]!.content).toContain("Das Jugendamt richtet eine Warteliste ein.");
    expect(feed.items[1]!.content).toContain("Anonymer Hinweis zur Warteliste.");
    expect(feed.items[3]!.authors.map((who) => who.name)).toEqual(["Tobias Fragend"]);
    expect(feed.items.every((item) => item.url?.startsWith(`http://localhost:3000/open-mic/${id}`))).toBe(true);
    expect(feed.items[1]!.url).toMatch(new RegExp(`/open-mic/${id}#antwort-[0-9a-f-]{36}$`));
    expect(new Set(feed.items.map((item) => item.id)).size).toBe(4);
    expect(xml).not.toContain("Verborgener Beitrag");
    expect(xml).not.toContain("Ungenannte Person");
    expect(xml).not.toContain("Selin Koordiniert");
  });

  test("escapes markup in the topic's title, texts and answers", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const id = await makeTopic({ title: SCRIPT_TITLE, body: `${SCRIPT_TITLE}\n${NAUGHTY}` });
    await db.insert(topicReplies).values({ topicId: id, body: `<script>document.cookie</script>` });
    await db.insert(topicStatusChanges).values({ topicId: id, fromStatus: "new", toStatus: "clarifying", answer: `<iframe src="javascript:alert(1)"></iframe>`, actorId: coordinator.id });
    const { xml } = await topicFeed(id);
    expectSafeXml(xml);
    expect(xml).not.toMatch(/<iframe/i);
    const feed = parseFeed(xml);
    expect(feed.title).toContain(SCRIPT_TITLE);
    const topicEntry = feed.items.find((item) => item.id === `http://localhost:3000/open-mic/${id}`)!;
    expect(topicEntry.title).toBe(SCRIPT_TITLE);
    // The contents are HTML whose text is what people wrote: a reader shows the tags as text.
    expect(xml).toContain("&lt;script&gt;document.cookie&lt;/script&gt;");
    expect(xml).toContain("&lt;iframe src=&quot;javascript:alert(1)&quot;&gt;");
  });

  test("a topic that is missing, waiting, hidden or merged answers 404 like its page", async () => {
    const waiting = await makeTopic({ approvedAt: null });
    const hidden = await makeTopic({ hiddenAt: new Date(), hiddenReason: "Spam" });
    const kept = await makeTopic();
    const merged = await makeTopic({ mergedIntoId: kept });
    const answers = await Promise.all([waiting, hidden, merged, 999_999_999, "abc", "0", "99999999999999"].map(async (id) => (await topicFeed(id)).response));
    for (const response of answers) {
      expect(response.status).toBe(404);
      expect(await response.text()).toBe("Not Found");
    }
    expect((await topicFeed(kept)).response.status).toBe(200);
  });
});

test("only characters XML can carry are kept", () => {
  expect(xmlSafe("a\uD800b\u0001c\uFFFE\u0009d\u{1F600}")).toBe("abc\u0009d\u{1F600}");
});

test("a summary keeps the words and drops Markdown's marks", () => {
  expect(plainExcerpt("# Titel\n\n> Zitat mit **fett** und `code`\n- Punkt [Link](https://x.example)")).toBe("Titel Zitat mit fett und code Punkt Link");
  expect(plainExcerpt("a".repeat(400))).toHaveLength(300);
});
