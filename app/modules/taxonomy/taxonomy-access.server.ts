import { isNetworkCoordinator } from "#app/modules/auth/roles";
import { requireUser, type SessionUser } from "#app/modules/auth/session.server";
import { forbidden } from "#app/utils/http";

/** Taxonomy management is network coordination's: a guest is sent to sign in, anyone else gets 403. */
export async function requireTaxonomyManager(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!isNetworkCoordinator(user)) throw forbidden();
  return user;
}
