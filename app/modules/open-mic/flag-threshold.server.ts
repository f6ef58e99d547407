import { db, type Executor } from "#db/client";
import { siteSettings, type UserRole } from "#db/schema";
import { writeAdminLog } from "#app/modules/admin/admin-log.server";
import { mayChangeSiteSettings } from "#app/modules/invitations/invitation-rules";
import type { Refusal } from "#app/utils/http";
import { DEFAULT_FLAGS_TO_HIDE } from "./flag-threshold";

/**
 * From how many different people's open flags a topic or reply is hidden until a coordinator looks
 * at it (0: never by flags alone). A site setting beside "Registrierung nur mit Einladung".
 */
export async function getFlagThreshold(executor: Executor = db): Promise<number> {
  const [row] = await executor.select({ flagsToHide: siteSettings.flagsToHide }).from(siteSettings);
  return row?.flagsToHide ?? DEFAULT_FLAGS_TO_HIDE;
}

/** Changes the threshold (admins only); a change is in the admin log. Posts already hidden stay so. */
export async function setFlagThreshold(actor: { id: string; role: UserRole }, flagsToHide: number): Promise<{ ok: true; changed: boolean } | Refusal<"forbidden">> {
  if (!mayChangeSiteSettings(actor.role)) return { ok: false, error: "forbidden" };
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ flagsToHide: siteSettings.flagsToHide }).from(siteSettings).for("update");
    const previous = before?.flagsToHide ?? DEFAULT_FLAGS_TO_HIDE;
    const now = new Date();
    await tx
      .insert(siteSettings)
      .values({ id: 1, flagsToHide, updatedAt: now, updatedBy: actor.id })
      .onConflictDoUpdate({ target: siteSettings.id, set: { flagsToHide, updatedAt: now, updatedBy: actor.id } });
    if (previous === flagsToHide) return { ok: true, changed: false } as const;
    await writeAdminLog(tx, { actorId: actor.id, targetUserId: null, action: "settings_changed", before: { flagsToHide: String(previous) }, after: { flagsToHide: String(flagsToHide) } });
    return { ok: true, changed: true } as const;
  });
}
