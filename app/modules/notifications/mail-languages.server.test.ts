import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { groupMemberships, users, workingGroups } from "#db/schema";
import { sendResetMail } from "#app/modules/admin/account-admin.server";
import { requestEmailChange } from "#app/modules/auth/account-settings.server";
import { register, requestPasswordReset, resendVerification } from "#app/modules/auth/accounts.server";
import { buildReminderMail } from "#app/modules/directory/reminders/reminder-mail.server";
import { acceptInvitation } from "#app/modules/invitations/accept-invitation.server";
import { sendInvitations } from "#app/modules/invitations/invitations.server";
import { mailLanguage } from "#app/modules/mail/mail-language.server";
import { action as membersAction } from "#app/routes/arbeitsgruppen.$slug_.mitglieder";
import { action as languageAction } from "#app/routes/sprache";
import { getFixedT, languageCookie } from "#app/utils/i18n.server";
import { createTestUser, formRequest, run, sessionCookieFor, TEST_PASSWORD, uniqueEmail, withParams } from "#test/factories";
import { waitForMailText } from "#test/mail-text";
import { buildGuestAnswerMail, buildMemberMail } from "./notification-mails.server";

// Every mail goes out in its recipient's language: a member's chosen one, a guest's page language,
// else the language of the page that sent it, else German. Each kind is tried with an English and a
// Ukrainian recipient: English by its words, Ukrainian by the strings of its language (while its
// translation is under way, a string not yet written reads as its key, never as German).

const LANGUAGES = ["en", "uk"] as const;
type Language = (typeof LANGUAGES)[number];

/** The mail says this in the language, and not in German. */
function expectSays(text: string, lang: Language, key: string, options?: Record<string, unknown>) {
  expect(text).toContain(getFixedT(lang)(key, options));
  expect(text).not.toContain(getFixedT("de")(key, options));
}

async function personIn(locale: string | null, options: { verified?: boolean; role?: "member" | "admin" | "coordinator" } = {}) {
  const user = await createTestUser({ displayName: `Person ${randomBytes(3).toString("hex")}`, verified: options.verified, role: options.role });
  await db.update(users).set({ locale }).where(eq(users.id, user.id));
  return { ...user, locale };
}

