import { and, asc, eq, type SQL } from "drizzle-orm";
import { db, type Executor } from "#db/client";
import { partnerMembers, partners } from "#db/schema";

/** SQL over partner_members joined with partners: the member is an editor of this active partner. */
const editorOfActivePartner = (userId: string): SQL => and(eq(partnerMembers.userId, userId), eq(partnerMembers.role, "editor"), eq(partners.status, "active"))!;

/** The partners a member may reply in the name of: the active ones they are an editor of. */
export async function partnersOf(userId: string) {
  return db
    .select({ id: partners.id, name: partners.name })
    .from(partnerMembers)
    .innerJoin(partners, eq(partners.id, partnerMembers.partnerId))
    .where(editorOfActivePartner(userId))
    .orderBy(asc(partners.name));
}

/** Whether the member may reply in this partner's name (see `partnersOf`). */
export async function mayAnswerFor(executor: Executor, userId: string, partnerId: string): Promise<boolean> {
  const [row] = await executor
    .select({ id: partners.id })
    .from(partnerMembers)
    .innerJoin(partners, eq(partners.id, partnerMembers.partnerId))
    .where(and(eq(partnerMembers.partnerId, partnerId), editorOfActivePartner(userId)));
  return Boolean(row);
}
