import fs from "node:fs/promises";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import {
  notificationPreferences,
  notifications,
  topicEvents,
  topicFollows,
  topicReplies,
  topics,
  topicStatusChanges,
  users,
  type NotificationChannel,
  type NotificationKind,
  type TopicStatus,
  type UserRole,
} from "#db/schema";
import { recordTopicEvent, TOPIC_EVENT_TASK } from "#app/modules/open-mic/events.server";
import { flagItem } from "#app/modules/open-mic/flags.server";
import { loader as rootLoader } from "#app/root";
import { loader as unsubscribeLoader, action as unsubscribeAction } from "#app/routes/benachrichtigungen.abbestellen";
import { loader as listLoader, action as listAction } from "#app/routes/konto.benachrichtigungen";
import { loader as openLoader } from "#app/routes/konto.benachrichtigungen_.$id";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, withParams } from "#test/factories";
import { decodeQuotedPrintable, waitForMail } from "#test/mail";
import { createTopicEventNotifyTask, deliverTopicEvent } from "./notify.server";
import { guestUnsubscribeToken, memberUnsubscribeToken } from "./unsubscribe.server";

type Person = { id: string; email: string; name: string; cookie: string };

let counter = 0;
async function person(options: { role?: UserRole; verified?: boolean; locale?: string } = {}): Promise<Person> {
  counter += 1;
  const name = `Person ${counter} ${Math.random().toString(36).slice(2, 7)}`;
  const user = await createTestUser({ role: options.role, displayName: name, verified: options.verified });
  if (options.locale) await db.execute(sql`update users set locale = ${options.locale} where id = ${user.id}`);
  return { id: user.id, email: user.email, name, cookie: await sessionCookieFor(user.id) };
}

async function prefer(who: Person, kind: NotificationKind, channel: NotificationChannel) {
  await db
    .insert(notificationPreferences)
    .values({ userId: who.id, kind, channel })
    .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { channel } });
}

async function makeTopic(values: Partial<typeof topics.$inferInsert> = {}): Promise<number> {
  const [row] = await db
    .insert(topics)
    .values({ title: `Anliegen ${Math.random().toString(36).slice(2, 8)}`, body: "Worum es geht.", approvedAt: new Date(), ...values })
    .returning({ id: topics.id });
  return row!.id;
}

async function follow(topicId: number, ...people: Person[]) {
  await db.insert(topicFollows).values(people.map((who) => ({ topicId, userId: who.id })));
}

async function reply(topicId: number, author: Person, options: { body?: string; anonymous?: boolean; hidden?: boolean } = {}): Promise<string> {
  const [row] = await db
    .insert(topicReplies)
    .values({ topicId, authorId: author.id, anonymous: options.anonymous ?? false, body: options.body ?? "Eine hilfreiche Antwort.", hiddenAt: options.hidden ? new Date() : null })
    .returning({ id: topicReplies.id });
  // As the topic writes do it: an anonymous reply's event names no actor.
  return recordTopicEvent(db, { topicId, kind: "reply", replyId: row!.id, actorId: options.anonymous ? null : author.id });
}

async function changeStatus(topicId: number, actor: Person, toStatus: TopicStatus, answer: string, kind: "status" | "answer" = "answer"): Promise<string> {
  const [row] = await db.insert(topicStatusChanges).values({ topicId, fromStatus: "new", toStatus, answer, actorId: actor.id }).returning({ id: topicStatusChanges.id });
  return recordTopicEvent(db, { topicId, kind, statusChangeId: row!.id, actorId: actor.id });
}

async function rowsFor(eventId: string) {
  const rows = await db.select({ userId: notifications.userId, kind: notifications.kind }).from(notifications).where(eq(notifications.eventId, eventId));
  return rows;
}

const recipients = async (eventId: string) => (await rowsFor(eventId)).map((row) => row.userId).sort();

