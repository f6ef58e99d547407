import { and, eq } from "drizzle-orm";
import { db } from "#db/client";
import { topicEvents, topics, topicStatusChanges } from "#db/schema";
import { deliverTopicEvent } from "#app/modules/notifications/notify.server";
import { action as statusAction, loader as statusLoader } from "#app/routes/open-mic.$id_.status";
import { getFixedT } from "#app/utils/i18n.server";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, withParams } from "#test/factories";
import { waitForMailText } from "#test/mail-text";
import { PLAIN_SUMMARY_MAX } from "./coordination-schemas";
import { topicPage } from "./topic-fixtures.server";

type Person = { id: string; cookie: string };
const people: Record<"member" | "coordinator" | "admin", Person> = {} as never;

beforeAll(async () => {
  for (const role of ["member", "coordinator", "admin"] as const) {
    const user = await createTestUser({ role, displayName: `Person ${role}` });
    people[role] = { id: user.id, cookie: await sessionCookieFor(user.id) };
  }
});

async function guestTopic(language: string | null = "uk"): Promise<number> {
  const [topic] = await db
    .insert(topics)
    .values({
      title: "Де знайти дитячого лікаря?",
      body: "Усі лікарі кажуть, що нових пацієнтів не приймають.",
      language: "uk",
      guestEmail: `gast-${Math.random().toString(36).slice(2, 8)}@test.example`,
      guestName: "Olha",
      guestLanguage: language,
      approvedAt: new Date(),
    })
    .returning({ id: topics.id });
  return topic!.id;
}

const answer = (id: number, fields: Record<string, string>, cookie?: string) => run(withParams(statusAction, { id: String(id) }), formRequest(`/open-mic/${id}/status`, fields, { cookie }));
const changesOf = (id: number) => db.select().from(topicStatusChanges).where(eq(topicStatusChanges.topicId, id));

const ANSWER = "Die Terminservicestelle vermittelt unter 116 117 Termine bei Kinderärztinnen und Kinderärzten.";
const SUMMARY = "Rufen Sie die 116 117 an. Dort bekommen Sie einen Termin.";

describe("who may write a plain-language summary", () => {
  test("a guest is sent to sign in and a member gets 403: nothing is written", async () => {
    const id = await guestTopic();
    const guest = await answer(id, { toStatus: "answered", answer: ANSWER, plainSummary: SUMMARY });
    expect(guest.status).toBe(302);
    expect(guest.headers.get("Location")).toMatch(/^\/anmelden\?redirectTo=/);
    expect((await answer(id, { toStatus: "answered", answer: ANSWER, plainSummary: SUMMARY }, people.member.cookie)).status).toBe(403);
    expect((await run(withParams(statusLoader, { id: String(id) }), getRequest(`/open-mic/${id}/status`, { cookie: people.member.cookie }))).status).toBe(403);
    expect(await changesOf(id)).toHaveLength(0);
  });

  test.each(["coordinator", "admin"] as const)("the coordination (%s) answers with a summary: it is stored with the answer and shown first on the topic's page", async (role) => {
    const id = await guestTopic();
    const response = await answer(id, { toStatus: "answered", answer: ANSWER, plainSummary: `  ${SUMMARY}  ` }, people[role].cookie);
    expect(response.status).toBe(303);
    expect((await changesOf(id))[0]).toMatchObject({ answer: ANSWER, plainSummary: SUMMARY });
    const page = await (await topicPage(id)).json();
    expect(page.answer).toMatchObject({ plainSummary: SUMMARY });
    expect(page.history[0]).toMatchObject({ plainSummary: SUMMARY });
    const status = await (await run(withParams(statusLoader, { id: String(id) }), getRequest(`/open-mic/${id}/status`, { cookie: people[role].cookie }))).json();
    expect(status.history[0]).toMatchObject({ plainSummary: SUMMARY });
  });
});

describe("the summary's form field", () => {
  test("it may stay empty: the answer has no summary", async () => {
    const id = await guestTopic();
    expect((await answer(id, { toStatus: "clarifying", answer: ANSWER, plainSummary: "   " }, people.coordinator.cookie)).status).toBe(303);
    expect((await changesOf(id))[0]).toMatchObject({ plainSummary: null });
  });

  test("a summary over 500 characters comes back at its field with what was typed, and nothing is written", async () => {
    const id = await guestTopic();
    const long = "Kurz. ".repeat(Math.ceil((PLAIN_SUMMARY_MAX + 1) / 6));
    const response = await answer(id, { toStatus: "answered", answer: ANSWER, plainSummary: long }, people.coordinator.cookie);
    expect(response.status).toBe(400);
    const data = (await response.json()) as { result: { error?: Record<string, string[]>; initialValue?: Record<string, string> } };
    expect(data.result.error?.plainSummary).toEqual(["validation.tooLong"]);
    expect(data.result.initialValue).toMatchObject({ answer: ANSWER, plainSummary: long });
    expect(await changesOf(id)).toHaveLength(0);
  });
});

test("the guest hears of the answer in the language they wrote from, the summary before the full text", async () => {
  const id = await guestTopic("uk");
  expect((await answer(id, { toStatus: "answered", answer: ANSWER, plainSummary: SUMMARY }, people.coordinator.cookie)).status).toBe(303);
  const [event] = await db
    .select({ id: topicEvents.id })
    .from(topicEvents)
    .where(and(eq(topicEvents.topicId, id), eq(topicEvents.kind, "answer")));
  expect(await deliverTopicEvent(event!.id)).toMatchObject({ guestMailed: true });
  const [topic] = await db.select({ email: topics.guestEmail }).from(topics).where(eq(topics.id, id));
  const { text } = await waitForMailText(topic!.email!);
  const uk = getFixedT("uk");
  expect(text).toContain(uk("postLanguages.mail.summary"));
  expect(text).toContain("Простими словами:");
  expect(text).toContain(uk("notifications.mail.whyGuest"));
  expect(text.indexOf(SUMMARY)).toBeLessThan(text.indexOf(ANSWER));
});
