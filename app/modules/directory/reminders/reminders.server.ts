import { and, asc, desc, eq, isNotNull, isNull, or, sql } from "drizzle-orm";
import { db as appDb, type Database } from "#db/client";
import { partnerMembers, partners, services, users, verificationReminders } from "#db/schema";
import { listedService } from "#search/indexes/services";
import { sendMail } from "#app/modules/mail/mailer.server";
import { isStale, uncheckedSince } from "../landscape.server";
import { buildReminderMail, type ReminderEntry } from "./reminder-mail.server";

/** The daily job's name in the job queue. */
export const VERIFICATION_REMINDER_TASK = "verification_reminders";

/** A partner's editors hear about unchecked entries at most this often. */
export const REMIND_AGAIN_AFTER_DAYS = 30;

const remindedRecently = sql`exists (select 1 from ${verificationReminders} where ${verificationReminders.partnerId} = ${partners.id}
  and ${verificationReminders.sentAt} > now() - make_interval(days => ${REMIND_AGAIN_AFTER_DAYS}))`;
const hasUncheckedService = sql`exists (select 1 from ${services} where ${services.partnerId} = ${partners.id}
  and ${services.status} = 'active' and ${uncheckedSince(services.lastVerifiedAt)})`;

/** Active partners whose profile or any active service is unchecked and who were not reminded within 30 days. */
export async function findPartnersToRemind(db: Database) {
  return db
    .select({ id: partners.id, slug: partners.slug, name: partners.name, lastVerifiedAt: partners.lastVerifiedAt })
    .from(partners)
    .where(and(eq(partners.status, "active"), or(uncheckedSince(partners.lastVerifiedAt), hasUncheckedService), sql`not ${remindedRecently}`))
    .orderBy(asc(partners.name));
}

/** Who receives a partner's reminder: its editors with a confirmed address, not blocked, not deleted. */
async function editorsOf(db: Database, partnerId: string) {
  return db
    .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale })
    .from(partnerMembers)
    .innerJoin(users, eq(users.id, partnerMembers.userId))
    .where(and(eq(partnerMembers.partnerId, partnerId), eq(partnerMembers.role, "editor"), isNotNull(users.emailVerifiedAt), isNull(users.blockedAt), isNull(users.deletedAt)));
}

/**
 * The daily job: mails each partner's editors about its entries not checked for 12 months, at most once
 * per 30 days per partner, and records every mail sent (partner, person, address, time). Returns how
 * many mails went out.
 */
export async function sendVerificationReminders(db: Database): Promise<number> {
  let sent = 0;
  for (const partner of await findPartnersToRemind(db)) {
    const editors = await editorsOf(db, partner.id);
    if (editors.length === 0) continue;
    const staleServices = await db
      .select({ slug: services.slug, name: services.name, lastVerifiedAt: services.lastVerifiedAt })
      .from(services)
      .innerJoin(partners, eq(partners.id, services.partnerId))
      .where(and(eq(services.partnerId, partner.id), listedService, uncheckedSince(services.lastVerifiedAt)))
      .orderBy(asc(services.name));
    const entries: ReminderEntry[] = [
      ...(isStale(partner.lastVerifiedAt) ? [{ kind: "partner" as const, slug: partner.slug, name: partner.name, lastVerifiedAt: partner.lastVerifiedAt }] : []),
      ...staleServices.map((service) => ({ kind: "service" as const, ...service })),
    ];
    for (const editor of editors) {
      if (!(await sendMail(buildReminderMail(editor, partner, entries)))) continue;
      await db.insert(verificationReminders).values({ partnerId: partner.id, userId: editor.id, email: editor.email });
      sent += 1;
    }
  }
  return sent;
}

/** The latest reminders for the coordinators' overview: which partner, whom (by name), when. */
export async function getRecentReminders(limit = 100) {
  return appDb
    .select({
      id: verificationReminders.id,
      partnerSlug: partners.slug,
      partnerName: partners.name,
      // A deleted account keeps its row, emptied: it shows as a former member.
      displayName: sql<string | null>`case when ${users.deletedAt} is null then ${users.displayName} end`,
      sentAt: verificationReminders.sentAt,
    })
    .from(verificationReminders)
    .innerJoin(partners, eq(partners.id, verificationReminders.partnerId))
    .leftJoin(users, eq(users.id, verificationReminders.userId))
    .orderBy(desc(verificationReminders.sentAt), asc(partners.name))
    .limit(limit);
}
