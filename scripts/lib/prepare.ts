import { ConfigError, parseEnv, type Env } from "#app/utils/env.server";
import { migrateDatabase } from "#db/migrate";
import { ensureServices, loadAppSecret, type Services } from "#scripts/services";

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

/** Brings up (or finds) PostgreSQL and Meilisearch, puts their addresses and the app secret into process.env and migrates. */
export async function prepareServices(env: Env): Promise<Services> {
  const external = Boolean(process.env.DATABASE_URL);
  let services: Services;
  try {
    services = await ensureServices({ dataDir: env.DATA_DIR, log: (line) => console.info(line) });
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  process.env.DATABASE_URL = services.databaseUrl;
  process.env.MEILI_URL = services.meiliUrl;
  process.env.MEILI_MASTER_KEY = services.meiliMasterKey;
  process.env.APP_SECRET ||= await loadAppSecret(env.DATA_DIR);
  try {
    await migrateDatabase(services.databaseUrl);
  } catch (error) {
    console.error(`PostgreSQL${external ? " at DATABASE_URL" : ""} could not be prepared: ${(error as Error).message}`);
    await services.stop();
    process.exit(1);
  }
  return services;
}
