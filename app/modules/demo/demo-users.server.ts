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

/**
 * The TOTP secrets (base32, 160 bits) of the demo admin and the demo coordinator, printed in the README
 * beside the password: anyone can add them to an authenticator app, and tests compute codes from them.
 * Demo data only; stored encrypted at seed like any secret.
 */
export const DEMO_ADMIN_TOTP_SECRET = "LUZUSEXQG54JFMLJLVBG3N635BN2LH2F";
export const DEMO_COORDINATOR_TOTP_SECRET = "WXNQKJMUH2Z6FRLJ3F2M2CPSRKM3B6MB";

export const demoUsers: { email: string; displayName: string; role: UserRole; totpSecret?: string }[] = [
  { email: "admin@auental.example", displayName: "Jonas Brenner", role: "admin", totpSecret: DEMO_ADMIN_TOTP_SECRET },
  { email: "koordination@auental.example", displayName: "Selin Aydın", role: "coordinator", totpSecret: DEMO_COORDINATOR_TOTP_SECRET },
  { email: "mitglied@auental.example", displayName: "Marta Kowalczyk", role: "member" },
  // Further invented people of the network, so groups and topics have more than one voice.
  { email: "h.albers@auental.example", displayName: "Henrike Albers", role: "member" },
  { email: "t.wendt@auental.example", displayName: "Tobias Wendt", role: "member" },
  { email: "a.haddad@auental.example", displayName: "Amira Haddad", role: "member" },
  { email: "l.petersen@auental.example", displayName: "Lukas Petersen", role: "member" },
  { email: "f.demir@auental.example", displayName: "Fatma Demir", role: "member" },
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
