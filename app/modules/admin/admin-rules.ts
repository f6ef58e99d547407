import { userRoles, type UserRole } from "#db/schema/user-enums";

// Who may do what in the administration, in one place for the loaders, the actions, the write
// functions and the buttons a page shows. Admins and coordinators see the people; only admins change
// accounts (the issue: coordinators "may see the list and invite people, but may not grant or take
// away admin or coordinator").

/** Who sees the people list and a person's page. */
export const ADMIN_AREA_ROLES = ["admin", "coordinator"] as const satisfies readonly UserRole[];

/** Who reads the admin log: it holds the reasons for blocks, which only the people who decide them need. */
export const ADMIN_LOG_ROLES = ["admin"] as const satisfies readonly UserRole[];

/** Whether someone with this site role may change a site role from one value to another. */
export function mayChangeRole(actorRole: UserRole, from: UserRole, to: UserRole): boolean {
  if (actorRole === "admin") return true;
  // Coordinators may neither grant nor take away admin or coordinator: with three roles, that leaves nothing.
  const privileged = (role: UserRole) => role === "admin" || role === "coordinator";
  return actorRole === "coordinator" && !privileged(from) && !privileged(to);
}

/** Whether someone with this site role may change any role at all (to show the form, and to refuse a post before reading it). */
export function mayChangeSomeRole(actorRole: UserRole): boolean {
  return userRoles.some((from) => userRoles.some((to) => from !== to && mayChangeRole(actorRole, from, to)));
}

/** Whether someone with this site role may block, unblock, send reset mails and end sessions. */
export function mayManageAccounts(actorRole: UserRole): boolean {
  return actorRole === "admin";
}
