import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { siteSettings, users } from "#db/schema";
import { writeAdminLog } from "#app/modules/admin/admin-log.server";
import type { Refusal } from "#app/utils/http";
import { mayChangeSiteSettings } from "./invitation-rules";

/** The site's settings; the defaults while nobody has changed them (the row is made on the first change). */
export async function getSiteSettings() {
  const [row] = await db
    .select({ invitationOnly: siteSettings.invitationOnly, updatedAt: siteSettings.updatedAt, updatedByName: users.displayName })
    .from(siteSettings)
    .leftJoin(users, eq(users.id, siteSettings.updatedBy));
  return row ?? { invitationOnly: false, updatedAt: null, updatedByName: null };
}

/** Whether registration is open only through an invitation ("geschlossenes Netzwerk"). */
export async function isInvitationOnly(): Promise<boolean> {
  return (await getSiteSettings()).invitationOnly;
}

/** Turns invitation-only registration on or off (admins only); a change is in the admin log. */
export async function setInvitationOnly(
  actor: { id: string; role: Parameters<typeof mayChangeSiteSettings>[0] },
  invitationOnly: boolean,
): Promise<{ ok: true; changed: boolean } | Refusal<"forbidden">> {
  if (!mayChangeSiteSettings(actor.role)) return { ok: false, error: "forbidden" };
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ invitationOnly: siteSettings.invitationOnly }).from(siteSettings).for("update");
    const previous = before?.invitationOnly ?? false;
    await tx
      .insert(siteSettings)
      .values({ id: 1, invitationOnly, updatedAt: new Date(), updatedBy: actor.id })
      .onConflictDoUpdate({ target: siteSettings.id, set: { invitationOnly, updatedAt: new Date(), updatedBy: actor.id } });
    if (previous === invitationOnly) return { ok: true, changed: false } as const;
    await writeAdminLog(tx, { actorId: actor.id, targetUserId: null, action: "settings_changed", before: { invitationOnly: String(previous) }, after: { invitationOnly: String(invitationOnly) } });
    return { ok: true, changed: true } as const;
  });
}
