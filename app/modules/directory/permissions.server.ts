import { and, eq } from "drizzle-orm";
import { db } from "#db/client";
import { partnerMembers } from "#db/schema";
import type { SessionUser } from "#app/modules/auth/session.server";

/** Coordinators and admins edit every partner; a member edits the partners they are an editor of. */
export async function canEditPartner(user: SessionUser | null, partnerId: string): Promise<boolean> {
  if (!user) return false;
  if (user.role === "admin" || user.role === "coordinator") return true;
  const [membership] = await db
    .select({ role: partnerMembers.role })
    .from(partnerMembers)
    .where(and(eq(partnerMembers.partnerId, partnerId), eq(partnerMembers.userId, user.id), eq(partnerMembers.role, "editor")));
  return Boolean(membership);
}

/** Throws 403 unless the user may edit the partner. */
export async function requireCanEditPartner(user: SessionUser, partnerId: string): Promise<void> {
  if (!(await canEditPartner(user, partnerId))) throw new Response("Forbidden", { status: 403 });
}

/** Throws 403 unless the user coordinates the network. */
export function requireCoordinator(user: SessionUser): void {
  if (user.role !== "admin" && user.role !== "coordinator") throw new Response("Forbidden", { status: 403 });
}
