import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { Logger } from "@graphile/logger";
import { runMigrations } from "graphile-worker";
import postgres from "postgres";

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
const quiet = new Logger(() => () => {});

// `ALTER TYPE … ADD VALUE IF NOT EXISTS '…'` in a migration file: a new enum value the same migration uses.
const ADD_ENUM_VALUE = /ALTER TYPE ("[^"]+"\."[^"]+"|"[^"]+") ADD VALUE IF NOT EXISTS '([^']+)'/g;

/**
 * PostgreSQL refuses to use an enum value in the transaction that added it (unless the type is new in
 * it), and the migrator runs all pending migrations in one transaction. So the values that migrations
 * add with `ADD VALUE IF NOT EXISTS` are added first, each in its own statement, to the types that
 * exist already; the migration's own statement is then a no-op. On an empty database nothing exists
 * yet and the migrations create the types and values themselves.
 */
async function addEnumValuesAhead(sql: postgres.Sql): Promise<void> {
  const files = fs
    .readdirSync(migrationsFolder)
    .filter((file) => file.endsWith(".sql"))
    .sort();
  for (const file of files) {
    for (const [, type, value] of fs.readFileSync(path.join(migrationsFolder, file), "utf8").matchAll(ADD_ENUM_VALUE)) {
      const [row] = await sql<{ exists: boolean }[]>`select to_regtype(${type!}) is not null as exists`;
      if (row?.exists) await sql.unsafe(`ALTER TYPE ${type} ADD VALUE IF NOT EXISTS '${value!.replace(/'/g, "''")}'`);
    }
  }
}

/** Applies our SQL migrations and the job queue's own schema; safe to run from several processes. */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    // One connection, so the advisory lock covers the whole run.
    await sql`select pg_advisory_lock(727274)`;
    await addEnumValuesAhead(sql);
    await migrate(drizzle(sql), { migrationsFolder });
    await runMigrations({ connectionString: databaseUrl, logger: quiet });
    await sql`select pg_advisory_unlock(727274)`;
  } finally {
    await sql.end();
  }
}
