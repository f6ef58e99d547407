import { and, eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import {
  bannedAddresses,
  groupMemberships,
  partnerMembers,
  partners,
  services,
  taxonomyTerms,
  topicAnswerServices,
  topicEvents,
  topicFlags,
  topicFollows,
  topicReplies,
  topicStatusChanges,
  topicSupports,
  topics,
  workingGroups,
} from "#db/schema";
import { demoGroups } from "#app/modules/demo/groups.server";
import { taxonomySeed } from "#app/modules/directory/standard-taxonomy";
import { applySearchSettings } from "#search/reindex";
import { syncDocument } from "#search/sync";
import { topicsIndex } from "#search/indexes/topics";
import { searchEverything } from "#app/modules/search/search.server";
import { loader as apiLoader } from "#app/routes/api.v1.search";
import { action as topicAction, loader as topicLoader } from "#app/routes/open-mic.$id";
import { loader as listLoader } from "#app/routes/open-mic._index";
import { loader as similarLoader } from "#app/routes/open-mic.aehnliche";
import { action as newAction, loader as newLoader } from "#app/routes/open-mic.neu";
import { consumeRateLimit } from "#app/utils/rate-limit.server";
import { issueFormToken } from "./form-timing.server";
import { TOPIC_LIMITS } from "./topic-writes.server";
import { waitingForAnswer } from "./topics.server";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, testContext, withParams } from "#test/factories";

type Person = { id: string; cookie: string; name: string };
let member: Person;
let otherMember: Person;
let coordinator: Person;
let editor: Person;
const categoryIds: Record<string, string> = {};
const groupIds: Record<string, string> = {};
let partnerId: string;
let partnerSlug: string;

async function person(displayName: string, role: "member" | "coordinator" = "member"): Promise<Person> {
  const user = await createTestUser({ displayName, role });
  return { id: user.id, cookie: await sessionCookieFor(user.id), name: displayName };
}

beforeAll(async () => {
  await applySearchSettings();
  await db.insert(taxonomyTerms).values(taxonomySeed.map((term, position) => ({ ...term, position })));
  for (const row of await db.select({ id: taxonomyTerms.id, slug: taxonomyTerms.slug }).from(taxonomyTerms).where(eq(taxonomyTerms.kind, "category"))) categoryIds[row.slug] = row.id;
  await db.insert(workingGroups).values(demoGroups);
  for (const row of await db.select({ id: workingGroups.id, slug: workingGroups.slug }).from(workingGroups)) groupIds[row.slug] = row.id;
  member = await person("Mira Mitglied");
  otherMember = await person("Otto Anderer");
  coordinator = await person("Karla Koordination", "coordinator");
  editor = await person("Jens Jobcenter");
  const [partner] = await db.insert(partners).values({ slug: "jobcenter-test", name: "Jobcenter Auental", kind: "behoerde" }).returning({ id: partners.id, slug: partners.slug });
  partnerId = partner!.id;
  partnerSlug = partner!.slug;
  await db.insert(partnerMembers).values({ partnerId, userId: editor.id });
});

/** A topic written straight into the database (the form is tested on its own). */
async function seedTopic(values: Partial<typeof topics.$inferInsert> = {}): Promise<number> {
  const now = new Date();
  const [row] = await db
    .insert(topics)
    .values({ title: "Zu wenige Sprachkurse in Lindach", body: "Die Wartelisten sind lang.", categoryId: categoryIds.sprache, authorId: member.id, approvedAt: now, ...values })
    .returning({ id: topics.id });
  return row!.id;
}

const oldToken = () => issueFormToken(Date.now() - 10_000);
const guestFields = (fields: Record<string, string> = {}) => ({ title: "Kita-Plätze in Weidenfeld fehlen", body: "Viele Familien warten seit Monaten.", category: "kinder-familie", startedAt: oldToken(), ...fields });

const raise = (fields: Record<string, string>, options: { cookie?: string; address?: string } = {}) =>
  run(newAction, formRequest("/open-mic/neu", fields, { cookie: options.cookie }), testContext(options.address));
const topicPage = (id: number | string, cookie?: string, query = "") => run(withParams(topicLoader, { id: String(id) }), getRequest(`/open-mic/${id}${query}`, { cookie }));
const act = (id: number, fields: Record<string, string>, cookie?: string) => run(withParams(topicAction, { id: String(id) }), formRequest(`/open-mic/${id}`, fields, { cookie }));
const list = (query = "", cookie?: string) => run(listLoader, getRequest(`/open-mic${query}`, { cookie }));

