import { count } from "drizzle-orm";
import { createUser } from "../../app/modules/auth/users.server";
import type { Database } from "../client";
import { users } from "../schema";
import { DEMO_PASSWORD, demoUsers } from "./demo-users";
import { seedDirectory } from "./directory";
import { seedGroupTasks } from "./group-tasks";
import { seedGroupThreads } from "./group-threads";
import { seedGroups } from "./groups";
import { seedMeetings } from "./meetings";
import { seedOpenMic } from "./open-mic";

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