const pageCookie = async (lang: string) => (await languageCookie.serialize(lang)).split(";")[0]!;
const address = () => `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

test("the language rule: the recipient's own, else the page's, else German; nothing that is not ours", () => {
  expect(mailLanguage("uk", "en")).toBe("uk");
  expect(mailLanguage(null, "en")).toBe("en");
  expect(mailLanguage("xx", undefined, "ar")).toBe("ar");
  expect(mailLanguage(null, null)).toBe("de");
});

describe.each(LANGUAGES)("a recipient who reads %s", (lang) => {
  test("registration: the confirmation mail is in the page's language, which the account keeps", async () => {
    const email = uniqueEmail("neu");
    const outcome = await register({ email, displayName: "Nadia Neu", password: TEST_PASSWORD }, lang, address());
    expect(outcome.ok).toBe(true);
    expectSays((await waitForMailText(email)).text, lang, "mail.verifyBody");
    expect((await db.select({ locale: users.locale }).from(users).where(eq(users.email, email)))[0]!.locale).toBe(lang);
  });

  test("a new confirmation link comes in the account's language, whatever the page's", async () => {
    const person = await personIn(lang, { verified: false });
    expect(await resendVerification(person.id, "de")).toBe(true);
    expectSays((await waitForMailText(person.email)).text, lang, "mail.verifyBody");
  });

  test("a password reset: in the account's language; an account without one gets the page's", async () => {
    const person = await personIn(lang);
    await requestPasswordReset(person.email, address(), "de");
    expectSays((await waitForMailText(person.email)).text, lang, "mail.resetBody");
    const without = await personIn(null);
    await requestPasswordReset(without.email, address(), lang);
    expectSays((await waitForMailText(without.email)).text, lang, "mail.resetBody");
  });

  test("the reset link an admin sends: in the person's language, not the admin's", async () => {
    const admin = await personIn("de", { role: "admin" });
    const person = await personIn(lang);
    expect(await sendResetMail({ id: admin.id, role: "admin" }, person.id)).toEqual({ ok: true });
    expectSays((await waitForMailText(person.email)).text, lang, "mail.resetBody");
  });

  test("a change of address: the link to the new address and the notice to the old one, both in the account's language", async () => {
    const person = await personIn(lang);
    const newEmail = uniqueEmail("neue-adresse");
    expect(await requestEmailChange(person.id, newEmail, TEST_PASSWORD, address(), "de")).toEqual({ ok: true });
    expectSays((await waitForMailText(newEmail)).text, lang, "accountSettings.mail.changeBody");
    expectSays((await waitForMailText(person.email)).text, lang, "accountSettings.mail.noticeAction");
  });

  test("an invitation to the network: in the language the inviter chose for the person", async () => {
    const admin = await personIn("de", { role: "admin" });
    const email = uniqueEmail("eingeladen");
    await sendInvitations({ id: admin.id, role: "admin", displayName: "Anke Admin" }, [email], { role: "member", partnerId: null, partnerFunction: "", groupIds: [], locale: lang });
    expectSays((await waitForMailText(email)).text, lang, "invitations.mail.action");
  });

  test("an invitation to a working group: in the invited account's language; for an address without an account, the inviter's page's", async () => {
    const suffix = randomBytes(4).toString("hex");
    const [group] = await db
      .insert(workingGroups)
      .values({ slug: `runder-tisch-${suffix}`, name: `Runder Tisch ${suffix}`, focus: "Absprachen", visibility: "public" })
      .returning({ id: workingGroups.id, slug: workingGroups.slug });
    const coordinator = await personIn("de");
    await db.insert(groupMemberships).values({ groupId: group!.id, userId: coordinator.id, role: "coordinator" });
    const invite = async (email: string, pageLanguage: string) => {
      const cookie = `${await sessionCookieFor(coordinator.id)}; ${await pageCookie(pageLanguage)}`;
      const response = await run(withParams(membersAction, { slug: group!.slug }), formRequest(`/arbeitsgruppen/${group!.slug}/mitglieder`, { intent: "invite", email, message: "" }, { cookie }));
      expect(response.status).toBeLessThan(400);
    };
    const member = await personIn(lang);
    await invite(member.email, "de");
    expectSays((await waitForMailText(member.email)).text, lang, "groupAdmin.mail.inviteHowTo");
    const stranger = uniqueEmail("fremd");
    await invite(stranger, lang);
    expectSays((await waitForMailText(stranger)).text, lang, "groupAdmin.mail.inviteHowTo");
  });

  test("a notification mail about an answer: in the member's language, the plain-language summary first", () => {
    const mail = buildMemberMail(
      { userId: "00000000-0000-4000-8000-000000000001", email: "leser@test.example", displayName: "Lea", locale: lang },
      { id: 7, title: "Bus am Abend" },
      { kind: "topic_answer", status: "answered", answer: "Der Landkreis prüft einen Abendbus.", plainSummary: "Vielleicht fährt bald ein Bus am Abend." },
    );
    expectSays(mail.text, lang, "notifications.mail.whyTopic");
    expect(mail.subject).toBe(getFixedT(lang)("notifications.mail.subject.topic_answer", { title: "Bus am Abend" }));
    const summaryAt = mail.text.indexOf(getFixedT(lang)("postLanguages.mail.summary"));
    expect(summaryAt).toBeGreaterThan(0);
    expect(summaryAt).toBeLessThan(mail.text.indexOf("Der Landkreis prüft"));
  });

  test("a guest's answer mail: in the language of the page they wrote from, the plain-language summary before the full text", () => {
    const mail = buildGuestAnswerMail(
      { email: "gast@test.example", name: "Olha", language: lang },
      { id: 9, title: "Kinderarzt" },
      "answered",
      "Die Terminservicestelle hilft.",
      "Rufen Sie die 116 117 an.",
    );
    expectSays(mail.text, lang, "notifications.mail.whyGuest");
    expectSays(mail.text, lang, "postLanguages.mail.fullAnswer");
    expect(mail.text.indexOf("116 117")).toBeLessThan(mail.text.indexOf("Die Terminservicestelle hilft."));
  });

  test("the directory's reminder to check entries: in the editor's language", () => {
    const mail = buildReminderMail({ email: "redaktion@test.example", displayName: "Rita", locale: lang }, { name: "Jobcenter", slug: "jobcenter" }, [
      { kind: "service", slug: "beratung", name: "Beratung", lastVerifiedAt: null },
    ]);
    expectSays(mail.text, lang, "mail.greeting", { name: "Rita" });
  });
});

test("a guest's answer mail from a topic of before (no language kept) is German, without a summary as before", () => {
  const mail = buildGuestAnswerMail({ email: "gast@test.example", name: null, language: null }, { id: 9, title: "Kinderarzt" }, "answered", "Die Terminservicestelle hilft.");
  expect(mail.text).toContain(getFixedT("de")("notifications.mail.whyGuest"));
  expect(mail.text).not.toContain(getFixedT("de")("postLanguages.mail.summary"));
});

describe("the language a person chose is the one their account keeps", () => {
  test("the language switch stores the choice on a signed-in person's account; a guest's choice only in the cookie", async () => {
    const person = await personIn("de");
    const cookie = await sessionCookieFor(person.id);
    const response = await run(languageAction, formRequest("/sprache", { lang: "uk", redirectTo: "/open-mic" }, { cookie }));
    expect(response.status).toBe(303);
    expect(response.headers.get("Set-Cookie")).toMatch(/^kw_lang=/);
    expect((await db.select({ locale: users.locale }).from(users).where(eq(users.id, person.id)))[0]!.locale).toBe("uk");
    // An unknown language changes neither.
    const unknown = await run(languageAction, formRequest("/sprache", { lang: "xx", redirectTo: "/" }, { cookie }));
    expect(unknown.headers.get("Set-Cookie")).toBeNull();
    expect((await db.select({ locale: users.locale }).from(users).where(eq(users.id, person.id)))[0]!.locale).toBe("uk");
    const guest = await run(languageAction, formRequest("/sprache", { lang: "en", redirectTo: "/" }));
    expect(guest.status).toBe(303);
  });

  test("accepting an invitation keeps the language of the page, where the person chose one, else the invitation's", async () => {
    const admin = await personIn("de", { role: "admin" });
    const inviter = { id: admin.id, role: "admin" as const, displayName: "Anke Admin" };
    const presets = { role: "member" as const, partnerId: null, partnerFunction: "", groupIds: [], locale: "de" };
    const [chose, kept] = [uniqueEmail("waehlt"), uniqueEmail("bleibt")];
    await sendInvitations(inviter, [chose, kept], presets);
    const tokenOf = async (email: string) => decodeURIComponent(/\/einladung\/(\S+)/.exec((await waitForMailText(email)).text)![1]!);
    const first = await acceptInvitation(await tokenOf(chose), { displayName: "Wählt Sprache", password: TEST_PASSWORD }, "ar");
    expect(first).toMatchObject({ ok: true, locale: "ar" });
    const second = await acceptInvitation(await tokenOf(kept), { displayName: "Bleibt Deutsch", password: TEST_PASSWORD });
    expect(second).toMatchObject({ ok: true, locale: "de" });
    const locales = await db.select({ email: users.email, locale: users.locale }).from(users);
    expect(locales.find((row) => row.email === chose)?.locale).toBe("ar");
    expect(locales.find((row) => row.email === kept)?.locale).toBe("de");
  });
});
