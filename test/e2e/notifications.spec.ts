import { and, eq, isNull } from "drizzle-orm";
import type { Browser, BrowserContext } from "playwright-core";
import { db } from "#db/client";
import { notificationPreferences, notifications, topicReplies, topics } from "#db/schema";
import { deliverTopicEvent } from "#app/modules/notifications/notify.server";
import { memberUnsubscribeToken } from "#app/modules/notifications/unsubscribe.server";
import { recordTopicEvent } from "#app/modules/open-mic/events.server";
import { createTestUser, sessionCookieFor } from "#test/factories";
import { baseUrl, expectNoAxeViolations, launchBrowser, newContext } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A member whose own topic got two replies (delivered as the job would), signed in in a new browser context. */
async function memberWithNews(javaScriptEnabled: boolean) {
  const member = await createTestUser({ displayName: "Nora Benachrichtigt" });
  const replier = await createTestUser({ displayName: "Paul Antwortend" });
  const [topic] = await db
    .insert(topics)
    .values({ title: `Fahrdienst zum Integrationskurs ${Math.random().toString(36).slice(2, 6)}`, body: "Wer fährt?", authorId: member.id, approvedAt: new Date() })
    .returning({ id: topics.id });
  for (const body of ["Der Landkreis hat einen Bürgerbus.", "Fragen Sie bei der VHS nach."]) {
    const [reply] = await db.insert(topicReplies).values({ topicId: topic!.id, authorId: replier.id, body }).returning({ id: topicReplies.id });
    await deliverTopicEvent(await recordTopicEvent(db, { topicId: topic!.id, kind: "reply", replyId: reply!.id, actorId: replier.id }));
  }
  const context = await newContext(browser, { javaScriptEnabled });
  const [name, value] = (await sessionCookieFor(member.id)).split("=");
  await context.addCookies([{ name: name!, value: value!, url: baseUrl() }]);
  return { member, topicId: topic!.id, context };
}

const unreadOf = async (userId: string) =>
  (
    await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
  ).length;

let open: BrowserContext | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

test("the notifications page has no axe violations, and opening one marks it read (with JavaScript)", async () => {
  const { member, topicId, context } = await memberWithNews(true);
  open = context;
  const page = await context.newPage();
  await page.goto("/");
  const badge = page.getByRole("navigation", { name: "Kontomenü" }).getByRole("link", { name: "Benachrichtigungen (2)" });
  await expect.poll(() => badge.count()).toBe(1);
  await badge.click();
  await page.waitForURL("**/konto/benachrichtigungen");
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Benachrichtigungen");
  expect(await page.getByText("2 ungelesene Benachrichtigungen").count()).toBe(1);
  await expectNoAxeViolations(page);

  // The unread item's button marks it read in place; the header follows.
  await page
    .getByRole("button", { name: /^Als gelesen markieren: Neue Antwort/ })
    .first()
    .click();
  await expect.poll(() => page.getByText("1 ungelesene Benachrichtigung", { exact: true }).count()).toBe(1);
  await expect.poll(() => page.getByRole("link", { name: "Benachrichtigungen (1)" }).count()).toBe(1);
  await expectNoAxeViolations(page);

  // Opening the one still unread leads to its topic and marks it read.
  await page
    .locator(".notification--unread")
    .getByRole("link", { name: /^Neue Antwort auf/ })
    .click();
  await page.waitForURL((url) => url.pathname === `/open-mic/${topicId}` && url.hash.startsWith("#antwort-"));
  expect(await unreadOf(member.id)).toBe(0);
});

test("without JavaScript a member changes a setting and marks all as read", async () => {
  const { member, context } = await memberWithNews(false);
  open = context;
  const page = await context.newPage();
  await page.goto("/konto/benachrichtigungen");
  expect(await page.getByRole("link", { name: "Benachrichtigungen (2)" }).count()).toBe(1);

  const replies = page.getByRole("group", { name: "Neue Antworten" });
  expect(await replies.getByLabel("Nur hier (Voreinstellung)").isChecked()).toBe(true);
  await replies.getByLabel("Hier und per E-Mail").check();
  await page.getByRole("group", { name: "Statusänderungen" }).getByLabel("Aus").check();
  await page.getByRole("button", { name: "Einstellungen speichern" }).click();
  await expect.poll(() => page.getByText("Ihre Einstellungen sind gespeichert.").count()).toBe(1);
  expect(await page.getByRole("group", { name: "Neue Antworten" }).getByLabel("Hier und per E-Mail").isChecked()).toBe(true);
  expect(await page.getByRole("group", { name: "Statusänderungen" }).getByLabel("Aus").isChecked()).toBe(true);
  const saved = await db.select({ kind: notificationPreferences.kind, channel: notificationPreferences.channel }).from(notificationPreferences).where(eq(notificationPreferences.userId, member.id));
  expect(Object.fromEntries(saved.map((row) => [row.kind, row.channel]))).toMatchObject({ topic_reply: "email", topic_status: "off", topic_answer: "email" });

  await page.getByRole("button", { name: "Alle als gelesen markieren" }).click();
  await expect.poll(() => page.getByText("Alle Benachrichtigungen sind als gelesen markiert.").count()).toBe(1);
  expect(await page.getByRole("link", { name: "Benachrichtigungen", exact: true }).count()).toBe(1);
  expect(await page.getByText("0 ungelesene Benachrichtigungen").count()).toBe(1);
  expect(await unreadOf(member.id)).toBe(0);
});

