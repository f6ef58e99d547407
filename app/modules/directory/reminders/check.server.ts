import { and, asc, eq, inArray } from "drizzle-orm";
import { db } from "#db/client";
import { partners, services } from "#db/schema";
import { isStale } from "../landscape.server";

/** What an editor confirms on the check page: the partner's profile and its active services, each with when it was last checked. */
export async function getEntriesToCheck(partnerId: string) {
  const rows = await db
    .select({ id: services.id, slug: services.slug, name: services.name, lastVerifiedAt: services.lastVerifiedAt })
    .from(services)
    .where(and(eq(services.partnerId, partnerId), eq(services.status, "active")))
    .orderBy(asc(services.name));
  return rows.map((row) => ({ ...row, stale: isStale(row.lastVerifiedAt) }));
}

/** Which entries one press of "geprüft" confirms: everything, the profile, or one service. */
export type CheckTarget = { kind: "all" } | { kind: "partner" } | { kind: "service"; serviceId: string };

/**
 * Marks the partner's entries as checked today by this person. A service that is not an active service
 * of this partner changes nothing and answers false.
 */
export async function markChecked(partnerId: string, userId: string, target: CheckTarget): Promise<boolean> {
  const checked = { lastVerifiedAt: new Date(), lastVerifiedBy: userId };
  return db.transaction(async (tx) => {
    if (target.kind !== "service") {
      await tx.update(partners).set(checked).where(eq(partners.id, partnerId));
      if (target.kind === "partner") return true;
    }
    const serviceIds = target.kind === "service" ? [target.serviceId] : undefined;
    const updated = await tx
      .update(services)
      .set(checked)
      .where(and(eq(services.partnerId, partnerId), eq(services.status, "active"), serviceIds ? inArray(services.id, serviceIds) : undefined))
      .returning({ id: services.id });
    return target.kind === "all" || updated.length > 0;
  });
}