type ActionData = { result: { status?: string; initialValue?: Record<string, unknown>; error?: Record<string, string[] | null> }; personalData: { type: string; snippets: string[] }[] | null; formToken?: string; similar?: unknown[] };
const actionData = async (response: Response) => (await response.json()) as ActionData;
/** The notice a redirect leaves for the next page (the cookie holds the key as base64 JSON). */
const toastOf = (response: Response) => {
  const value = /kw_toast=([^;]*)/.exec(response.headers.get("Set-Cookie") ?? "")?.[1] ?? "";
  return JSON.parse(Buffer.from(decodeURIComponent(value), "base64").toString("utf8")) as string;
};
const topicIdFrom = (response: Response) => Number(/\/open-mic\/(\d+)/.exec(response.headers.get("Location") ?? "")?.[1]);
const topicsTitled = (title: string) => db.select().from(topics).where(eq(topics.title, title));
const syncJobs = async (topicId: number) => (await db.execute<{ key: string }>(sql`select key from graphile_worker.jobs where key = ${`topics:${topicId}`}`)).length;
const eventsOf = (topicId: number) => db.select().from(topicEvents).where(eq(topicEvents.topicId, topicId));

type ListData = { topics: { id: number; title: string; supports: number; replies: number; category: string | null; status: string }[]; total: number; page: number; pages: number; waiting: { count: number; oldestDays: number | null } };
const listData = async (response: Response) => (await response.json()) as ListData;

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
    expect(await db.select().from(topicFollows).where(and(eq(topicFollows.topicId, row!.id), eq(topicFollows.userId, member.id)))).toHaveLength(1);
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
    for (let index = 0; index < TOPIC_LIMITS.guestAddress.capacity; index++) expect((await raise(guestFields({ title: `Gastanliegen Nummer ${index}` }), { address })).status).toBe(303);
    const refused = await raise(guestFields({ title: "Eins zu viel" }), { address });
    expect(refused.status).toBe(429);
    const data = await actionData(refused);
    expect(data.result.error?.[""]?.[0]).toMatch(/^openMic\.spam\.throttled\|\d+$/);
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
    const response = await raise({ title: "Anonym: Probleme mit der Ausländerbehörde", body: "Termine sind kaum zu bekommen.", category: "aufenthalt-recht", postAs: "anonym", startedAt: issueFormToken() }, { cookie: member.cookie });
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

describe("the list", () => {
  const category = "freizeit-sport";
  const inCategory = (query: string) => list(`?thema=${category}${query ? `&${query}` : ""}`);
  let ids: Record<string, number> = {};

  beforeAll(async () => {
    const day = 86_400_000;
    const at = (days: number) => new Date(Date.now() - days * day);
    const base = { categoryId: categoryIds[category] };
    ids = {
      old: await seedTopic({ ...base, title: "Alt und unbeantwortet", createdAt: at(30), lastActivityAt: at(30) }),
      supported: await seedTopic({ ...base, title: "Viel unterstützt", createdAt: at(10), lastActivityAt: at(10), status: "clarifying" }),
      active: await seedTopic({ ...base, title: "Gerade aktiv", createdAt: at(20), lastActivityAt: at(0.01) }),
      newest: await seedTopic({ ...base, title: "Ganz neu", createdAt: at(0.1), lastActivityAt: at(0.1), town: "Auenstadt" }),
      hidden: await seedTopic({ ...base, title: "Ausgeblendet", hiddenAt: new Date(), hiddenReason: "Spam" }),
      unapproved: await seedTopic({ ...base, title: "Nicht freigegeben", approvedAt: null, authorId: null }),
    };
    ids.merged = await seedTopic({ ...base, title: "Doppelt", mergedIntoId: ids.old });
    await db.insert(topicStatusChanges).values({ topicId: ids.supported!, fromStatus: "new", toStatus: "clarifying", answer: "Wir klären das.", actorId: coordinator.id });
    await db.insert(topicSupports).values([member, otherMember, editor].map((who) => ({ topicId: ids.supported!, userId: who.id })));
    await db.insert(topicReplies).values([
      { topicId: ids.active!, authorId: member.id, body: "Sichtbar" },
      { topicId: ids.active!, authorId: member.id, body: "Versteckt", hiddenAt: new Date(), hiddenReason: "Spam" },
    ]);
  });

  test("shows approved, visible, unmerged topics, newest first, with counts", async () => {
    const data = await listData(await inCategory(""));
    expect(data.topics.map((topic) => topic.id)).toEqual([ids.newest, ids.supported, ids.active, ids.old]);
    const supported = data.topics.find((topic) => topic.id === ids.supported)!;
    expect(supported).toMatchObject({ supports: 3, replies: 0, category: "Freizeit & Sport", status: "clarifying" });
    expect(data.topics.find((topic) => topic.id === ids.active)!.replies).toBe(1);
  });

  test("sorts by support, activity and unanswered (only the waiting ones, longest waiting first)", async () => {
    expect((await listData(await inCategory("sortierung=unterstuetzt"))).topics[0]!.id).toBe(ids.supported);
    expect((await listData(await inCategory("sortierung=aktiv"))).topics[0]!.id).toBe(ids.active);
    expect((await listData(await inCategory("sortierung=unbeantwortet"))).topics.map((topic) => topic.id)).toEqual([ids.old, ids.active, ids.newest]);
  });

  test("filters by German status slugs; unknown filters are ignored", async () => {
    expect((await listData(await inCategory("status=in-klaerung"))).topics.map((topic) => topic.id)).toEqual([ids.supported]);
    expect((await listData(await inCategory("status=quatsch&sortierung=quatsch"))).topics).toHaveLength(4);
    expect((await listData(await list("?thema=gibt-es-nicht"))).total).toBeGreaterThanOrEqual(4);
  });

  test("pages hold 20 topics; ?seite= picks one", async () => {
    for (let index = 0; index < 21; index++) await seedTopic({ categoryId: categoryIds.ehrenamt, title: `Ehrenamt ${index}` });
    const first = await listData(await list("?thema=ehrenamt"));
    const second = await listData(await list("?thema=ehrenamt&seite=2"));
    expect(first.topics).toHaveLength(20);
    expect(first.pages).toBe(2);
    expect(second.page).toBe(2);
    expect(second.topics).toHaveLength(1);
  });

  test("the waiting summary counts visible topics without any answer and names the oldest", async () => {
    const before = await waitingForAnswer();
    await seedTopic({ title: "Wartet sehr lange", createdAt: new Date(Date.now() - 400 * 86_400_000) });
    await seedTopic({ title: "Wartet, aber ausgeblendet", createdAt: new Date(Date.now() - 500 * 86_400_000), hiddenAt: new Date() });
    const after = await waitingForAnswer();
    expect(after.count).toBe(before.count + 1);
    expect(Math.round((Date.now() - after.oldestSince!.getTime()) / 86_400_000)).toBe(400);
    expect((await listData(await list())).waiting).toEqual({ count: after.count, oldestDays: 400 });
  });
});

