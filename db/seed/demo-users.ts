import type { UserRole } from "../schema";

/** Demo accounts, one per role. Demo data only: the README lists them as such. */
export const DEMO_PASSWORD = "Auental-Demo-2026";

export const demoUsers: { email: string; displayName: string; role: UserRole }[] = [
  { email: "admin@auental.example", displayName: "Jonas Brenner (Administration)", role: "admin" },
  { email: "koordination@auental.example", displayName: "Selin Aydın (Integrationskoordination)", role: "coordinator" },
  { email: "mitglied@auental.example", displayName: "Marta Kowalczyk (Ehrenamt)", role: "member" },
];
