import { inArray } from "drizzle-orm";
import type { Database } from "#db/client";
import { groupMemberships, users, workingGroups } from "#db/schema";

/** The four demo working groups of the network; "Ankommen & Wohnen" is private. */
export const demoGroups = [
  {
    slug: "sprache-bildung",
    name: "Sprache & Bildung",
    focus: "Sprachkurse, Kita und Schule, Übergänge in Ausbildung",
    description: "Die AG stimmt Kursangebote ab, sammelt Wartelisten und bereitet die Bildungskonferenz vor.",
    visibility: "public" as const,
  },
  {
    slug: "arbeit-ausbildung",
    name: "Arbeit & Ausbildung",
    focus: "Anerkennung, Arbeitsmarktzugang, Ausbildung",
    description: "Jobcenter, Agentur, Kammern und Beratungsstellen arbeiten an kurzen Wegen in Arbeit.",
    visibility: "public" as const,
  },
  {
    slug: "ankommen-wohnen",
    name: "Ankommen & Wohnen",
    focus: "Unterbringung, Wohnungssuche, erste Schritte",
    description: "Vertrauliche Fallbesprechungen und Absprachen zur Unterbringung im Landkreis.",
    visibility: "private" as const,
  },
  {
    slug: "engagement-zusammenleben",
    name: "Engagement & Zusammenleben",
    focus: "Ehrenamt, Begegnung, Vereine",
    description: "Ehrenamtliche, Vereine und Kirchengemeinden planen Begegnungen und Patenschaften.",
    visibility: "public" as const,
  },
];

/** Who is in which demo group besides the demo coordinator, who coordinates all four. */
const demoMemberships: Record<string, string[]> = {
  "sprache-bildung": ["mitglied@auental.example", "h.albers@auental.example", "f.demir@auental.example", "a.haddad@auental.example"],
  "arbeit-ausbildung": ["t.wendt@auental.example", "a.haddad@auental.example", "h.albers@auental.example"],
  "ankommen-wohnen": ["a.haddad@auental.example", "t.wendt@auental.example"],
  "engagement-zusammenleben": ["l.petersen@auental.example", "f.demir@auental.example"],
};

/** Loads the demo groups, their coordinator and members. */
export async function seedGroups(db: Database): Promise<void> {
  await db.insert(workingGroups).values(demoGroups).onConflictDoNothing();
  const groups = await db
    .select({ id: workingGroups.id, slug: workingGroups.slug })
    .from(workingGroups)
    .where(
      inArray(
        workingGroups.slug,
        demoGroups.map((group) => group.slug),
      ),
    );
  const people = new Map((await db.select({ id: users.id, email: users.email }).from(users)).map((user) => [user.email, user.id]));
  const coordinator = people.get("koordination@auental.example");
  const memberships = groups.flatMap((group) => [
    ...(coordinator ? [{ groupId: group.id, userId: coordinator, role: "coordinator" as const }] : []),
    ...(demoMemberships[group.slug] ?? []).flatMap((email) => {
      const userId = people.get(email);
      return userId ? [{ groupId: group.id, userId, role: "member" as const }] : [];
    }),
  ]);
  if (memberships.length > 0) await db.insert(groupMemberships).values(memberships).onConflictDoNothing();
}