/** Every mail to the address in DATA_DIR/mail (sending is awaited, so they are there when delivery returns). */
async function mailsTo(address: string): Promise<string[]> {
  const dir = path.join(process.env.DATA_DIR!, "mail");
  const files = await fs.readdir(dir).catch(() => [] as string[]);
  const texts = await Promise.all(files.map((file) => fs.readFile(path.join(dir, file), "utf8")));
  return texts.map(decodeQuotedPrintable).filter((text) => text.includes(`To: ${address}`));
}

/** A header of a raw mail, its folded lines joined. */
function header(mail: string, name: string): string | null {
  const head = mail.slice(0, mail.indexOf("\n\n")).replace(/\r?\n[ \t]+/g, " ");
  const line = head.split(/\r?\n/).find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : null;
}

function unsubscribePathFrom(mail: string): string {
  const value = header(mail, "List-Unsubscribe");
  const match = value ? /<(https?:\/\/[^>]+)>/.exec(value) : null;
  if (!match) throw new Error("no List-Unsubscribe header");
  const url = new URL(match[1]!);
  return `${url.pathname}${url.search}`;
}

function oneClick(pathWithToken: string): Request {
  // What a mail program sends: no cookie, no session, only the RFC 8058 body.
  return new Request(`http://localhost:3000${pathWithToken}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
  });
}

async function channelOf(who: Person, kind: NotificationKind) {
  const [row] = await db
    .select({ channel: notificationPreferences.channel })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, who.id), eq(notificationPreferences.kind, kind)));
  return row?.channel ?? null;
}

describe("who hears of an event", () => {
  test("a reply reaches the author and the followers, never the one who replied", async () => {
    const [author, follower, replier, stranger] = await Promise.all([person(), person(), person(), person()]);
    const topicId = await makeTopic({ authorId: author.id });
    await follow(topicId, follower, replier);
    const eventId = await reply(topicId, replier);
    const report = await deliverTopicEvent(eventId);
    expect(report.kind).toBe("topic_reply");
    expect(await recipients(eventId)).toEqual([author.id, follower.id].sort());
    expect(await recipients(eventId)).not.toContain(stranger.id);
    expect((await rowsFor(eventId)).every((row) => row.kind === "topic_reply")).toBe(true);
  });

  test("an anonymous reply still spares its author, and nobody's mail names them", async () => {
    const [author, follower, replier] = await Promise.all([person(), person(), person()]);
    await prefer(follower, "topic_reply", "email");
    const topicId = await makeTopic({ authorId: author.id });
    await follow(topicId, follower, replier);
    const eventId = await reply(topicId, replier, { anonymous: true, body: "Ich kenne da jemanden." });
    await deliverTopicEvent(eventId);
    expect(await recipients(eventId)).toEqual([author.id, follower.id].sort());
    const mail = await waitForMail(follower.email);
    expect(mail).toContain("Ich kenne da jemanden.");
    expect(mail).toContain("anonym");
    expect(mail).not.toContain(replier.name);
  });

  test("the author's own reply notifies only the followers", async () => {
    const [author, follower] = await Promise.all([person(), person()]);
    const topicId = await makeTopic({ authorId: author.id });
    await follow(topicId, follower, author);
    const eventId = await reply(topicId, author);
    await deliverTopicEvent(eventId);
    expect(await recipients(eventId)).toEqual([follower.id]);
  });

  test("hidden replies and replies on hidden, waiting or merged topics tell nobody", async () => {
    const [author, follower, replier] = await Promise.all([person(), person(), person()]);
    const cases = [
      { topic: {}, hidden: true },
      { topic: { hiddenAt: new Date(), hiddenReason: "Spam" }, hidden: false },
      { topic: { approvedAt: null }, hidden: false },
      { topic: { mergedIntoId: await makeTopic() }, hidden: false },
    ];
    for (const { topic, hidden } of cases) {
      const topicId = await makeTopic({ authorId: author.id, ...topic });
      await follow(topicId, follower);
      const eventId = await reply(topicId, replier, { hidden });
      await deliverTopicEvent(eventId);
      expect(await recipients(eventId)).toEqual([]);
    }
  });

  test("a status change and an official answer reach author and followers, not the coordinator who made them", async () => {
    const [author, follower, coordinator] = await Promise.all([person(), person(), person({ role: "coordinator" })]);
    const topicId = await makeTopic({ authorId: author.id });
    await follow(topicId, follower, coordinator);
    const statusEvent = await changeStatus(topicId, coordinator, "clarifying", "Wir klären das mit dem Jobcenter.", "status");
    const answerEvent = await changeStatus(topicId, coordinator, "answered", "Das Jobcenter bietet ab März eine Sprechstunde an.", "answer");
    expect((await deliverTopicEvent(statusEvent)).kind).toBe("topic_status");
    expect((await deliverTopicEvent(answerEvent)).kind).toBe("topic_answer");
    for (const eventId of [statusEvent, answerEvent]) expect(await recipients(eventId)).toEqual([author.id, follower.id].sort());
    // Both are e-mail by default: the answer's text reaches the author.
    const mail = await waitForMail(author.email);
    expect(mail).toContain("Das Jobcenter bietet ab März eine Sprechstunde an.");
    expect(mail).toContain(`http://localhost:3000/open-mic/${topicId}`);
  });

  test("a status change on a hidden topic reaches only its author, without its title", async () => {
    const [author, follower, coordinator] = await Promise.all([person(), person(), person({ role: "coordinator" })]);
    const topicId = await makeTopic({ authorId: author.id, title: "Geheimer Titel mit Namen", hiddenAt: new Date(), hiddenReason: "Personenbezug" });
    await follow(topicId, follower);
    const eventId = await changeStatus(topicId, coordinator, "rejected", "Bitte ohne Namen neu einreichen.");
    await deliverTopicEvent(eventId);
    expect(await recipients(eventId)).toEqual([author.id]);
    const mail = await waitForMail(author.email);
    expect(mail).toContain("Bitte ohne Namen neu einreichen.");
    expect(mail).not.toContain("Geheimer Titel");
    expect(mail).toContain(`Anliegen ${topicId}`);
  });

  test("a flagged post reaches the coordinators once, not the member who flagged it", async () => {
    const [coordinator, flagger, author] = await Promise.all([person({ role: "coordinator" }), person(), person()]);
    const topicId = await makeTopic({ authorId: author.id, title: "Ton im Sprachcafé" });
    const [{ id: replyId }] = (await db.insert(topicReplies).values({ topicId, authorId: author.id, body: "Ein unfreundlicher Satz." }).returning({ id: topicReplies.id })) as [{ id: string }];
    const flaggingUser = (await db.select().from(users).where(eq(users.id, flagger.id)))[0]!;
    expect(await flagItem(topicId, flaggingUser, { replyId, reason: "offensive", note: "" })).toMatchObject({ ok: true });
    expect(await flagItem(topicId, flaggingUser, { replyId, reason: "offensive", note: "" })).toMatchObject({ ok: true, already: true });
    const events = await db
      .select({ id: topicEvents.id })
      .from(topicEvents)
      .where(and(eq(topicEvents.topicId, topicId), eq(topicEvents.kind, "flagged")));
    expect(events).toHaveLength(1);
    const report = await deliverTopicEvent(events[0]!.id);
    expect(report.kind).toBe("moderation_queue");
    const got = await recipients(events[0]!.id);
    expect(got).toContain(coordinator.id);
    expect(got).not.toContain(flagger.id);
    expect(got).not.toContain(author.id);
    expect(await waitForMail(coordinator.email)).toContain("wurde gemeldet");
  });

  test("a guest's topic waiting for approval reaches every coordinator and admin, and nobody else", async () => {
    const [coordinator, admin, member] = await Promise.all([person({ role: "coordinator" }), person({ role: "admin" }), person()]);
    const topicId = await makeTopic({ approvedAt: null, guestEmail: "gast@test.example", title: "Bitte um Freigabe" });
    const eventId = await recordTopicEvent(db, { topicId, kind: "submitted" });
    const report = await deliverTopicEvent(eventId);
    expect(report.kind).toBe("moderation_queue");
    const got = await recipients(eventId);
    expect(got).toContain(coordinator.id);
    expect(got).toContain(admin.id);
    expect(got).not.toContain(member.id);
    const mail = await waitForMail(coordinator.email);
    expect(mail).toContain("Bitte um Freigabe");
    expect(mail).toContain("/open-mic/moderation");
    expect(mail).not.toContain("gast@test.example");
  });

  test("a topic approved before the job ran no longer calls the moderation", async () => {
    await person({ role: "coordinator" });
    const topicId = await makeTopic({ approvedAt: null });
    const eventId = await recordTopicEvent(db, { topicId, kind: "submitted" });
    await db.update(topics).set({ approvedAt: new Date() }).where(eq(topics.id, topicId));
    await deliverTopicEvent(eventId);
    expect(await recipients(eventId)).toEqual([]);
  });
});

