import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ensureServices, type Services } from "../services";

// How a benchmark runs: its stop steps (servers, folders) always run, newest first, at the end, on an
// error, on Ctrl-C or SIGTERM, or when it takes too long; a failure exits 1.

const cleanups: (() => Promise<void>)[] = [];

/** Registers a stop step; returns it to run early (it runs once). */
export function defer(stop: () => Promise<unknown>): () => Promise<void> {
  let done = false;
  const run = async () => {
    if (done) return;
    done = true;
    await stop();
  };
  cleanups.push(run);
  return run;
}

async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()!().catch((error: Error) => console.warn(`cleanup: ${error.message}`));
}

function abort(reason: string): void {
  console.error(reason);
  setTimeout(() => process.exit(1), 20_000).unref();
  void cleanUp().finally(() => process.exit(1));
}

/** Runs `main` with a watchdog of `timeoutMs`, then the stop steps, and exits. */
export async function runBenchmark(name: string, timeoutMs: number, main: () => Promise<void>): Promise<never> {
  const watchdog = setTimeout(() => abort(`The benchmark took longer than ${timeoutMs / 60_000} minutes: stopping.`), timeoutMs);
  watchdog.unref();
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => abort(`${signal}: stopping the servers …`));
  let failed = false;
  try {
    await main();
  } catch (error) {
    failed = true;
    console.error(`${name}: ${(error as Error).stack ?? String(error)}`);
  } finally {
    await cleanUp();
  }
  process.exit(failed ? 1 : 0);
}

/** A throw-away folder (removed at the end) that the embedded PostgreSQL's own user can enter. */
export async function throwAwayFolder(prefix: string): Promise<string> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  defer(() => fs.rm(dataDir, { recursive: true, force: true }));
  await fs.chmod(dataDir, 0o755);
  return dataDir;
}

/** Throw-away PostgreSQL and Meilisearch in a throw-away folder, stopped at the end. */
export async function throwAwayServers(prefix: string): Promise<{ dataDir: string; servers: Services }> {
  const dataDir = await throwAwayFolder(prefix);
  console.info(`Starting throw-away PostgreSQL and Meilisearch in ${dataDir} …`);
  // An empty env: never the servers named in this shell's environment.
  const servers = await ensureServices({ dataDir, ephemeral: true, env: { NODE_ENV: "production" } });
  defer(servers.stop);
  return { dataDir, servers };
}
