import type { Database } from "../client";

/** Demo data: tasks in every state in the demo groups. Running it again adds nothing twice. */
export async function seedGroupTasks(db: Database): Promise<void> {
  void db;
}
