import { and, eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { bannedAddresses, topicFollows, topics, topicStatusChanges } from "#db/schema";
import { loader as newLoader } from "#app/routes/open-mic.neu";
import { consumeRateLimit } from "#app/utils/rate-limit.server";
import { getRequest, run } from "#test/factories";
import { issueFormToken } from "./form-timing.server";
import { TOPIC_LIMITS } from "./topic-limits.server";
import {
  act,
  actionData,
  eventsOf,
  guestFields,
  list,
  listData,
  person,
  raise,
  seedTopic,
  setUpTopicWorld,
  syncJobs,
  topicIdFrom,
  topicPage,
  topicsTitled,
  type Person,
} from "./topic-fixtures.server";

let member: Person;
let otherMember: Person;
let coordinator: Person;
let categoryIds: Record<string, string>;

beforeAll(async () => {
  ({ member, otherMember, coordinator, categoryIds } = await setUpTopicWorld());
});

describe("raising a topic", () => {
  test("the form offers the Themenfelder in the page language and a signed start time; members see their name", async () => {
    const guest = await (await run(newLoader, getRequest("/open-mic/neu"))).json();
    expect(guest.categories.map((category: { label: string }) => category.label)).toContain("Kinder & Familie");
    expect(guest.formToken).toMatch(/^\d+\.[\w-]+$/);
    expect(guest.member).toBeNull();
    const signedIn = await (await run(newLoader, getRequest("/open-mic/neu", { cookie: member.cookie }))).json();
    expect(signedIn.member).toEqual({ name: member.name });
  });

  test("a member's topic is public at once, followed by its author, and queued for the index — no 'submitted' event", async () => {
    const title = "Mehr Abendkurse für Berufstätige";
    const response = await raise({ title, body: "Abends gibt es kaum Kurse.", category: "sprache", town: "Lindach", postAs: "name", startedAt: issueFormToken() }, { cookie: member.cookie });
    expect(response.status).toBe(303);
    const [row] = await topicsTitled(title);
    expect(response.headers.get("Location")).toBe(`/open-mic/${row!.id}`);
    expect(row).toMatchObject({ authorId: member.id, anonymous: false, town: "Lindach", categoryId: categoryIds.sprache, guestEmail: null, status: "new" });
    expect(row!.approvedAt).not.toBeNull();
    expect(
      await db
        .select()
        .from(topicFollows)
        .where(and(eq(topicFollows.topicId, row!.id), eq(topicFollows.userId, member.id))),
    ).toHaveLength(1);
    expect(await syncJobs(row!.id)).toBe(1);
    expect(await eventsOf(row!.id)).toEqual([]);
  });

  test("a guest's topic waits for approval: confirmation page, 'submitted' event, invisible to all but coordinators", async () => {
    const title = "Busverbindung zum Sprachkurs fehlt";
    const response = await raise(guestFields({ title, guestName: "Samira", guestEmail: "Samira.K@Example.org" }));
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/open-mic/neu?eingereicht=1");
    const [row] = await topicsTitled(title);
    expect(row).toMatchObject({ authorId: null, approvedAt: null, guestName: "Samira", guestEmail: "samira.k@example.org" });
    expect((await eventsOf(row!.id)).map((event) => event.kind)).toEqual(["submitted"]);
    const notify = await db.execute<{ count: number }>(sql`select count(*)::int as count from graphile_worker.jobs where task_identifier = 'topic_event_notify'`);
    expect(notify[0]!.count).toBeGreaterThanOrEqual(1);
    const confirmation = await (await run(newLoader, getRequest("/open-mic/neu?eingereicht=1"))).json();
    expect(confirmation.submitted).toBe(true);

    for (const cookie of [undefined, member.cookie]) expect((await topicPage(row!.id, cookie)).status).toBe(404);
    const missing = await topicPage(999_999, member.cookie);
    expect(await (await topicPage(row!.id, member.cookie)).text()).toBe(await missing.text());
    const forCoordinator = await topicPage(row!.id, coordinator.cookie);
    expect(forCoordinator.status).toBe(200);
    expect((await forCoordinator.json()).topic.moderation.awaitingApproval).toBe(true);
    expect((await listData(await list("?sortierung=neu"))).topics.map((topic) => topic.id)).not.toContain(row!.id);
  });

  test("bad input comes back with the errors at the fields and everything typed", async () => {
    const response = await raise(guestFields({ category: "", title: "Kita", guestEmail: "keine-adresse" }));
    expect(response.status).toBe(400);
    const data = await actionData(response);
    expect(data.result.error).toMatchObject({ category: ["openMic.validation.categoryRequired"], title: ["openMic.validation.titleShort"], guestEmail: ["validation.email"] });
    expect(data.result.initialValue).toMatchObject({ body: "Viele Familien warten seit Monaten.", guestEmail: "keine-adresse" });
    const unknown = await raise(guestFields({ category: "gibt-es-nicht", title: "Unbekanntes Themenfeld" }));
    expect(unknown.status).toBe(400);
    expect((await actionData(unknown)).result.error).toMatchObject({ category: ["openMic.validation.categoryRequired"] });
    expect(await topicsTitled("Unbekanntes Themenfeld")).toEqual([]);
  });

  test("a NUL character, which PostgreSQL cannot store, is dropped instead of failing the request", async () => {
    const response = await raise({ title: "Null\u0000zeichen im Titel", body: "Text\u0000", category: "arbeit", startedAt: issueFormToken() }, { cookie: member.cookie });
    expect(response.status).toBe(303);
    expect(await topicsTitled("Nullzeichen im Titel")).toHaveLength(1);
  });

  test("personal data stops the first submit with a warning by type and snippet; confirming publishes", async () => {
    const title = "Frau K. braucht Hilfe beim Antrag";
    const body = "Sie ist unter 0171 2345678 oder frau.k@example.org erreichbar, BG-Nummer 12345BG0012345.";
    const warned = await raise({ title, body, category: "beratung", startedAt: issueFormToken() }, { cookie: member.cookie });
    expect(warned.status).toBe(400);
    const data = await actionData(warned);
    expect(data.personalData).toEqual([
      { type: "email", snippets: ["frau.k@example.org"] },
      { type: "phone", snippets: ["0171 2345678"] },
      { type: "fileNumber", snippets: ["BG-Nummer 12345BG0012345"] },
    ]);
    expect(data.result.initialValue).toMatchObject({ title, body });
    expect(await topicsTitled(title)).toEqual([]);
    const confirmed = await raise({ title, body, category: "beratung", startedAt: issueFormToken(), confirmPersonalData: "on" }, { cookie: member.cookie });
    expect(confirmed.status).toBe(303);
    expect(await topicsTitled(title)).toHaveLength(1);
  });

  test("a guest's name is checked for personal data like the text: a phone number in it warns first", async () => {
    const title = "Gast mit Telefonnummer im Namen";
    const warned = await raise(guestFields({ title, guestName: "Maria Muster, 0171 2345678" }));
    expect(warned.status).toBe(400);
    const data = await actionData(warned);
    expect(data.personalData).toEqual([{ type: "phone", snippets: ["0171 2345678"] }]);
    expect(data.result.initialValue).toMatchObject({ guestName: "Maria Muster, 0171 2345678" });
    expect(await topicsTitled(title)).toEqual([]);
    const confirmed = await raise(guestFields({ title, guestName: "Maria Muster, 0171 2345678", confirmPersonalData: "on" }));
    expect(confirmed.status).toBe(303);
    expect(await topicsTitled(title)).toHaveLength(1);
  });

  test("a filled honeypot is refused, and what was typed stays", async () => {
    const title = "Honigtopf-Anliegen";
    const response = await raise(guestFields({ title, website: "http://spam.example" }));
    expect(response.status).toBe(400);
    const data = await actionData(response);
    expect(data.result.error?.[""]).toEqual(["validation.spam"]);
    expect(data.result.initialValue).toMatchObject({ title, body: "Viele Familien warten seit Monaten." });
    expect(await topicsTitled(title)).toEqual([]);
  });

  test("a guest's form sent too fast is refused with the time it was shown kept; a forged or missing time gets a fresh one", async () => {
    const title = "Zu schnell gesendet";
    const shown = issueFormToken();
    const fast = await raise(guestFields({ title, startedAt: shown }));
    expect(fast.status).toBe(400);
    const fastData = await actionData(fast);
    expect(fastData.result.error?.[""]).toEqual(["openMic.spam.tooFast"]);
    expect(fastData.result.initialValue).toMatchObject({ title });
    expect(fastData.formToken).toBe(shown);
    for (const startedAt of [`${Date.now() - 60_000}.gefaelscht`, ""]) {
      const forged = await raise(guestFields({ title, startedAt }));
      expect(forged.status).toBe(400);
      const forgedData = await actionData(forged);
      expect(forgedData.result.error?.[""]).toEqual(["openMic.spam.expired"]);
      expect(forgedData.formToken).not.toBe(startedAt);
    }
    expect(await topicsTitled(title)).toEqual([]);
  });

  test("guests are limited per address: the sixth topic in a row is refused with the text kept", async () => {
    const address = "192.0.2.77";
    // Each with a text of its own: the same text again would be refused as a repeat.
    for (let index = 0; index < TOPIC_LIMITS.guestAddress.capacity; index++)
      expect((await raise(guestFields({ title: `Gastanliegen Nummer ${index}`, body: `Anliegen Nummer ${index}` }), { address })).status).toBe(303);
    const refused = await raise(guestFields({ title: "Eins zu viel" }), { address });
    expect(refused.status).toBe(429);
    const data = await actionData(refused);
    expect(data.result.error?.[""]?.[0]).toMatch(/^openMic\.spam\.throttled\|\d+$/);
    // The wait in the message is the one in Retry-After.
    expect(refused.headers.get("Retry-After")).toBe(data.result.error?.[""]?.[0]?.split("|")[1]);
    expect(data.result.initialValue).toMatchObject({ title: "Eins zu viel" });
    expect(await topicsTitled("Eins zu viel")).toEqual([]);
    // Another address is not affected.
    expect((await raise(guestFields({ title: "Von anderswo" }), { address: "192.0.2.78" })).status).toBe(303);
  });

  test("members are limited per person", async () => {
    const busy = await person("Viel Schreiber");
    for (let index = 0; index < TOPIC_LIMITS.member.capacity; index++) await consumeRateLimit(db, `open-mic-topic:user:${busy.id}`, TOPIC_LIMITS.member);
    const refused = await raise({ title: "Noch ein Anliegen heute", body: "Text", category: "arbeit", startedAt: issueFormToken() }, { cookie: busy.cookie });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await actionData(refused)).result.initialValue).toMatchObject({ title: "Noch ein Anliegen heute" });
    expect(await topicsTitled("Noch ein Anliegen heute")).toEqual([]);
  });

  test("a banned guest address cannot post and hears nothing more than that", async () => {
    await db.insert(bannedAddresses).values({ email: "spammer@example.org", reason: "Werbung" });
    const response = await raise(guestFields({ title: "Gesperrte Adresse schreibt", guestEmail: "Spammer@Example.org" }));
    expect(response.status).toBe(400);
    const data = await actionData(response);
    expect(data.result.error?.[""]).toEqual(["openMic.spam.refused"]);
    expect(data.result.initialValue).toMatchObject({ title: "Gesperrte Adresse schreibt" });
    expect(await topicsTitled("Gesperrte Adresse schreibt")).toEqual([]);
  });

  test("posting as 'anonym' keeps the author from other members' page data; coordinators see who", async () => {
    const response = await raise(
      { title: "Anonym: Probleme mit der Ausländerbehörde", body: "Termine sind kaum zu bekommen.", category: "aufenthalt-recht", postAs: "anonym", startedAt: issueFormToken() },
      { cookie: member.cookie },
    );
    const id = topicIdFrom(response);
    const [row] = await db.select().from(topics).where(eq(topics.id, id));
    expect(row).toMatchObject({ anonymous: true, authorId: member.id });
    for (const cookie of [otherMember.cookie, undefined]) {
      const text = await (await topicPage(id, cookie)).text();
      expect(text).not.toContain(member.name);
      expect(text).not.toContain(member.id);
      expect(JSON.parse(text).topic.author).toEqual({ kind: "anonymous", name: null });
    }
    expect((await (await topicPage(id, coordinator.cookie)).json()).topic.author).toEqual({ kind: "anonymous", name: member.name });
  });
});

describe("taking part", () => {
  test("the author corrects the topic until the coordination answers; nobody else may", async () => {
    const id = await seedTopic({ title: "Erste Fassung", body: "Text" });
    expect((await act(id, { intent: "edit-topic", title: "Fremde Fassung", body: "Text" }, otherMember.cookie)).status).toBe(403);
    expect((await act(id, { intent: "edit-topic", title: "Zweite Fassung", body: "Besserer Text" }, member.cookie)).status).toBe(303);
    expect((await db.select().from(topics).where(eq(topics.id, id)))[0]).toMatchObject({ title: "Zweite Fassung", body: "Besserer Text" });
    expect(await syncJobs(id)).toBe(1);
    await db.insert(topicStatusChanges).values({ topicId: id, fromStatus: "new", toStatus: "answered", answer: "Erledigt.", actorId: coordinator.id });
    const late = await act(id, { intent: "edit-topic", title: "Dritte Fassung", body: "Text" }, member.cookie);
    expect(late.status).toBe(400);
    expect((await db.select().from(topics).where(eq(topics.id, id)))[0]!.title).toBe("Zweite Fassung");
  });
});
