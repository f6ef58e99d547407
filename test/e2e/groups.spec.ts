import { eq, sql } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { db } from "#db/client";
import { groupMemberships, users, workingGroups } from "#db/schema";
import { createTestUser, sessionCookieFor, uniqueEmail } from "#test/factories";
import { baseUrl, expectNoAxeViolations, launchBrowser, linkFrom, newContext, waitForMail } from "./browser";

const PRIVATE = "ankommen-wohnen";
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A browser context signed in as this account (no password typing, so no sign-in throttle). */
async function contextFor(userId: string | null, javaScriptEnabled: boolean): Promise<BrowserContext> {
  const context = await newContext(browser, { javaScriptEnabled });
  if (userId) {
    const [name, value] = (await sessionCookieFor(userId)).split("=");
    await context.addCookies([{ name: name!, value: value!, url: baseUrl() }]);
  }
  return context;
}

async function demoUser(email: string): Promise<string> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return user!.id;
}

const heading = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();

test("without JavaScript: request to join the private group, approval, reading, leaving — and then 404 everywhere", async () => {
  const memberId = await demoUser("mitglied@auental.example");
  const member = await (await contextFor(memberId, false)).newPage();
  const coordinator = await (await contextFor(await demoUser("koordination@auental.example"), false)).newPage();

  // What a page of a group that does not exist looks like.
  const missing = await member.goto("/arbeitsgruppen/gibt-es-nicht");
  expect(missing?.status()).toBe(404);
  const missingTitle = await member.title();
  expect(await heading(member)).toBe("Seite nicht gefunden");

  // Before: the private group is a missing page for the member, and not listed.
  expect((await member.goto(`/arbeitsgruppen/${PRIVATE}`))?.status()).toBe(404);
  expect(await member.title()).toBe(missingTitle);
  await member.goto("/arbeitsgruppen");
  expect(await member.getByRole("link", { name: "Ankommen & Wohnen" }).count()).toBe(0);

  await member.goto(`/arbeitsgruppen/anfragen/${PRIVATE}`);
  await member.getByLabel("Ihre Nachricht (optional)").fill("Ich begleite Familien bei der Wohnungssuche in Weidenfeld.");
  await member.getByRole("button", { name: "Anfrage senden" }).click();
  await expect.poll(() => member.getByText("Danke! Wenn es diese Arbeitsgruppe gibt").count()).toBe(1);

  await coordinator.goto(`/arbeitsgruppen/${PRIVATE}`);
  expect(await coordinator.getByText("Ich begleite Familien bei der Wohnungssuche in Weidenfeld.").count()).toBe(1);
  await coordinator.getByRole("button", { name: "Marta Kowalczyk aufnehmen" }).click();
  await coordinator.waitForURL(`**/arbeitsgruppen/${PRIVATE}`);
  await expect.poll(() => coordinator.getByText("Die Person ist jetzt Mitglied der Gruppe.").count()).toBe(1);

  // The member reads the group: its name in the title, a welcome on the first visit.
  expect((await member.goto(`/arbeitsgruppen/${PRIVATE}`))?.status()).toBe(200);
  expect(await heading(member)).toBe("Ankommen & Wohnen");
  expect(await member.title()).toBe("Ankommen & Wohnen · Kurze Wege");
  expect(await member.getByText("Willkommen in „Ankommen & Wohnen“!").count()).toBe(1);
  expect((await member.goto(`/arbeitsgruppen/${PRIVATE}/mitglieder`))?.status()).toBe(200);
  expect(await member.getByText("Marta Kowalczyk").count()).toBeGreaterThan(0);
  await member.goto("/");
  expect(await member.getByRole("link", { name: "Ankommen & Wohnen" }).count()).toBe(1);

  // … and posts there.
  await member.goto(`/arbeitsgruppen/${PRIVATE}/themen/neu`);
  await member.getByLabel("Titel").fill("Wohnungsbesichtigungen begleiten");
  await member.getByLabel("Beitrag", { exact: true }).fill("Wer kann nächste Woche zu einer Besichtigung in Lindach mitkommen?");
  await member.getByRole("button", { name: "Thema eröffnen" }).click();
  await member.waitForURL(new RegExp(`/arbeitsgruppen/${PRIVATE}/themen/[0-9a-f-]{36}$`));
  const threadPath = new URL(member.url()).pathname;
  expect(await member.getByText("Wer kann nächste Woche zu einer Besichtigung in Lindach mitkommen?").count()).toBe(1);

  await member.goto(`/arbeitsgruppen/${PRIVATE}`);
  await member.getByRole("button", { name: "Gruppe verlassen" }).click();
  await member.waitForURL((url) => url.pathname === "/arbeitsgruppen");
  await expect.poll(() => member.getByText("Sie haben die Arbeitsgruppe verlassen.").count()).toBe(1);
  expect(await member.getByRole("link", { name: "Ankommen & Wohnen" }).count()).toBe(0);

  // Each page of the group now answers exactly as the same page of a group that does not exist.
  for (const path of ["", "/themen", "/aufgaben", "/treffen", "/mitglieder", "/bearbeiten"]) {
    await member.goto(`/arbeitsgruppen/gibt-es-nicht${path}`);
    const expectedTitle = await member.title();
    const response = await member.goto(`/arbeitsgruppen/${PRIVATE}${path}`);
    expect(response?.status(), path).toBe(404);
    expect(await heading(member), path).toBe("Seite nicht gefunden");
    expect(await member.title(), path).toBe(expectedTitle);
    expect(await member.content(), path).not.toContain("Ankommen &amp; Wohnen");
  }
  // Their own thread too.
  expect((await member.goto(threadPath))?.status()).toBe(404);
  expect(await member.content()).not.toContain("Wohnungsbesichtigungen");
  expect(missingTitle).toBe("Seite nicht gefunden · Kurze Wege");
  await member.goto("/");
  expect(await member.content()).not.toContain("Ankommen &amp; Wohnen");
  await member.context().close();
  await coordinator.context().close();
});

