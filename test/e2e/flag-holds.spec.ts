import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { db } from "#db/client";
import { topicFlags, topicReplies, topics } from "#db/schema";
import { createTestUser } from "#test/factories";
import { expectNoAxeViolations, launchBrowser, newContext, signedInContext } from "./browser";

// What people see of a reply held by flags (the rules themselves: flag-holds.server.test.ts).

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test("a held reply: its author reads it with a notice, others see the notice only, an admin restores it from the queue and sets the threshold", async () => {
  const [author, admin, ...reporters] = await Promise.all([
    createTestUser({ displayName: "Hanna Antwortend" }),
    createTestUser({ role: "admin", displayName: "Anke Admin" }),
    ...[1, 2, 3].map((index) => createTestUser({ displayName: `Meldende ${index}` })),
  ]);
  const [topic] = await db.insert(topics).values({ title: "Fahrradwerkstatt in Lindach", body: "Wer repariert Räder?", authorId: author.id, approvedAt: new Date() }).returning({ id: topics.id });
  const [reply] = await db
    .insert(topicReplies)
    .values({ topicId: topic!.id, authorId: author.id, body: "Die Werkstatt am Markt hilft samstags.", hiddenAt: new Date(), hiddenByFlags: true })
    .returning({ id: topicReplies.id });
  await db.insert(topicFlags).values(reporters.map((reporter) => ({ topicId: topic!.id, replyId: reply!.id, reporterId: reporter.id, reason: "spam" as const })));
  const path = `/open-mic/${topic!.id}`;

  const own = await (await signedInContext(browser, author.id)).newPage();
  await own.goto(path);
  expect(await own.getByText("Die Werkstatt am Markt hilft samstags.").count()).toBe(1);
  expect(await own.getByText("Mehrere Personen haben Ihre Antwort gemeldet.", { exact: false }).count()).toBe(1);
  await expectNoAxeViolations(own);

  const guest = await (await newContext(browser, { javaScriptEnabled: false })).newPage();
  await guest.goto(path);
  expect(await guest.getByText("Die Werkstatt am Markt", { exact: false }).count()).toBe(0);
  expect(await guest.getByText("Nach Meldungen ausgeblendet, bis die Koordination die Antwort geprüft hat.").count()).toBe(1);

  const page = await (await signedInContext(browser, admin.id)).newPage();
  await page.goto("/open-mic/moderation");
  const cards = page.locator(".om-queue__item", { hasText: "Fahrradwerkstatt in Lindach" });
  expect(await cards.count()).toBe(3);
  expect(await cards.first().getByText("ausgeblendet, bis die Koordination entscheidet").count()).toBe(1);
  await expectNoAxeViolations(page);

  await page.getByLabel("Ausblenden nach Meldungen von so vielen Personen").fill("4");
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect.poll(() => page.getByText("sobald 4 verschiedene Personen ihn gemeldet haben", { exact: false }).count()).toBe(1);

  await cards.first().getByRole("button", { name: "Nichts zu beanstanden: wiederherstellen" }).click();
  await expect.poll(() => page.locator(".om-queue__item", { hasText: "Fahrradwerkstatt in Lindach" }).count()).toBe(0);
  expect((await db.select({ hiddenAt: topicReplies.hiddenAt }).from(topicReplies).where(eq(topicReplies.id, reply!.id)))[0]!.hiddenAt).toBeNull();
  await guest.goto(path);
  expect(await guest.getByText("Die Werkstatt am Markt hilft samstags.").count()).toBe(1);
});
