import type { Database } from "#db/client";
import { users, type UserRole } from "#db/schema";

/** Demo accounts, one per role. Demo data only: the README lists them as such. */
export const DEMO_PASSWORD = "Auental-Demo-2026";

/**
 * The invented district's mail domain: every demo account has its address there. ".example" is reserved (RFC 2606), so
 * no real person's account can; the domain marks demo accounts without a column of their own, including any that an
 * older demo network created and this list no longer names.
 */
export const DEMO_EMAIL_DOMAIN = "auental.example";

/** True for an address of the demo network (`…@auental.example`, any case): such accounts sign in only on localhost. */
export function isDemoAddress(email: string): boolean {
  return email.trim().toLowerCase().endsWith(`@${DEMO_EMAIL_DOMAIN}`);
}

export const demoUsers: { email: string; displayName: string; role: UserRole }[] = [
  { email: "admin@auental.example", displayName: "Jonas Brenner (Administration)", role: "admin" },
  { email: "koordination@auental.example", displayName: "Selin Aydın (Integrationskoordination)", role: "coordinator" },
  { email: "mitglied@auental.example", displayName: "Marta Kowalczyk (Ehrenamt)", role: "member" },
  // Further invented people of the network, so groups and topics have more than one voice.
  { email: "h.albers@auental.example", displayName: "Henrike Albers (VHS Auental)", role: "member" },
  { email: "t.wendt@auental.example", displayName: "Tobias Wendt (Jobcenter Auental)", role: "member" },
  { email: "a.haddad@auental.example", displayName: "Amira Haddad (Migrationsberatung)", role: "member" },
  { email: "l.petersen@auental.example", displayName: "Lukas Petersen (Ehrenamt)", role: "member" },
  { email: "f.demir@auental.example", displayName: "Fatma Demir (Kita Sonnenblume)", role: "member" },
];

// The demo people as the demo threads and topics name them (by family name).
export const AYDIN = "koordination@auental.example";
export const KOWALCZYK = "mitglied@auental.example";
export const ALBERS = "h.albers@auental.example";
export const WENDT = "t.wendt@auental.example";
export const HADDAD = "a.haddad@auental.example";
export const PETERSEN = "l.petersen@auental.example";
export const DEMIR = "f.demir@auental.example";

/** Every account's id by its e-mail address: the demo data names people by address. */
export async function userIdsByEmail(db: Database): Promise<Map<string, string>> {
  return new Map((await db.select({ id: users.id, email: users.email }).from(users)).map((user) => [user.email, user.id]));
}