describe("what each person chose", () => {
  test("off gives nothing, in the app gives a row only, e-mail gives a row and a mail", async () => {
    const [off, inApp, byMail, replier] = await Promise.all([person(), person(), person(), person()]);
    await prefer(off, "topic_reply", "off");
    await prefer(inApp, "topic_reply", "in_app");
    await prefer(byMail, "topic_reply", "email");
    const topicId = await makeTopic({ authorId: off.id });
    await follow(topicId, inApp, byMail);
    const eventId = await reply(topicId, replier, { body: "Antwort für die Einstellungen." });
    const report = await deliverTopicEvent(eventId);
    expect(await recipients(eventId)).toEqual([inApp.id, byMail.id].sort());
    expect(report.mailed).toEqual([byMail.id]);
    expect(await mailsTo(off.email)).toEqual([]);
    expect(await mailsTo(inApp.email)).toEqual([]);
    const mail = await waitForMail(byMail.email);
    expect(mail).toContain("Antwort für die Einstellungen.");
    expect(mail).toContain(replier.name);
    expect(mail).toContain(`http://localhost:3000/open-mic/${topicId}#antwort-`);
  });

  test("the defaults: replies in the app only, status changes and answers by e-mail too", async () => {
    const [author, replier, coordinator] = await Promise.all([person(), person(), person({ role: "coordinator" })]);
    const topicId = await makeTopic({ authorId: author.id });
    const replyReport = await deliverTopicEvent(await reply(topicId, replier));
    expect(replyReport).toMatchObject({ notified: [author.id], mailed: [] });
    const statusReport = await deliverTopicEvent(await changeStatus(topicId, coordinator, "clarifying", "In Klärung.", "status"));
    expect(statusReport).toMatchObject({ notified: [author.id], mailed: [author.id] });
  });

  test("an unconfirmed address gets the row but no mail", async () => {
    const [author, coordinator] = await Promise.all([person({ verified: false }), person({ role: "coordinator" })]);
    const topicId = await makeTopic({ authorId: author.id });
    const report = await deliverTopicEvent(await changeStatus(topicId, coordinator, "answered", "Beantwortet."));
    expect(report).toMatchObject({ notified: [author.id], mailed: [] });
    expect(await mailsTo(author.email)).toEqual([]);
  });

  test("mails are written in the recipient's language", async () => {
    const [author, coordinator] = await Promise.all([person({ locale: "en" }), person({ role: "coordinator" })]);
    const topicId = await makeTopic({ authorId: author.id });
    await deliverTopicEvent(await changeStatus(topicId, coordinator, "answered", "Answered in English."));
    const mail = await waitForMail(author.email);
    expect(mail).toContain("the coordination has answered the topic");
    expect(header(mail, "Subject")).toContain("Answer from the coordination");
  });
});

