/** Network coordination: coordinators and admins moderate the Open Mic, plan network events and check the directory. */
export const COORDINATION_ROLES = ["coordinator", "admin"] as const;

/** Whether this person is network coordination (a site role, unlike a group's own coordinators). */
export function isNetworkCoordinator<T extends { role: string }>(user: T | null | undefined): user is T {
  return user?.role === "coordinator" || user?.role === "admin";
}

/** Whether this site role must sign in with a second factor: coordinators and admins. */
export function isTwoFactorRequired(role: string): boolean {
  return (COORDINATION_ROLES as readonly string[]).includes(role);
}
