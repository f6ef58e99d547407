import { and, eq } from "drizzle-orm";
import { db } from "#db/client";
import { partnerMembers } from "#db/schema";
import { isNetworkCoordinator } from "#app/modules/auth/roles";
import { requireUser, type SessionUser } from "#app/modules/auth/session.server";
import { forbidden, requireFound } from "#app/utils/http";
import { getPartnerForEdit } from "./partner-writes.server";

/** Coordinators and admins edit every partner; a member edits the partners they are an editor of. */
export async function canEditPartner(user: SessionUser | null, partnerId: string): Promise<boolean> {
  if (!user) return false;
  // Read before the role check, which narrows `user` away when it fails.
  const userId = user.id;
  if (isNetworkCoordinator(user)) return true;
  const [membership] = await db
    .select({ role: partnerMembers.role })
    .from(partnerMembers)
    .where(and(eq(partnerMembers.partnerId, partnerId), eq(partnerMembers.userId, userId), eq(partnerMembers.role, "editor")));
  return Boolean(membership);
}

/** Throws 403 unless the user may edit the partner. */
export async function requireCanEditPartner(user: SessionUser, partnerId: string): Promise<void> {
  if (!(await canEditPartner(user, partnerId))) throw forbidden();
}

/** The signed-in user and the partner (with its editors) they may edit; a thrown 404 or 403 otherwise. */
export async function requireEditablePartner(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const editable = requireFound(await getPartnerForEdit(slug ?? ""));
  await requireCanEditPartner(user, editable.partner.id);
  return { user, ...editable };
}

/** Throws 403 unless the user coordinates the network. */
export function requireCoordinator(user: SessionUser): void {
  if (!isNetworkCoordinator(user)) throw forbidden();
}