describe("a retried job", () => {
  test("running the job twice adds no row and sends no mail twice", async () => {
    const [author, follower, coordinator] = await Promise.all([person(), person(), person({ role: "coordinator" })]);
    const topicId = await makeTopic({ authorId: author.id });
    await follow(topicId, follower);
    const eventId = await changeStatus(topicId, coordinator, "answered", "Einmal reicht.");
    const task = createTopicEventNotifyTask(db);
    const helpers = {} as Parameters<typeof task>[1];
    await task({ eventId }, helpers);
    await task({ eventId }, helpers);
    expect(await recipients(eventId)).toEqual([author.id, follower.id].sort());
    expect(await mailsTo(author.email)).toHaveLength(1);
    expect(await mailsTo(follower.email)).toHaveLength(1);
    const again = await deliverTopicEvent(eventId);
    expect(again).toMatchObject({ notified: [], mailed: [] });
  });

  test("recordTopicEvent queues the job this module runs", async () => {
    const topicId = await makeTopic();
    const eventId = await recordTopicEvent(db, { topicId, kind: "submitted" });
    const jobs = await db.execute<{ payload: { eventId: string } }>(
      sql`select job.payload from graphile_worker._private_jobs job join graphile_worker._private_tasks task on task.id = job.task_id where task.identifier = ${TOPIC_EVENT_TASK}`,
    );
    expect(jobs.map((job) => job.payload.eventId)).toContain(eventId);
  });
});

