import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { Logger } from "@graphile/logger";
import { runMigrations } from "graphile-worker";
import postgres from "postgres";

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
const quiet = new Logger(() => () => {});

/** Applies our SQL migrations and the job queue's own schema; safe to run from several processes. */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    // One connection, so the advisory lock covers the whole run.
    await sql`select pg_advisory_lock(727274)`;
    await migrate(drizzle(sql), { migrationsFolder });
    await runMigrations({ connectionString: databaseUrl, logger: quiet });
    await sql`select pg_advisory_unlock(727274)`;
  } finally {
    await sql.end();
  }
}
