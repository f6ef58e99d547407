import { sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { userOrganizations } from "#db/schema";
import { PEOPLE_INDEX } from "#search/indexes/people";
import { enqueueSearchSync, enqueueSearchSyncForQuery } from "#search/sync";

/**
 * Records, in the caller's transaction, that "Wer ist wer" must learn a person's current state: a
 * changed profile, name or address, a block, a confirmation, a deletion.
 */
export async function enqueuePersonSync(executor: Executor, userId: string): Promise<void> {
  await enqueueSearchSync(executor, PEOPLE_INDEX, userId);
}

/** The same for everyone who names a partner as their organisation (the partner was renamed or archived). */
export async function enqueuePartnerPeopleSync(executor: Executor, partnerId: string): Promise<void> {
  await enqueueSearchSyncForQuery(executor, PEOPLE_INDEX, sql`select ${userOrganizations.userId}::text as id from ${userOrganizations} where ${userOrganizations.partnerId} = ${partnerId}`);
}
