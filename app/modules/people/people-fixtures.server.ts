import { Logger } from "@graphile/logger";
import { eq, sql } from "drizzle-orm";
import { runOnce } from "graphile-worker";
import { db } from "#db/client";
import { partners, users } from "#db/schema";
import { createSearchSyncTask, SEARCH_SYNC_TASK } from "#search/sync";
import { createTestUser } from "#test/factories";
import type { ProfileForm } from "./profile-schema";
import { saveProfile } from "./profile.server";

/** Runs the queued search sync jobs once, as the worker of the running site would. */
export async function runSearchSync(): Promise<void> {
  await runOnce({
    connectionString: process.env.DATABASE_URL!,
    concurrency: 1,
    noHandleSignals: true,
    logger: new Logger(() => () => {}),
    taskList: { [SEARCH_SYNC_TASK]: createSearchSyncTask(db) },
  });
}

/** Forgets the queued sync jobs (tests that look at what one write enqueues). */
export async function clearSyncJobs(): Promise<void> {
  await db.execute(sql`delete from graphile_worker._private_jobs`);
}

export async function partnerId(slug: string): Promise<string> {
  const [row] = await db.select({ id: partners.id }).from(partners).where(eq(partners.slug, slug));
  if (!row) throw new Error(`no partner ${slug}`);
  return row.id;
}

/** A complete profile form's values, with these changes. */
export function profileForm(changes: Partial<ProfileForm> = {}): ProfileForm {
  return { intent: "profile", organisations: [], languages: [], topics: [], about: "", phone: null, phoneVisibility: "members", emailVisibility: "nobody", ...changes };
}

/** A confirmed member with a saved profile. */
export async function createPerson(displayName: string, changes: Partial<ProfileForm> = {}, role: "member" | "coordinator" | "admin" = "member") {
  const user = await createTestUser({ displayName, role });
  const saved = await saveProfile(user.id, profileForm(changes));
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  const [row] = await db.select({ handle: users.handle }).from(users).where(eq(users.id, user.id));
  return { ...user, handle: row!.handle };
}
