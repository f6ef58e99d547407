import { count } from "drizzle-orm";
import { createUser } from "#app/modules/auth/users.server";
import type { Database } from "#db/client";
import { users } from "#db/schema";
import { DEMO_PASSWORD, demoUsers } from "./demo-users.server";
import { seedDirectory } from "./directory.server";
import { seedGroupTasks } from "./group-tasks.server";
import { seedGroupThreads } from "./group-threads.server";
import { seedGroups } from "./groups.server";
import { seedMeetings } from "./meetings.server";
import { seedOpenMic } from "./open-mic.server";

export type SeedProgress = (step: string) => void;

/** Loads the demo network; running it again adds nothing twice. */
export async function seedDemo(db: Database, progress: SeedProgress = () => {}): Promise<void> {
  progress(`demo accounts (${demoUsers.length})`);
  for (const user of demoUsers) {
    await createUser(db, { ...user, password: DEMO_PASSWORD, emailVerified: true, locale: "de" });
  }
  await seedDirectory(db, progress);
  progress("working groups (4)");
  await seedGroups(db);
  progress("group threads, tasks and meetings");
  await seedGroupThreads(db);
  await seedGroupTasks(db);
  await seedMeetings(db);
  progress("Open Mic topics");
  await seedOpenMic(db);
}

/** True when nothing has been stored yet: the demo network is loaded only then. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ value: count() }).from(users);
  return (row?.value ?? 0) === 0;
}
