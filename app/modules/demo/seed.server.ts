import { count } from "drizzle-orm";
import { createUser } from "#app/modules/auth/users.server";
import type { Database } from "#db/client";
import type { Env } from "#app/utils/env.server";
import { users } from "#db/schema";
import { DEMO_PASSWORD, demoUsers } from "./demo-users.server";
import { seedDirectory } from "./directory.server";
import { seedGroupTasks } from "./group-tasks.server";
import { seedGroupThreads } from "./group-threads.server";
import { seedGroups } from "./groups.server";
import { seedMeetings } from "./meetings.server";
import { seedOpenMic } from "./open-mic.server";
import { seedDemoInvitations } from "./invitations.server";
import { seedDemoPeople } from "./people.server";

export type SeedProgress = (step: string) => void;

/** Loads the demo network; running it again adds nothing twice. */
export async function seedDemo(db: Database, progress: SeedProgress = () => {}): Promise<void> {
  progress(`demo accounts (${demoUsers.length})`);
  for (const user of demoUsers) {
    await createUser(db, { ...user, password: DEMO_PASSWORD, emailVerified: true, locale: "de" });
  }
  await seedDirectory(db, progress);
  await seedDemoPeople(db);
  progress("working groups (4)");
  await seedGroups(db);
  progress("group threads, tasks and meetings");
  await seedGroupThreads(db);
  await seedGroupTasks(db);
  await seedMeetings(db);
  progress("Open Mic topics");
  await seedOpenMic(db);
  progress("invitations (2)");
  await seedDemoInvitations(db);
}

/** True when nothing has been stored yet: the demo network is loaded only then. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ value: count() }).from(users);
  return (row?.value ?? 0) === 0;
}

/** Whether this installation may hold the demo network at all (`npm run db:seed`): always on localhost, elsewhere only with SEED_DEMO=true. */
export function mayLoadDemo(env: Pick<Env, "SEED_DEMO" | "onLocalhost">): boolean {
  return env.onLocalhost || env.SEED_DEMO;
}

/** Whether `npm start` and `npm run dev` load the demo network: into an empty database, when SEED_DEMO says so (unset: only when APP_URL is localhost). */
export function shouldSeedDemo(env: Pick<Env, "SEED_DEMO">, isEmpty: boolean): boolean {
  return env.SEED_DEMO && isEmpty;
}

/**
 * The demo step of `npm start` and `npm run dev`: loads the demo network when shouldSeedDemo says so and reports it
 * line by line; an empty database left without it is reported too. True when it loaded the demo network.
 */
export async function seedDemoOnStart(db: Database, env: Pick<Env, "SEED_DEMO" | "onLocalhost">, log: (line: string) => void = () => {}): Promise<boolean> {
  const isEmpty = await isDatabaseEmpty(db);
  if (!shouldSeedDemo(env, isEmpty)) {
    if (isEmpty) log(`The database is empty; the demo network is not loaded (${env.onLocalhost ? "SEED_DEMO=false" : "APP_URL is not localhost: SEED_DEMO=true would load it"}).`);
    return false;
  }
  log("Loading the demo network …");
  await seedDemo(db, (step) => log(`  · ${step}`));
  return true;
}