describe("guests and their official answer", () => {
  test("a guest who left an address gets the answer by mail, with the link and a one-click way out", async () => {
    const coordinator = await person({ role: "coordinator" });
    const guestEmail = `gast-${Date.now()}@test.example`;
    const topicId = await makeTopic({ guestEmail, guestName: "Familie Nowak", title: "Wo gibt es Deutschkurse am Abend?" });
    const report = await deliverTopicEvent(await changeStatus(topicId, coordinator, "answered", "Die VHS Auental bietet dienstags einen Abendkurs an."));
    expect(report.guestMailed).toBe(true);
    const mail = await waitForMail(guestEmail);
    expect(mail).toContain("Hallo Familie Nowak,");
    expect(mail).toContain("Die VHS Auental bietet dienstags einen Abendkurs an.");
    expect(mail).toContain(`http://localhost:3000/open-mic/${topicId}`);
    expect(header(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(mail).not.toContain(coordinator.name);

    const link = unsubscribePathFrom(mail);
    expect(mail).toContain(`http://localhost:3000${link}`);
    const page = await run(unsubscribeLoader, getRequest(link));
    expect(page.status).toBe(200);
    // Asking changes nothing; only the POST does, and it needs no session.
    expect((await db.select({ guestEmail: topics.guestEmail }).from(topics).where(eq(topics.id, topicId)))[0]!.guestEmail).toBe(guestEmail);
    const done = await run(unsubscribeAction, oneClick(link));
    expect(done.status).toBe(200);
    expect((await db.select({ guestEmail: topics.guestEmail }).from(topics).where(eq(topics.id, topicId)))[0]!.guestEmail).toBeNull();
    // The next answer finds no address; the used link is no longer valid.
    expect((await deliverTopicEvent(await changeStatus(topicId, coordinator, "closed", "Erledigt.", "status"))).guestMailed).toBe(false);
    expect((await run(unsubscribeLoader, getRequest(link))).status).toBe(404);
  });

  test("replies are not mailed to guests, and waiting topics mail nobody", async () => {
    const [replier, coordinator] = await Promise.all([person(), person({ role: "coordinator" })]);
    const guestEmail = `gast-still-${Date.now()}@test.example`;
    const topicId = await makeTopic({ guestEmail });
    expect((await deliverTopicEvent(await reply(topicId, replier))).guestMailed).toBe(false);
    const waiting = await makeTopic({ guestEmail, approvedAt: null });
    expect((await deliverTopicEvent(await changeStatus(waiting, coordinator, "rejected", "Nein."))).guestMailed).toBe(false);
    expect(await mailsTo(guestEmail)).toEqual([]);
  });
});

describe("unsubscribing", () => {
  test("a member's link turns off e-mails of its kind only, without a session", async () => {
    const [author, coordinator] = await Promise.all([person(), person({ role: "coordinator" })]);
    const topicId = await makeTopic({ authorId: author.id });
    await deliverTopicEvent(await changeStatus(topicId, coordinator, "answered", "Hier ist die Antwort."));
    const mail = await waitForMail(author.email);
    const link = unsubscribePathFrom(mail);
    expect(mail).toContain(`http://localhost:3000${link}`);
    expect((await run(unsubscribeLoader, getRequest(link))).status).toBe(200);
    expect(await channelOf(author, "topic_answer")).toBeNull();

    // The page's own button: a plain form post, then a redirect to the confirmation.
    const confirmed = await run(unsubscribeAction, formRequest(link, { token: new URL(`http://x${link}`).searchParams.get("token")! }));
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get("Location")).toBe("/benachrichtigungen/abbestellen?erledigt=topic_answer");
    expect(await channelOf(author, "topic_answer")).toBe("in_app");
    expect(await channelOf(author, "topic_status")).toBeNull();

    // From now on: the row, no mail.
    const report = await deliverTopicEvent(await changeStatus(topicId, coordinator, "answered", "Noch eine Antwort."));
    expect(report).toMatchObject({ notified: [author.id], mailed: [] });
  });

  test("forged, altered or foreign tokens answer 404 and change nothing", async () => {
    const [victim, other] = await Promise.all([person(), person()]);
    const guestEmail = `gast-forged-${Date.now()}@test.example`;
    const topicId = await makeTopic({ guestEmail });
    const otherTopic = await makeTopic({ guestEmail: "jemand@test.example" });
    const valid = memberUnsubscribeToken(other.id, "topic_status");
    const [, , , signature] = valid.split(".");
    const forged = [
      "",
      "nonsense",
      `m.${victim.id}.topic_status.${signature}`, // another person's id under someone's signature
      `m.${other.id}.topic_answer.${signature}`, // another kind
      `m.${other.id}.topic_status.${signature!.slice(0, -2)}xx`,
      guestUnsubscribeToken(topicId, "falsch@test.example"), // signed for another address
      guestUnsubscribeToken(otherTopic, guestEmail).replace(`g.${otherTopic}.`, `g.${topicId}.`),
    ];
    for (const token of forged) {
      const link = `/benachrichtigungen/abbestellen?token=${encodeURIComponent(token)}`;
      expect((await run(unsubscribeLoader, getRequest(link))).status).toBe(404);
      expect((await run(unsubscribeAction, oneClick(link))).status).toBe(404);
    }
    expect(await channelOf(victim, "topic_status")).toBeNull();
    expect(await channelOf(other, "topic_status")).toBeNull();
    expect(await channelOf(other, "topic_answer")).toBeNull();
    const guestRows = await db
      .select({ id: topics.id, guestEmail: topics.guestEmail })
      .from(topics)
      .where(sql`${topics.id} in (${topicId}, ${otherTopic})`);
    expect(guestRows.every((row) => row.guestEmail !== null)).toBe(true);
  });

  test("a member who turned a kind off keeps it off after unsubscribing", async () => {
    const member = await person();
    await prefer(member, "topic_reply", "off");
    const link = `/benachrichtigungen/abbestellen?token=${encodeURIComponent(memberUnsubscribeToken(member.id, "topic_reply"))}`;
    expect((await run(unsubscribeAction, oneClick(link))).status).toBe(200);
    expect(await channelOf(member, "topic_reply")).toBe("off");
  });
});

describe("the person's notifications", () => {
  async function notifiedPerson() {
    const [owner, replier] = await Promise.all([person(), person()]);
    const topicId = await makeTopic({ authorId: owner.id, title: "Mein eigenes Anliegen" });
    await deliverTopicEvent(await reply(topicId, replier));
    await deliverTopicEvent(await reply(topicId, replier));
    const ids = (await db.select({ id: notifications.id }).from(notifications).where(eq(notifications.userId, owner.id))).map((row) => row.id);
    return { owner, topicId, ids };
  }

  async function unreadBadge(who: Person): Promise<number> {
    const response = await run(rootLoader, getRequest("/", { cookie: who.cookie }));
    return ((await response.json()) as { unreadNotifications: number }).unreadNotifications;
  }

  test("the header's badge counts the unread ones; marking all read empties it", async () => {
    const { owner } = await notifiedPerson();
    expect(await unreadBadge(owner)).toBe(2);
    expect(((await (await run(rootLoader, getRequest("/"))).json()) as { unreadNotifications: number }).unreadNotifications).toBe(0);
    const response = await run(listAction, formRequest("/konto/benachrichtigungen", { intent: "read-all" }, { cookie: owner.cookie }));
    expect(response.status).toBe(303);
    expect(await unreadBadge(owner)).toBe(0);
  });

  test("the list shows only the person's own notifications, newest first, with the topic's title", async () => {
    const { owner, topicId } = await notifiedPerson();
    const { owner: other } = await notifiedPerson();
    const response = await run(listLoader, getRequest("/konto/benachrichtigungen", { cookie: owner.cookie }));
    expect(response.status).toBe(200);
    const data = (await response.json()) as { list: { items: { id: string; topicId: number; topicTitle: string; read: boolean }[]; unread: number; total: number } };
    expect(data.list.total).toBe(2);
    expect(data.list.unread).toBe(2);
    expect(data.list.items.every((item) => item.topicId === topicId && item.topicTitle === "Mein eigenes Anliegen" && !item.read)).toBe(true);
    const otherIds = (await db.select({ id: notifications.id }).from(notifications).where(eq(notifications.userId, other.id))).map((row) => row.id);
    expect(data.list.items.map((item) => item.id)).not.toContain(otherIds[0]);
  });

  test("opening one marks it read and leads to the topic; another person's id is a 404 and stays unread", async () => {
    const { owner, topicId, ids } = await notifiedPerson();
    const { owner: other, ids: otherIds } = await notifiedPerson();
    const opened = await run(withParams(openLoader, { id: ids[0]! }), getRequest(`/konto/benachrichtigungen/${ids[0]}`, { cookie: owner.cookie }));
    expect(opened.status).toBe(303);
    // A reply's notification leads to the reply on the topic's page.
    expect(opened.headers.get("Location")).toMatch(new RegExp(`^/open-mic/${topicId}#antwort-[0-9a-f-]{36}$`));
    expect(await unreadBadge(owner)).toBe(1);

    const foreign = await run(withParams(openLoader, { id: otherIds[0]! }), getRequest(`/konto/benachrichtigungen/${otherIds[0]}`, { cookie: owner.cookie }));
    expect(foreign.status).toBe(404);
    const foreignPost = await run(listAction, formRequest("/konto/benachrichtigungen", { intent: "read", id: otherIds[1]! }, { cookie: owner.cookie }));
    expect(foreignPost.status).toBe(404);
    expect((await run(withParams(openLoader, { id: "kein-uuid" }), getRequest("/konto/benachrichtigungen/kein-uuid", { cookie: owner.cookie }))).status).toBe(404);
    expect(await unreadBadge(other)).toBe(2);

    const own = await run(listAction, formRequest("/konto/benachrichtigungen", { intent: "read", id: ids[1]! }, { cookie: owner.cookie }));
    expect(own.status).toBe(303);
    expect(await unreadBadge(owner)).toBe(0);
  });

  test("guests are sent to sign in", async () => {
    const response = await run(listLoader, getRequest("/konto/benachrichtigungen"));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toContain("/anmelden");
  });

  test("a hidden topic's title is not shown to members, but to coordinators", async () => {
    const [member, coordinator, replier] = await Promise.all([person(), person({ role: "coordinator" }), person()]);
    const topicId = await makeTopic({ authorId: member.id, title: "Später ausgeblendet" });
    await follow(topicId, coordinator);
    await deliverTopicEvent(await reply(topicId, replier));
    await db.update(topics).set({ hiddenAt: new Date(), hiddenReason: "Personenbezug" }).where(eq(topics.id, topicId));
    const titleFor = async (who: Person) => {
      const data = (await (await run(listLoader, getRequest("/konto/benachrichtigungen", { cookie: who.cookie }))).json()) as { list: { items: { topicTitle: string | null }[] } };
      return data.list.items[0]!.topicTitle;
    };
    expect(await titleFor(member)).toBeNull();
    expect(await titleFor(coordinator)).toBe("Später ausgeblendet");
  });

  test("a merged duplicate's title is not shown to members, but to coordinators", async () => {
    const [member, coordinator, replier] = await Promise.all([person(), person({ role: "coordinator" }), person()]);
    const kept = await makeTopic({ title: "Das behaltene Anliegen" });
    const topicId = await makeTopic({ authorId: member.id, title: "Später zusammengeführt" });
    await follow(topicId, coordinator);
    await deliverTopicEvent(await reply(topicId, replier));
    await db.update(topics).set({ mergedIntoId: kept }).where(eq(topics.id, topicId));
    const titleFor = async (who: Person) => {
      const response = await run(listLoader, getRequest("/konto/benachrichtigungen", { cookie: who.cookie }));
      const text = await response.text();
      const data = JSON.parse(text) as { list: { items: { topicTitle: string | null }[] } };
      return { title: data.list.items[0]!.topicTitle, text };
    };
    const forMember = await titleFor(member);
    expect(forMember.title).toBeNull();
    expect(forMember.text).not.toContain("Später zusammengeführt");
    expect((await titleFor(coordinator)).title).toBe("Später zusammengeführt");
  });

  test("the settings are saved per kind; members cannot set the coordinators' kind; bad values answer 400", async () => {
    const [member, coordinator] = await Promise.all([person(), person({ role: "coordinator" })]);
    const fields = { intent: "preferences", topic_reply: "email", topic_status: "off", topic_answer: "in_app", moderation_queue: "off" };
    const saved = await run(listAction, formRequest("/konto/benachrichtigungen", fields, { cookie: member.cookie }));
    expect(saved.status).toBe(303);
    expect(await channelOf(member, "topic_reply")).toBe("email");
    expect(await channelOf(member, "topic_status")).toBe("off");
    expect(await channelOf(member, "topic_answer")).toBe("in_app");
    expect(await channelOf(member, "moderation_queue")).toBeNull();

    await run(listAction, formRequest("/konto/benachrichtigungen", fields, { cookie: coordinator.cookie }));
    expect(await channelOf(coordinator, "moderation_queue")).toBe("off");

    const bad = await run(listAction, formRequest("/konto/benachrichtigungen", { ...fields, topic_reply: "fax" }, { cookie: member.cookie }));
    expect(bad.status).toBe(400);
    expect(await channelOf(member, "topic_reply")).toBe("email");

    const page = (await (await run(listLoader, getRequest("/konto/benachrichtigungen", { cookie: member.cookie }))).json()) as { preferences: Record<string, string> };
    expect(page.preferences).toMatchObject({ topic_reply: "email", topic_status: "off", topic_answer: "in_app" });
  });
});
