import { eq, inArray } from "drizzle-orm";
import type { Database } from "../client";
import { groupMemberships, users, workingGroups } from "../schema";

/** The four demo working groups of the network; "Ankommen & Wohnen" is private. */
export const demoGroups = [
  { slug: "sprache-bildung", name: "Sprache & Bildung", focus: "Sprachkurse, Kita und Schule, Übergänge in Ausbildung", description: "Die AG stimmt Kursangebote ab, sammelt Wartelisten und bereitet die Bildungskonferenz vor.", visibility: "public" as const },
  { slug: "arbeit-ausbildung", name: "Arbeit & Ausbildung", focus: "Anerkennung, Arbeitsmarktzugang, Ausbildung", description: "Jobcenter, Agentur, Kammern und Beratungsstellen arbeiten an kurzen Wegen in Arbeit.", visibility: "public" as const },
  { slug: "ankommen-wohnen", name: "Ankommen & Wohnen", focus: "Unterbringung, Wohnungssuche, erste Schritte", description: "Vertrauliche Fallbesprechungen und Absprachen zur Unterbringung im Landkreis.", visibility: "private" as const },
  { slug: "engagement-zusammenleben", name: "Engagement & Zusammenleben", focus: "Ehrenamt, Begegnung, Vereine", description: "Ehrenamtliche, Vereine und Kirchengemeinden planen Begegnungen und Patenschaften.", visibility: "public" as const },
];

/** Loads the demo groups with the demo coordinator coordinating and the demo member in one group. */
export async function seedGroups(db: Database): Promise<void> {
  await db.insert(workingGroups).values(demoGroups).onConflictDoNothing();
  const groups = await db.select({ id: workingGroups.id, slug: workingGroups.slug }).from(workingGroups).where(inArray(workingGroups.slug, demoGroups.map((group) => group.slug)));
  const [coordinator] = await db.select({ id: users.id }).from(users).where(eq(users.email, "koordination@auental.example"));
  const [member] = await db.select({ id: users.id }).from(users).where(eq(users.email, "mitglied@auental.example"));
  const memberships = [
    ...(coordinator ? groups.map((group) => ({ groupId: group.id, userId: coordinator.id, role: "coordinator" as const })) : []),
    ...(member ? groups.filter((group) => group.slug === "sprache-bildung").map((group) => ({ groupId: group.id, userId: member.id, role: "member" as const })) : []),
  ];
  if (memberships.length > 0) await db.insert(groupMemberships).values(memberships).onConflictDoNothing();
}