describe("a topic's page", () => {
  test("a number that is no topic, or no number at all, is a 404", async () => {
    for (const id of ["999999", "abc", "0", "99999999999"]) expect((await topicPage(id)).status).toBe(404);
  });

  test("the official answer on top (the newest change) with its service cards; the whole history below", async () => {
    const id = await seedTopic({ title: "Wer hilft bei der Anerkennung?", status: "answered" });
    const [service] = await db.insert(services).values({ partnerId, slug: "anerkennungsberatung-test", name: "Anerkennungsberatung" }).returning({ id: services.id });
    await db.insert(topicStatusChanges).values({ topicId: id, fromStatus: "new", toStatus: "clarifying", answer: "Wir prüfen.", actorId: coordinator.id, createdAt: new Date(Date.now() - 60_000) });
    const [latest] = await db.insert(topicStatusChanges).values({ topicId: id, fromStatus: "clarifying", toStatus: "answered", answer: "Die **Anerkennungsberatung** hilft.", actorId: coordinator.id }).returning({ id: topicStatusChanges.id });
    await db.insert(topicAnswerServices).values({ statusChangeId: latest!.id, serviceId: service!.id });
    const data = await (await topicPage(id)).json();
    expect(data.answer).toMatchObject({ toStatus: "answered", answer: "Die **Anerkennungsberatung** hilft.", by: coordinator.name, services: [{ slug: "anerkennungsberatung-test", name: "Anerkennungsberatung", partnerName: "Jobcenter Auental" }] });
    expect(data.history.map((change: { toStatus: string }) => change.toStatus)).toEqual(["clarifying", "answered"]);
  });

  test("a private working group is named only to its members; others read 'a working group'", async () => {
    const task = await db.execute<{ id: string }>(sql`insert into group_tasks (group_id, title) values (${groupIds["ankommen-wohnen"]}, 'Wohnungen prüfen') returning id`);
    const id = await seedTopic({ title: "Wohnungen für Familien", status: "routed", routedGroupId: groupIds["ankommen-wohnen"], routedTaskId: task[0]!.id, nextReviewAt: "2026-09-01" });
    await db.insert(groupMemberships).values({ groupId: groupIds["ankommen-wohnen"]!, userId: otherMember.id, role: "member" });
    for (const cookie of [undefined, member.cookie, coordinator.cookie]) {
      const text = await (await topicPage(id, cookie)).text();
      expect(JSON.parse(text).routing).toEqual({ group: null, taskUrl: null, nextReviewAt: "2026-09-01" });
      expect(text).not.toContain("Ankommen & Wohnen");
    }
    const insider = await (await topicPage(id, otherMember.cookie)).json();
    expect(insider.routing.group).toEqual({ slug: "ankommen-wohnen", name: "Ankommen & Wohnen" });
    expect(insider.routing.taskUrl).toBe(`/arbeitsgruppen/ankommen-wohnen/aufgaben/${task[0]!.id}`);
    const publicId = await seedTopic({ title: "Kurse abstimmen", status: "routed", routedGroupId: groupIds["sprache-bildung"] });
    expect((await (await topicPage(publicId)).json()).routing.group).toEqual({ slug: "sprache-bildung", name: "Sprache & Bildung" });
  });

  test("supporters: names for members, only the count for guests", async () => {
    const id = await seedTopic({ title: "Unterstützte Idee" });
    await db.insert(topicSupports).values([{ topicId: id, userId: otherMember.id }]);
    expect((await (await topicPage(id)).json()).supporters).toEqual({ count: 1, names: null });
    expect((await (await topicPage(id, member.cookie)).json()).supporters).toEqual({ count: 1, names: [otherMember.name] });
  });

  test("hidden: members and guests get the notice and the reason only; coordinators everything", async () => {
    const id = await seedTopic({ title: "Beleidigender Titel", body: "Beleidigender Text", hiddenAt: new Date(), hiddenBy: coordinator.id, hiddenReason: "Beleidigung" });
    for (const cookie of [undefined, member.cookie]) {
      const response = await topicPage(id, cookie);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ kind: "hidden", id, reason: "Beleidigung" });
      expect(text).not.toContain("Beleidigender");
    }
    const full = await (await topicPage(id, coordinator.cookie)).json();
    expect(full.topic.body).toBe("Beleidigender Text");
    expect(full.topic.moderation.hidden).toMatchObject({ reason: "Beleidigung", by: coordinator.name });
    expect(full.viewer.canTakePart).toBe(false);
  });

  test("a hidden reply shows its notice and reason; its text reaches coordinators only", async () => {
    const id = await seedTopic({ title: "Mit ausgeblendeter Antwort" });
    await db.insert(topicReplies).values({ topicId: id, authorId: otherMember.id, body: "Werbung für Kredite", hiddenAt: new Date(), hiddenReason: "Spam" });
    const forMember = await (await topicPage(id, member.cookie)).json();
    expect(forMember.replies[0]).toMatchObject({ body: null, hidden: { reason: "Spam" } });
    expect((await (await topicPage(id, coordinator.cookie)).json()).replies[0].body).toBe("Werbung für Kredite");
  });

  test("a hidden reply gives members and guests nothing but the notice and reason: no author, partner, times or moderation marker", async () => {
    const id = await seedTopic({ title: "Ausgeblendet ohne Spuren" });
    const [byName] = await db.insert(topicReplies).values({ topicId: id, authorId: otherMember.id, body: "Kredite!", editedAt: new Date(), hiddenAt: new Date(), hiddenReason: "Spam" }).returning({ id: topicReplies.id });
    await db.insert(topicReplies).values({ topicId: id, authorId: editor.id, partnerId, body: "Im Namen", hiddenAt: new Date(), hiddenReason: "Fehler" });
    await db.execute(sql`insert into topic_edits (topic_id, reply_id, editor_id, previous_body, reason) values (${id}, ${byName!.id}, ${coordinator.id}, 'Vorher', 'Gekürzt')`);
    for (const cookie of [undefined, member.cookie, otherMember.cookie]) {
      const text = await (await topicPage(id, cookie)).text();
      for (const leak of [otherMember.name, editor.name, "Jobcenter Auental", partnerSlug, "Gekürzt"]) expect(text).not.toContain(leak);
      const { replies } = JSON.parse(text);
      expect(replies).toHaveLength(2);
      for (const reply of replies) {
        expect(reply).toMatchObject({ author: null, partner: null, body: null, createdAt: null, editedAt: null, moderated: null, canEdit: false });
      }
      expect(replies.map((reply: { hidden: { reason: string } }) => reply.hidden.reason)).toEqual(["Spam", "Fehler"]);
    }
    const full = (await (await topicPage(id, coordinator.cookie)).json()).replies;
    expect(full[0]).toMatchObject({ author: { kind: "member", name: otherMember.name }, body: "Kredite!" });
    expect(full[0].createdAt).not.toBeNull();
    expect(full[0].moderated.changes[0]).toMatchObject({ reason: "Gekürzt" });
    expect(full[1]).toMatchObject({ author: { kind: "member", name: editor.name }, partner: { name: "Jobcenter Auental", slug: partnerSlug } });
  });

  test("a merged duplicate sends everyone to the kept topic; coordinators see it with a link", async () => {
    const kept = await seedTopic({ title: "Das behaltene Anliegen" });
    const duplicate = await seedTopic({ title: "Das Duplikat", mergedIntoId: kept });
    const response = await topicPage(duplicate, member.cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/open-mic/${kept}`);
    expect((await (await topicPage(duplicate, coordinator.cookie)).json()).topic.moderation.mergedIntoId).toBe(kept);
    // A loop of merges is a dead end, not an endless redirect.
    const a = await seedTopic({ title: "Schleife A" });
    const b = await seedTopic({ title: "Schleife B", mergedIntoId: a });
    await db.update(topics).set({ mergedIntoId: b }).where(eq(topics.id, a));
    expect((await topicPage(a)).status).toBe(404);
  });

  test("what the moderation changed: a note for everyone, the earlier text for the author and coordinators", async () => {
    const id = await seedTopic({ title: "Bearbeitet", body: "Neuer Text" });
    await db.execute(sql`insert into topic_edits (topic_id, editor_id, previous_title, previous_body, reason) values (${id}, ${coordinator.id}, 'Alter Titel', 'Alter Text mit Telefonnummer', 'Telefonnummer entfernt')`);
    const forOther = await (await topicPage(id, otherMember.cookie)).json();
    expect(forOther.topic.moderated.changes).toBeNull();
    expect(JSON.stringify(forOther)).not.toContain("Alter Text");
    for (const cookie of [member.cookie, coordinator.cookie]) {
      expect((await (await topicPage(id, cookie)).json()).topic.moderated.changes[0]).toMatchObject({ previousTitle: "Alter Titel", previousBody: "Alter Text mit Telefonnummer", reason: "Telefonnummer entfernt" });
    }
  });
});

describe("taking part", () => {
  test("guests are sent to sign in for every action and nothing changes", async () => {
    const id = await seedTopic({ title: "Gäste dürfen lesen" });
    for (const intent of ["reply", "support", "follow", "flag"]) {
      const response = await act(id, { intent, body: "Hallo", reason: "spam" });
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe(`/anmelden?redirectTo=${encodeURIComponent(`/open-mic/${id}`)}`);
    }
    expect(await db.select().from(topicReplies).where(eq(topicReplies.topicId, id))).toEqual([]);
    expect(await db.select().from(topicSupports).where(eq(topicSupports.topicId, id))).toEqual([]);
  });

  test("a member replies: the reply, the newest activity, a 'reply' event and the index job, in one go", async () => {
    const id = await seedTopic({ title: "Antworten erwünscht", lastActivityAt: new Date(Date.now() - 86_400_000) });
    const response = await act(id, { intent: "reply", body: "Wir haben **gute** Erfahrungen gemacht.", postAs: "name" }, otherMember.cookie);
    expect(response.status).toBe(303);
    const [reply] = await db.select().from(topicReplies).where(eq(topicReplies.topicId, id));
    expect(response.headers.get("Location")).toBe(`/open-mic/${id}#antwort-${reply!.id}`);
    expect(reply).toMatchObject({ authorId: otherMember.id, anonymous: false, partnerId: null });
    expect(await eventsOf(id)).toMatchObject([{ kind: "reply", replyId: reply!.id, actorId: otherMember.id }]);
    expect(await syncJobs(id)).toBe(1);
    const [row] = await db.select().from(topics).where(eq(topics.id, id));
    expect(Date.now() - row!.lastActivityAt.getTime()).toBeLessThan(60_000);
  });

  test("an anonymous reply hides its author from members and from the event", async () => {
    const id = await seedTopic({ title: "Anonym antworten" });
    expect((await act(id, { intent: "reply", body: "Ich kenne das Problem.", postAs: "anonym" }, otherMember.cookie)).status).toBe(303);
    expect((await eventsOf(id))[0]).toMatchObject({ kind: "reply", actorId: null });
    const text = await (await topicPage(id, member.cookie)).text();
    expect(text).not.toContain(otherMember.name);
    expect(JSON.parse(text).replies[0].author).toEqual({ kind: "anonymous", name: null });
  });

  test("the author of an anonymous topic is not given away by supporting it or replying to it", async () => {
    const id = await seedTopic({ title: "Anonym und aktiv", anonymous: true, authorId: member.id });
    await act(id, { intent: "support" }, member.cookie);
    await act(id, { intent: "support" }, otherMember.cookie);
    expect((await act(id, { intent: "reply", body: "Nachtrag der Autorin", postAs: "name" }, member.cookie)).status).toBe(303);
    const forMember = await topicPage(id, otherMember.cookie);
    const text = await forMember.text();
    expect(text).not.toContain(member.name);
    const data = JSON.parse(text);
    expect(data.supporters).toEqual({ count: 2, names: [otherMember.name] });
    expect(data.replies[0].author).toEqual({ kind: "anonymous", name: null });
    expect((await eventsOf(id))[0]).toMatchObject({ kind: "reply", actorId: null });
    expect((await (await topicPage(id, member.cookie)).json()).viewer.anonymousAuthor).toBe(true);
  });

  test("an editor of a partner answers in its name; anyone else may not", async () => {
    const id = await seedTopic({ title: "Frage an das Jobcenter" });
    const page = await (await topicPage(id, editor.cookie)).json();
    expect(page.viewer.partners).toEqual([{ id: partnerId, name: "Jobcenter Auental" }]);
    expect((await act(id, { intent: "reply", body: "Kommen Sie gern vorbei.", postAs: partnerId }, editor.cookie)).status).toBe(303);
    const refused = await act(id, { intent: "reply", body: "Ich tue so als ob.", postAs: partnerId }, otherMember.cookie);
    expect(refused.status).toBe(400);
    expect((await actionData(refused)).result.error).toMatchObject({ postAs: ["openMic.validation.partner"] });
    const replies = await db.select().from(topicReplies).where(eq(topicReplies.topicId, id));
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ authorId: editor.id, partnerId });
    expect((await (await topicPage(id)).json()).replies[0].partner).toEqual({ name: "Jobcenter Auental", slug: partnerSlug });
  });

  test("a reply in a partner's name names the partner only; the person who wrote it reaches coordinators only", async () => {
    const id = await seedTopic({ title: "Partner antwortet" });
    expect((await act(id, { intent: "reply", body: "Wir helfen gern.", postAs: partnerId }, editor.cookie)).status).toBe(303);
    for (const cookie of [undefined, member.cookie, otherMember.cookie]) {
      const text = await (await topicPage(id, cookie)).text();
      expect(text).not.toContain(editor.name);
      const [reply] = JSON.parse(text).replies;
      expect(reply.author).toBeNull();
      expect(reply.partner).toEqual({ name: "Jobcenter Auental", slug: partnerSlug });
    }
    // The writer themselves still may correct it.
    expect((await (await topicPage(id, editor.cookie)).json()).replies[0]).toMatchObject({ author: null, canEdit: true });
    expect((await (await topicPage(id, coordinator.cookie)).json()).replies[0].author).toEqual({ kind: "member", name: editor.name });
  });

  test("the author of an anonymous topic is not offered and may not use a partner's name there", async () => {
    const id = await seedTopic({ title: "Anonym vom Partner-Redakteur", anonymous: true, authorId: editor.id });
    expect((await (await topicPage(id, editor.cookie)).json()).viewer.partners).toEqual([]);
    const refused = await act(id, { intent: "reply", body: "Antwort im Namen des Jobcenters", postAs: partnerId }, editor.cookie);
    expect(refused.status).toBe(400);
    expect((await actionData(refused)).result.error).toMatchObject({ postAs: ["openMic.validation.partnerOnAnonymousTopic"] });
    expect(await db.select().from(topicReplies).where(eq(topicReplies.topicId, id))).toEqual([]);
    expect(await eventsOf(id)).toEqual([]);
    // On someone else's topic the same editor still answers for the partner.
    const other = await seedTopic({ title: "Fremdes Anliegen an den Partner" });
    expect((await (await topicPage(other, editor.cookie)).json()).viewer.partners).toEqual([{ id: partnerId, name: "Jobcenter Auental" }]);
  });

  test("a reply with personal data comes back with the warning; confirmed, it is posted", async () => {
    const id = await seedTopic({ title: "Personendaten in Antworten" });
    const warned = await act(id, { intent: "reply", body: "Ruf Frau M. an: 0531-7654321" }, member.cookie);
    expect(warned.status).toBe(400);
    expect((await actionData(warned)).personalData).toEqual([{ type: "phone", snippets: ["0531-7654321"] }]);
    expect(await db.select().from(topicReplies).where(eq(topicReplies.topicId, id))).toEqual([]);
    expect((await act(id, { intent: "reply", body: "Ruf Frau M. an: 0531-7654321", confirmPersonalData: "on" }, member.cookie)).status).toBe(303);
  });

  test("locked topics take no replies; held-back, hidden and merged topics take nothing at all", async () => {
    const locked = await seedTopic({ title: "Geschlossen", lockedAt: new Date() });
    const refused = await act(locked, { intent: "reply", body: "Noch was" }, member.cookie);
    expect(refused.status).toBe(400);
    expect((await actionData(refused)).result.error?.[""]).toEqual(["openMic.refused.locked"]);
    const held = await seedTopic({ title: "Nicht freigegeben", approvedAt: null });
    const hidden = await seedTopic({ title: "Versteckt", hiddenAt: new Date() });
    const merged = await seedTopic({ title: "Zusammengeführt", mergedIntoId: locked });
    for (const id of [held, hidden, merged]) {
      const attempts: Record<string, string>[] = [{ intent: "reply", body: "Hallo" }, { intent: "support" }, { intent: "follow" }, { intent: "flag", reason: "spam" }];
      for (const fields of attempts) {
        expect((await act(id, fields, coordinator.cookie)).status).toBe(404);
      }
    }
    expect(await db.select().from(topicReplies).where(eq(topicReplies.topicId, locked))).toEqual([]);
    expect(await db.select().from(topicSupports).where(eq(topicSupports.topicId, held))).toEqual([]);
  });

  test("five parallel supports count once; taking it back removes it", async () => {
    const id = await seedTopic({ title: "Parallel unterstützt" });
    const responses = await Promise.all(Array.from({ length: 5 }, () => act(id, { intent: "support" }, otherMember.cookie)));
    expect(responses.map((response) => response.status)).toEqual([303, 303, 303, 303, 303]);
    expect(await db.select().from(topicSupports).where(eq(topicSupports.topicId, id))).toHaveLength(1);
    expect((await (await topicPage(id, otherMember.cookie)).json()).viewer.supports).toBe(true);
    await act(id, { intent: "unsupport" }, otherMember.cookie);
    expect(await db.select().from(topicSupports).where(eq(topicSupports.topicId, id))).toEqual([]);
  });

  test("follow and unfollow; the author already follows what they raised", async () => {
    const response = await raise({ title: "Gefolgt von der Autorin", body: "Text", category: "arbeit", startedAt: issueFormToken() }, { cookie: member.cookie });
    const id = topicIdFrom(response);
    expect((await (await topicPage(id, member.cookie)).json()).viewer.follows).toBe(true);
    await act(id, { intent: "follow" }, otherMember.cookie);
    expect((await (await topicPage(id, otherMember.cookie)).json()).viewer.follows).toBe(true);
    await act(id, { intent: "unfollow" }, otherMember.cookie);
    expect(await db.select().from(topicFollows).where(and(eq(topicFollows.topicId, id), eq(topicFollows.userId, otherMember.id)))).toEqual([]);
  });

  test("a flag per person and item: repeated and parallel flags make one open row; replies of other topics are not found", async () => {
    const id = await seedTopic({ title: "Gemeldet" });
    const [reply] = await db.insert(topicReplies).values({ topicId: id, authorId: member.id, body: "Fragwürdig" }).returning({ id: topicReplies.id });
    const first = await act(id, { intent: "flag", reason: "offensive", note: "Ton" }, otherMember.cookie);
    expect(first.status).toBe(303);
    expect(toastOf(first)).toBe("openMic.toast.flagged");
    const again = await act(id, { intent: "flag", reason: "spam" }, otherMember.cookie);
    expect(toastOf(again)).toBe("openMic.toast.alreadyFlagged");
    await Promise.all(Array.from({ length: 4 }, () => act(id, { intent: "flag", reason: "spam", replyId: reply!.id }, otherMember.cookie)));
    const flags = await db.select().from(topicFlags).where(eq(topicFlags.topicId, id));
    expect(flags.map((flag) => [flag.replyId, flag.reason])).toEqual(expect.arrayContaining([[null, "offensive"], [reply!.id, "spam"]]));
    expect(flags).toHaveLength(2);
    expect((await (await topicPage(id, otherMember.cookie)).json()).viewer.flagged).toEqual(expect.arrayContaining(["topic", reply!.id]));

    const other = await seedTopic({ title: "Anderes Anliegen" });
    expect((await act(other, { intent: "flag", reason: "spam", replyId: reply!.id }, otherMember.cookie)).status).toBe(404);
    expect(await db.select().from(topicFlags).where(eq(topicFlags.topicId, other))).toEqual([]);
    const noReason = await act(id, { intent: "flag", reason: "" }, member.cookie);
    expect(noReason.status).toBe(400);
  });

  test("flags are limited per person: over the limit the form says so and nothing is written or mailed", async () => {
    const flagger = await person("Fleißige Melderin");
    const id = await seedTopic({ title: "Zu oft gemeldet" });
    for (let index = 0; index < TOPIC_LIMITS.flag.capacity; index++) await consumeRateLimit(db, `open-mic-flag:user:${flagger.id}`, TOPIC_LIMITS.flag);
    const refused = await act(id, { intent: "flag", reason: "spam", note: "Noch eine" }, flagger.cookie);
    expect(refused.status).toBe(429);
    const data = await actionData(refused);
    expect(data.result.error?.[""]?.[0]).toMatch(/^openMic\.flag\.throttled\|\d+$/);
    expect(data.result.initialValue).toMatchObject({ reason: "spam", note: "Noch eine" });
    expect(await db.select().from(topicFlags).where(eq(topicFlags.topicId, id))).toEqual([]);
    expect(await eventsOf(id)).toEqual([]);
    // Someone else may still flag.
    expect((await act(id, { intent: "flag", reason: "spam" }, otherMember.cookie)).status).toBe(303);
  });

  test("the flag limit allows ten flags in a row, then refuses", async () => {
    const flagger = await person("Viele Meldungen");
    const ids = await Promise.all(Array.from({ length: TOPIC_LIMITS.flag.capacity + 1 }, (_, index) => seedTopic({ title: `Meldung ${index}` })));
    const statuses: number[] = [];
    for (const id of ids) statuses.push((await act(id, { intent: "flag", reason: "other" }, flagger.cookie)).status);
    expect(statuses).toEqual([...Array.from({ length: TOPIC_LIMITS.flag.capacity }, () => 303), 429]);
    expect(await db.select().from(topicFlags).where(eq(topicFlags.reporterId, flagger.id))).toHaveLength(TOPIC_LIMITS.flag.capacity);
  });

  test("one's own reply can be corrected, someone else's not; a reply id of another topic is not found", async () => {
    const id = await seedTopic({ title: "Korrekturen" });
    const [reply] = await db.insert(topicReplies).values({ topicId: id, authorId: otherMember.id, body: "Tippfeler" }).returning({ id: topicReplies.id });
    expect((await act(id, { intent: "edit-reply", replyId: reply!.id, body: "Tippfehler" }, member.cookie)).status).toBe(403);
    const other = await seedTopic({ title: "Fremdes Anliegen" });
    expect((await act(other, { intent: "edit-reply", replyId: reply!.id, body: "Gekapert" }, otherMember.cookie)).status).toBe(404);
    expect((await act(id, { intent: "edit-reply", replyId: reply!.id, body: "Tippfehler" }, otherMember.cookie)).status).toBe(303);
    const [row] = await db.select().from(topicReplies).where(eq(topicReplies.id, reply!.id));
    expect(row!.body).toBe("Tippfehler");
    expect(row!.editedAt).not.toBeNull();
  });

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

