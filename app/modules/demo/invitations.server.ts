import { count, eq, inArray } from "drizzle-orm";
import type { Database } from "#db/client";
import { invitations, partners, users, workingGroups } from "#db/schema";
import { sendInvitations } from "#app/modules/invitations/invitations.server";

/**
 * Two open invitations of the demo coordinator, sent the way the invitations page sends them (the
 * mails land in the local outbox, where their links can be tried). Nothing when any invitation exists.
 */
export async function seedDemoInvitations(db: Database): Promise<void> {
  const [existing] = await db.select({ value: count() }).from(invitations);
  if ((existing?.value ?? 0) > 0) return;
  const [coordinator] = await db.select({ id: users.id, role: users.role, displayName: users.displayName }).from(users).where(eq(users.email, "koordination@auental.example"));
  if (!coordinator) return;
  const [vhs] = await db.select({ id: partners.id }).from(partners).where(eq(partners.slug, "vhs-auental"));
  const groups = await db
    .select({ id: workingGroups.id })
    .from(workingGroups)
    .where(inArray(workingGroups.slug, ["sprache-bildung"]));
  await sendInvitations(
    coordinator,
    ["r.yilmaz@auental.example"],
    {
      role: "member",
      partnerId: vhs?.id ?? null,
      partnerFunction: vhs ? "Kursleitung Integrationskurse" : "",
      groupIds: groups.map((group) => group.id),
      locale: "de",
    },
    db,
  );
  await sendInvitations(coordinator, ["o.kovalenko@auental.example"], { role: "member", partnerId: null, partnerFunction: "", groupIds: [], locale: "en" }, db);
}
