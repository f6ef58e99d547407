import type { SessionUser } from "#app/modules/auth/session.server";
import { requireRole, requireUser } from "#app/modules/auth/session.server";
import { ADMIN_AREA_ROLES, ADMIN_LOG_ROLES } from "./admin-rules";

/** The signed-in admin or coordinator; guests go to the sign-in page, members get 403. */
export async function requireAdminArea(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  requireRole(user, ADMIN_AREA_ROLES);
  return user;
}

/** The signed-in admin (for the admin log); guests go to the sign-in page, everyone else gets 403. */
export async function requireAdminLogReader(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  requireRole(user, ADMIN_LOG_ROLES);
  return user;
}