describe("search", () => {
  const MARKER = "Quittengeleesprechstunde";
  let visible: number;
  let hidden: number;
  let held: number;
  let merged: number;

  beforeAll(async () => {
    visible = await seedTopic({ title: `Sprechstunde ${MARKER} in Lindach`, body: "Bitte abends.", authorId: member.id, anonymous: true, town: "Lindach" });
    hidden = await seedTopic({ title: `Versteckt ${MARKER}`, hiddenAt: new Date() });
    held = await seedTopic({ title: `Wartet ${MARKER}`, approvedAt: null });
    merged = await seedTopic({ title: `Doppelt ${MARKER}`, mergedIntoId: visible });
    await db.insert(topicReplies).values([
      { topicId: visible, authorId: otherMember.id, body: "Antwort mit Holunderwort" },
      { topicId: visible, authorId: otherMember.id, body: "Versteckte Antwort mit Schlehenwort", hiddenAt: new Date() },
    ]);
    for (const id of [visible, hidden, held, merged]) await syncDocument(db, "topics", String(id));
  }, 60_000);

  test("documents hold visible topics with their visible replies, and nothing about who wrote them", async () => {
    const documents = await topicsIndex.load(db, [visible, hidden, held, merged].map(String));
    expect(documents.map((document) => document.id)).toEqual([String(visible)]);
    expect(documents[0]).toMatchObject({ url: `/open-mic/${visible}`, status: "new", category: "sprache", town: "Lindach", visibility: "public" });
    expect(documents[0]!.text).toContain("Holunderwort");
    expect(documents[0]!.text).not.toContain("Schlehenwort");
    expect(JSON.stringify(documents)).not.toContain(member.name);
  });

  test("the search box and the API find the visible topic as type 'topic', never hidden or held-back ones", async () => {
    const outcome = await searchEverything(MARKER, null);
    if (outcome.status !== "ok") throw new Error("search unavailable");
    expect(outcome.hits.filter((hit) => hit.type === "topic").map((hit) => hit.id)).toEqual([String(visible)]);
    expect(outcome.totals.topic).toBe(1);
    const api = (await (await run(apiLoader, getRequest(`/api/v1/search?q=${MARKER}&type=topic`))).json()) as { hits: { type: string; title: string; url: string }[] };
    expect(api.hits).toEqual([expect.objectContaining({ type: "topic", title: `Sprechstunde ${MARKER} in Lindach`, url: `/open-mic/${visible}` })]);
    expect((await searchEverything("Schlehenwort", null)).status === "ok" && (await searchEverything("Schlehenwort", null))).toMatchObject({ totals: { topic: 0 } });
  });

  test("a topic hidden after indexing is withdrawn by the PostgreSQL re-check, also from the list search", async () => {
    const late = await seedTopic({ title: `Spät ausgeblendet ${MARKER}` });
    await syncDocument(db, "topics", String(late));
    expect((await listData(await list(`?q=${MARKER}`))).topics.map((topic) => topic.id).sort()).toEqual([visible, late].sort());
    await db.update(topics).set({ hiddenAt: new Date() }).where(eq(topics.id, late));
    const outcome = await searchEverything(MARKER, null);
    expect(outcome.status === "ok" && outcome.hits.filter((hit) => hit.type === "topic").map((hit) => hit.id)).toEqual([String(visible)]);
    expect((await listData(await list(`?q=${MARKER}`))).topics.map((topic) => topic.id)).toEqual([visible]);
  });

  test("similar topics while typing a title: visible ones only", async () => {
    const data = await (await run(similarLoader, getRequest(`/open-mic/aehnliche?q=${encodeURIComponent(`${MARKER} Lindach`)}`))).json();
    expect(data.topics.map((topic: { id: number }) => topic.id)).toEqual([visible]);
    expect((await (await run(similarLoader, getRequest("/open-mic/aehnliche?q=ab"))).json()).topics).toEqual([]);
  });
});
