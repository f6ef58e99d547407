import { closeDb } from "#db/client";
import type { Env } from "#app/utils/env.server";
import { loadEnvOrExit, prepareServices } from "./prepare";

/**
 * Runs a command-line task with the servers of a running site for the same DATA_DIR, or with ones
 * started for this run and stopped after it.
 */
export async function runTask(name: string, task: (env: Env) => Promise<void>): Promise<void> {
  const env = loadEnvOrExit();
  const services = await prepareServices(env);
  let failed = false;
  try {
    await task(env);
  } catch (error) {
    failed = true;
    console.error(`${name}: ${(error as Error).message}`);
  } finally {
    await closeDb();
    await services.stop();
  }
  process.exit(failed ? 1 : 0);
}