for (const javaScriptEnabled of [true, false]) {
  test(`the unsubscribe link asks first and works without a session (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async () => {
    const member = await createTestUser();
    const context = await newContext(browser, { javaScriptEnabled });
    open = context;
    const page = await context.newPage();
    await page.goto(`/benachrichtigungen/abbestellen?token=${encodeURIComponent(memberUnsubscribeToken(member.id, "topic_answer"))}`);
    await expectNoAxeViolations(page);
    expect(await page.getByText("Möchten Sie keine E-Mails mehr zu „Antworten der Koordination“ erhalten?", { exact: false }).count()).toBe(1);
    await page.getByRole("button", { name: "Abbestellen" }).click();
    await page.waitForURL("**/benachrichtigungen/abbestellen?erledigt=topic_answer");
    await expect.poll(() => page.getByText("Erledigt: Sie erhalten keine E-Mails mehr", { exact: false }).count()).toBe(1);
    await expectNoAxeViolations(page);
    const [row] = await db
      .select({ channel: notificationPreferences.channel })
      .from(notificationPreferences)
      .where(and(eq(notificationPreferences.userId, member.id), eq(notificationPreferences.kind, "topic_answer")));
    expect(row?.channel).toBe("in_app");

    const forged = await page.goto("/benachrichtigungen/abbestellen?token=m.00000000-0000-4000-8000-000000000000.topic_answer.falsch");
    expect(forged?.status()).toBe(404);
    expect(await page.getByRole("button", { name: "Abbestellen" }).count()).toBe(0);
  });
}

test("both feeds are well-formed XML for the browser's strict parser, even with control characters in a title", async () => {
  const [topic] = await db
    .insert(topics)
    .values({ title: "Feed mit \u0001Steuerzeichen <script>alert(1)</script>", body: "Text mit \u0008 und ]]> darin", approvedAt: new Date() })
    .returning({ id: topics.id });
  const context = await newContext(browser);
  open = context;
  const page = await context.newPage();
  let dialogs = 0;
  page.on("dialog", (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await page.goto("/");
  for (const path of ["/open-mic/feed.xml", `/open-mic/${topic!.id}/feed.xml`]) {
    const result = await page.evaluate(async (url) => {
      const response = await fetch(url);
      const text = await response.text();
      const doc = new DOMParser().parseFromString(text, "application/xml");
      const ns = "http://www.w3.org/2005/Atom";
      return {
        status: response.status,
        type: response.headers.get("Content-Type"),
        errors: doc.getElementsByTagName("parsererror").length,
        root: doc.documentElement.localName,
        titles: [...doc.getElementsByTagNameNS(ns, "entry")].map((entry) => entry.getElementsByTagNameNS(ns, "title")[0]?.textContent ?? ""),
      };
    }, path);
    expect(result).toMatchObject({ status: 200, type: "application/atom+xml; charset=utf-8", errors: 0, root: "feed" });
    // The title element holds HTML, escaped: its text is the title, tags as text.
    expect(result.titles).toContain("Feed mit Steuerzeichen &lt;script&gt;alert(1)&lt;/script&gt;");
  }
  expect(dialogs).toBe(0);
});

test("the running app's job queue turns a recorded event into a notification", async () => {
  const [author, replier] = await Promise.all([createTestUser(), createTestUser()]);
  const [topic] = await db.insert(topics).values({ title: "Über die Warteschlange", body: "Text", authorId: author.id, approvedAt: new Date() }).returning({ id: topics.id });
  const [reply] = await db.insert(topicReplies).values({ topicId: topic!.id, authorId: replier.id, body: "Antwort" }).returning({ id: topicReplies.id });
  await recordTopicEvent(db, { topicId: topic!.id, kind: "reply", replyId: reply!.id, actorId: replier.id });
  await expect.poll(() => unreadOf(author.id), { timeout: 20_000 }).toBe(1);
  expect(await unreadOf(replier.id)).toBe(0);
});