test("without JavaScript: a coordinator invites by e-mail; the invited person accepts from the mail's link", async () => {
  const coordinator = await (await contextFor(await demoUser("koordination@auental.example"), false)).newPage();
  const email = uniqueEmail("eingeladen");
  const invited = await createTestUser({ email, displayName: "Ines Eingeladen" });

  await coordinator.goto(`/arbeitsgruppen/${PRIVATE}/mitglieder`);
  await coordinator.getByLabel("E-Mail-Adresse").fill("keine-adresse");
  await coordinator.getByRole("button", { name: "Einladung senden" }).click();
  await expect.poll(() => coordinator.getByText("Bitte geben Sie eine gültige E-Mail-Adresse ein").count()).toBe(1);
  expect(await coordinator.getByLabel("E-Mail-Adresse").inputValue()).toBe("keine-adresse");
  await coordinator.getByLabel("E-Mail-Adresse").fill(email.toUpperCase());
  await coordinator.getByLabel("Persönliche Nachricht (optional)").fill("Wir brauchen Ihre Erfahrung mit Mietverträgen.");
  await coordinator.getByRole("button", { name: "Einladung senden" }).click();
  await expect.poll(() => coordinator.getByText("Die Einladung ist verschickt.").count()).toBe(1);
  // The notice comes first in the page: wait for the whole page before looking further down.
  await coordinator.waitForLoadState("load");
  expect(await coordinator.getByRole("button", { name: new RegExp(`^Einladung zurückziehen\\W+${email.replace(/[.]/g, "\\.")}$`) }).count()).toBe(1);

  const link = linkFrom(await waitForMail(email));
  expect(link).toMatch(/^\/arbeitsgruppen\/einladungen\/[0-9a-f-]{36}$/);
  // Someone else following the link gets the missing page.
  const stranger = await (await contextFor((await createTestUser()).id, false)).newPage();
  expect((await stranger.goto(link))?.status()).toBe(404);

  const page = await (await contextFor(invited.id, false)).newPage();
  await page.goto("/");
  await page.getByRole("link", { name: "Einladung in „Ankommen & Wohnen“ ansehen" }).click();
  await page.waitForURL(`**${link}`);
  expect(await page.getByText("Wir brauchen Ihre Erfahrung mit Mietverträgen.").count()).toBe(1);
  await page.getByRole("button", { name: "Einladung annehmen" }).click();
  await page.waitForURL(`**/arbeitsgruppen/${PRIVATE}`);
  expect(await heading(page)).toBe("Ankommen & Wohnen");
  const [group] = await db.select({ id: workingGroups.id }).from(workingGroups).where(eq(workingGroups.slug, PRIVATE));
  const [membership] = await db
    .select({ role: groupMemberships.role })
    .from(groupMemberships)
    .where(sql`${groupMemberships.groupId} = ${group!.id} and ${groupMemberships.userId} = ${invited.id}`);
  expect(membership?.role).toBe("member");
  for (const context of [coordinator.context(), stranger.context(), page.context()]) await context.close();
});

