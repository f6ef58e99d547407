import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { readMigrationFiles, type MigrationMeta } from "drizzle-orm/migrator";
import { PgDialect } from "drizzle-orm/pg-core";
import { Logger } from "@graphile/logger";
import { runMigrations } from "graphile-worker";
import postgres from "postgres";

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
const quiet = new Logger(() => () => {});

// `ALTER TYPE … ADD VALUE IF NOT EXISTS '…'` in a migration file: a new enum value the same migration uses.
const ADD_ENUM_VALUE = /ALTER TYPE ("[^"]+"\."[^"]+"|"[^"]+") ADD VALUE IF NOT EXISTS '([^']+)'/g;

/**
 * PostgreSQL refuses to use an enum value in the transaction that added it (17 allows it when the type
 * is new in it too), and the migrator runs pending migrations in one transaction. So the values that migrations
 * add with `ADD VALUE IF NOT EXISTS` are added first, each in its own statement, to the types that
 * exist already; the migration's own statement is then a no-op. Types that pending migrations create
 * exist only after the migrator's step that creates them has committed (see migrationSteps).
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

/** The schemas the app works in: ours and the job queue's (drizzle's own bookkeeping schema is the owner's alone). */
const APP_SCHEMAS = ["public", "graphile_worker"];

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Gives the app role what the app needs and nothing more: it reads and writes the rows of every table,
 * draws from the sequences and calls the functions of our schema and the job queue's, but owns
 * nothing and can create, alter or drop nothing. Default privileges extend the same to what later
 * migrations (run by the owner, the current role) create; the grants on existing objects are repeated
 * on every run, so objects made before the role existed are covered too.
 */
export async function grantAppRole(sql: postgres.Sql, role: string): Promise<void> {
  const grantee = quoteIdentifier(role);
  const schemas = APP_SCHEMAS.map(quoteIdentifier).join(", ");
  // PostgreSQL 15 and later do this themselves; on older servers everyone may create tables in public.
  // (Only a warning where the owner of our tables does not own the schema: then its owner should.)
  await sql.unsafe(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
  for (const schema of APP_SCHEMAS) {
    // Everyone may use public already on most servers, where the owner of our tables need not own the schema.
    const [usable] = await sql<{ usable: boolean }[]>`select has_schema_privilege(${role}, ${schema}, 'USAGE') as usable`;
    if (!usable?.usable) await sql.unsafe(`GRANT USAGE ON SCHEMA ${quoteIdentifier(schema)} TO ${grantee}`);
  }
  await sql.unsafe(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schemas} TO ${grantee}`);
  await sql.unsafe(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schemas} TO ${grantee}`);
  await sql.unsafe(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${schemas} TO ${grantee}`);
  await sql.unsafe(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schemas} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${grantee}`);
  await sql.unsafe(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schemas} GRANT USAGE, SELECT ON SEQUENCES TO ${grantee}`);
  await sql.unsafe(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schemas} GRANT EXECUTE ON FUNCTIONS TO ${grantee}`);
  // The job queue turns on row-level security for its private tables, which hides every row from a
  // role that does not own them: a policy per table gives the app role all rows, as the owner has them.
  const policy = `${role} rows`;
  const hidden = await sql<{ table: string }[]>`
    select format('%I.%I', n.nspname, c.relname) as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relrowsecurity and n.nspname in ${sql(APP_SCHEMAS)}
      and not exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = ${policy})`;
  for (const { table } of hidden) {
    await sql.unsafe(`CREATE POLICY ${quoteIdentifier(policy)} ON ${table} FOR ALL TO ${grantee} USING (true) WITH CHECK (true)`);
  }
}

/**
 * Where the migrator commits: before every migration that adds an enum value, and at the end. Only
 * PostgreSQL 17 lets a transaction use a value it added to a type it created; on 15 and 16 a fresh
 * database failed on the first such migration when all pending ones ran in one transaction. Each step
 * is the migrator's own run over the list up to that point (it skips what is applied), so after the
 * steps before it the type exists and addEnumValuesAhead adds the value in a statement of its own.
 */
function migrationSteps(migrations: MigrationMeta[]): number[] {
  const addsValue = (migration: MigrationMeta) => migration.sql.some((statement) => new RegExp(ADD_ENUM_VALUE.source).test(statement));
  const ends = migrations.flatMap((migration, index) => (index > 0 && addsValue(migration) ? [index] : []));
  return [...ends, migrations.length];
}

export type MigrateOptions = {
  /** The role the app connects as, when it is not the owner: granted row access after the migrations. */
  appRole?: string;
};

/**
 * Applies our SQL migrations and the job queue's own schema, as the owner of the schema (the URL's
 * role), then grants the app role its rows; safe to run from several processes.
 */
export async function migrateDatabase(ownerUrl: string, options: MigrateOptions = {}): Promise<void> {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    // One connection, so the advisory lock covers the whole run.
    await sql`select pg_advisory_lock(727274)`;
    const database = drizzle(sql);
    const dialect = new PgDialect();
    const migrations = readMigrationFiles({ migrationsFolder });
    for (const end of migrationSteps(migrations)) {
      await addEnumValuesAhead(sql);
      // (What drizzle's migrate() does, over part of the list; the session's schema types differ only on paper.)
      await dialect.migrate(migrations.slice(0, end), database._.session as unknown as Parameters<PgDialect["migrate"]>[1], { migrationsFolder });
    }
    // The job queue's schema is migrated here, by the owner: the worker of the app (as the app role)
    // then finds it current and only reads its version.
    await runMigrations({ connectionString: ownerUrl, logger: quiet });
    if (options.appRole) await grantAppRole(sql, options.appRole);
    await sql`select pg_advisory_unlock(727274)`;
  } finally {
    await sql.end();
  }
}
