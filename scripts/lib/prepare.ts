import { ConfigError, parseEnv, type Env } from "#app/utils/env.server";
import postgres from "postgres";
import { migrateDatabase } from "#db/migrate";
import { APP_DATABASE_ROLE, ensureAppRole, ensureServices, loadAppDatabasePassword, loadAppSecret, type Services } from "#scripts/services";

/** Validates the configuration, or prints its one-line message and exits. */
export function loadEnvOrExit(): Env {
  try {
    process.loadEnvFile?.(".env");
  } catch {
    // no .env file: fine
  }
  try {
    return parseEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** The role name in a PostgreSQL URL ("" when the URL leaves it to the client's default). */
function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

export type DatabaseRoles = {
  /** The schema owner's connection: migrations only. */
  migrationUrl: string;
  /** The app's connection. */
  appUrl: string;
  /** The app's role when it is not the owner (then the migrations grant it its rows). */
  appRole?: string;
};

/**
 * Which connection migrates and which the app uses. Embedded: the server's own user owns the database
 * and migrates, and the app connects as APP_DATABASE_ROLE, made here with a password kept in
 * DATA_DIR. External: DATABASE_URL is the app, MIGRATION_DATABASE_URL (default DATABASE_URL) the owner.
 */
export async function resolveDatabaseRoles(env: Env, services: Pick<Services, "databaseUrl">, external: boolean, role = APP_DATABASE_ROLE): Promise<DatabaseRoles> {
  if (!external) {
    const appUrl = await ensureAppRole(services.databaseUrl, role, await loadAppDatabasePassword(env.DATA_DIR));
    return { migrationUrl: services.databaseUrl, appUrl, appRole: role };
  }
  const migrationUrl = env.MIGRATION_DATABASE_URL ?? services.databaseUrl;
  const appRole = roleOf(services.databaseUrl);
  const separate = Boolean(appRole) && appRole !== roleOf(migrationUrl);
  return { migrationUrl, appUrl: services.databaseUrl, appRole: separate ? appRole : undefined };
}

/** Fails with the server's own message when the app's role cannot connect (a wrong password in DATABASE_URL, say). */
async function probeAppConnection(appUrl: string): Promise<void> {
  const sql = postgres(appUrl, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await sql`select 1`;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/**
 * Brings up (or finds) PostgreSQL and Meilisearch, migrates as the schema owner and puts the app's
 * connection (a role without schema rights), Meilisearch's address and the app secret into process.env.
 */
export async function prepareServices(env: Env): Promise<Services> {
  const external = Boolean(process.env.DATABASE_URL);
  let services: Services;
  try {
    services = await ensureServices({ dataDir: env.DATA_DIR, log: (line) => console.info(line) });
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  process.env.MEILI_URL = services.meiliUrl;
  process.env.MEILI_MASTER_KEY = services.meiliMasterKey;
  process.env.APP_SECRET ||= await loadAppSecret(env.DATA_DIR);
  let step = external && env.MIGRATION_DATABASE_URL ? "MIGRATION_DATABASE_URL" : "DATABASE_URL";
  try {
    const roles = await resolveDatabaseRoles(env, services, external);
    await migrateDatabase(roles.migrationUrl, { appRole: roles.appRole });
    step = "DATABASE_URL";
    await probeAppConnection(roles.appUrl);
    process.env.DATABASE_URL = roles.appUrl;
    // The app and what it starts need no more than its own connection.
    delete process.env.MIGRATION_DATABASE_URL;
  } catch (error) {
    console.error(`PostgreSQL${external ? ` at ${step}` : ""} could not be prepared: ${(error as Error).message}`);
    await services.stop();
    process.exit(1);
  }
  return services;
}