test("a network coordinator sets up a group, renames it (the address stays) and archives it", async () => {
  const admin = await createTestUser({ role: "coordinator", displayName: "Nina Netzwerk" });
  const page = await (await contextFor(admin.id, true)).newPage();
  await page.goto("/arbeitsgruppen");
  await page.getByRole("link", { name: "Neue Arbeitsgruppe anlegen" }).click();
  await page.waitForURL("**/arbeitsgruppen/neu");
  await expectNoAxeViolations(page);
  await page.getByLabel("Name der Arbeitsgruppe").fill("Gesundheit & Pflege");
  await page.getByLabel("Schwerpunkt").fill("x");
  await page.getByRole("button", { name: "Arbeitsgruppe anlegen" }).click();
  await expect.poll(() => page.getByText("Der Schwerpunkt muss mindestens 3 Zeichen lang sein.").count()).toBe(1);
  await expectNoAxeViolations(page);
  await page.getByLabel("Schwerpunkt").fill("Gesundheitsversorgung, Dolmetschen in Praxen");
  await page.getByLabel(/^Geschlossen/).check();
  await page.getByRole("button", { name: "Arbeitsgruppe anlegen" }).click();
  await page.waitForURL("**/arbeitsgruppen/gesundheit-pflege");
  await expect.poll(() => heading(page)).toBe("Gesundheit & Pflege");
  expect(await page.getByText("Sie koordinieren diese Gruppe").count()).toBe(1);

  await page.getByRole("link", { name: "Bearbeiten" }).click();
  await page.waitForURL("**/arbeitsgruppen/gesundheit-pflege/bearbeiten");
  await expectNoAxeViolations(page);
  await page.getByLabel("Name der Arbeitsgruppe").fill("Gesundheit, Pflege & Sprache");
  await page.getByRole("button", { name: "Speichern" }).click();
  await page.waitForURL("**/arbeitsgruppen/gesundheit-pflege");
  await expect.poll(() => heading(page)).toBe("Gesundheit, Pflege & Sprache");

  await page.goto("/arbeitsgruppen/gesundheit-pflege/bearbeiten");
  await page.getByRole("button", { name: "Archivieren" }).click();
  await expect.poll(() => page.getByText("Bitte bestätigen Sie, dass die Gruppe archiviert werden soll.").count()).toBe(1);
  await page.getByLabel("Ja, diese Arbeitsgruppe archivieren").check();
  await page.getByRole("button", { name: "Archivieren" }).click();
  await page.waitForURL((url) => url.pathname === "/arbeitsgruppen");
  await expect.poll(() => page.getByText("Die Arbeitsgruppe ist archiviert.").count()).toBe(1);
  expect(await page.getByRole("link", { name: "Gesundheit, Pflege & Sprache" }).count()).toBe(0);
  expect((await page.goto("/arbeitsgruppen/gesundheit-pflege"))?.status()).toBe(404);
  await page.context().close();
});

test("no axe violations: the group list, group pages, members page and the start page signed in", async () => {
  const guest = await (await contextFor(null, true)).newPage();
  await guest.goto("/arbeitsgruppen");
  expect(await guest.getByRole("columnheader", { name: "Nächstes Treffen" }).count()).toBe(1);
  await expectNoAxeViolations(guest);
  await guest.goto("/arbeitsgruppen/sprache-bildung");
  await expectNoAxeViolations(guest);
  await guest.goto("/");
  await expectNoAxeViolations(guest);

  // A member who has been here before: the page lists what is new.
  const memberId = await demoUser("h.albers@auental.example");
  const member = await (await contextFor(memberId, true)).newPage();
  await member.goto("/arbeitsgruppen/sprache-bildung");
  await expectNoAxeViolations(member);
  await db.execute(sql`update group_memberships set last_visit_at = now() - interval '60 days' where user_id = ${memberId}`);
  await member.goto("/");
  await expect.poll(() => member.getByRole("heading", { name: "Meine Arbeitsgruppen" }).count()).toBe(1);
  await expectNoAxeViolations(member);
  await member.goto("/arbeitsgruppen/sprache-bildung");
  expect(await member.getByRole("heading", { name: "Neu seit Ihrem letzten Besuch" }).count()).toBe(1);
  await expectNoAxeViolations(member);
  await member.goto("/arbeitsgruppen/sprache-bildung/mitglieder");
  await expectNoAxeViolations(member);

  const coordinator = await (await contextFor(await demoUser("koordination@auental.example"), true)).newPage();
  await coordinator.goto(`/arbeitsgruppen/${PRIVATE}`);
  await expectNoAxeViolations(coordinator);
  await coordinator.goto(`/arbeitsgruppen/${PRIVATE}/mitglieder`);
  await expectNoAxeViolations(coordinator);
  for (const page of [guest, member, coordinator]) await page.context().close();
});
