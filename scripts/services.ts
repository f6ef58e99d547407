import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { startEmbeddedPostgres } from "#db/embedded";
import { startEmbeddedMeili } from "#search/embedded";
import { freePort, isAlive, waitForExit } from "./lib/process";

type ServiceRecord = { url: string; pid: number };
type ServicesFile = { ownerPid: number; postgres?: ServiceRecord; meili?: ServiceRecord };
type Secrets = { postgresPassword: string; meiliMasterKey: string; appSecret?: string; appDatabasePassword?: string };

export type Services = {
  /** The embedded server's own user, who owns the database; or DATABASE_URL as given for external servers. */
  databaseUrl: string;
  meiliUrl: string;
  meiliMasterKey: string;
  /** Stops what this process started; servers reused from another process keep running. */
  stop: () => Promise<void>;
};

export type ServicesOptions = {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  ephemeral?: boolean;
  log?: (line: string) => void;
};

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

/** True when the process runs a server of this data folder (its command line names the folder). */
async function isOurServer(pid: number, dataDir: string): Promise<boolean> {
  const commandLine = await fs.readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => null);
  // Without /proc (macOS) trust the record, which only this project writes.
  return commandLine === null ? process.platform !== "linux" : commandLine.includes(dataDir);
}

/** A secret kept in DATA_DIR/secrets.json beside the embedded servers' secrets, made on first use. */
async function loadSecret(dataDir: string, key: "appSecret" | "appDatabasePassword"): Promise<string> {
  await fs.mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, "secrets.json");
  const existing = await readJson<Partial<Secrets>>(file);
  const known = existing?.[key];
  if (known) return known;
  const secret = randomBytes(32).toString("hex");
  await fs.writeFile(file, JSON.stringify({ ...existing, [key]: secret }, null, 2), { mode: 0o600 });
  return secret;
}

/**
 * The installation's own secret (signed links in mails, form timestamps), kept in DATA_DIR beside
 * the embedded servers' secrets; made on first use, also when PostgreSQL and Meilisearch are external.
 */
export async function loadAppSecret(dataDir: string): Promise<string> {
  return loadSecret(dataDir, "appSecret");
}

/** The role the app connects to the embedded PostgreSQL as: rows only, no schema changes (decision 068). */
export const APP_DATABASE_ROLE = "kurze_wege_app";

/** The same server and database as another role. */
export function withRole(url: string, role: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(role);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/**
 * Makes (or brings up to date) a login role that is no superuser and can create neither databases nor
 * roles, with the given password, and returns the URL of the same database as that role. It owns
 * nothing; the migrations grant it its rows (migrateDatabase's appRole). Needs a superuser or a role
 * with CREATEROLE, as the embedded server's own user is.
 */
export async function ensureAppRole(adminUrl: string, role: string, password: string): Promise<string> {
  const { default: postgres } = await import("postgres");
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = `"${role.replace(/"/g, '""')}"`;
  const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD '${password.replace(/'/g, "''")}'`;
  try {
    const [exists] = await sql`select 1 from pg_roles where rolname = ${role}`;
    try {
      await sql.unsafe(`${exists ? "ALTER" : "CREATE"} ROLE ${name} ${attributes}`);
    } catch (error) {
      // Another process of the same data folder made it in between.
      if ((error as { code?: string }).code !== "42710") throw error;
      await sql.unsafe(`ALTER ROLE ${name} ${attributes}`);
    }
  } finally {
    await sql.end();
  }
  return withRole(adminUrl, role, password);
}

/** The password of the embedded PostgreSQL's app role, made once and kept in DATA_DIR/secrets.json. */
export async function loadAppDatabasePassword(dataDir: string): Promise<string> {
  return loadSecret(dataDir, "appDatabasePassword");
}

async function loadSecrets(dataDir: string): Promise<Secrets> {
  const file = path.join(dataDir, "secrets.json");
  const existing = await readJson<Secrets>(file);
  if (existing) return existing;
  const secrets = { postgresPassword: randomBytes(24).toString("hex"), meiliMasterKey: randomBytes(32).toString("hex") };
  await fs.writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/**
 * The owner's connection to the embedded PostgreSQL that a running process started for this data
 * folder (as recorded in DATA_DIR/services.json), if there is one: for the daily backup, which runs
 * in a server process that holds only the app's connection.
 */
export async function runningEmbeddedDatabaseUrl(dataDir: string): Promise<string | undefined> {
  const record = await readJson<ServicesFile>(path.join(path.resolve(dataDir), "services.json"));
  return record?.postgres && isAlive(record.postgres.pid) ? record.postgres.url : undefined;
}

async function isReachable(record: ServiceRecord | undefined, probe: (url: string) => Promise<boolean>): Promise<boolean> {
  return Boolean(record && isAlive(record.pid) && (await probe(record.url)));
}

const probeMeili = async (url: string) =>
  fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) })
    .then((response) => response.ok)
    .catch(() => false);

const probePostgres = async (url: string) => {
  const { default: postgres } = await import("postgres");
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
};

/**
 * Resolves the PostgreSQL and Meilisearch this process uses: the ones in the environment, the ones a
 * running process started for the same data folder, or new embedded ones that this process owns.
 */
export async function ensureServices(options: ServicesOptions): Promise<Services> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const dataDir = path.resolve(options.dataDir);
  const needPostgres = !env.DATABASE_URL;
  const needMeili = !env.MEILI_URL;
  if (!needPostgres && !needMeili) {
    return { databaseUrl: env.DATABASE_URL!, meiliUrl: env.MEILI_URL!, meiliMasterKey: env.MEILI_MASTER_KEY!, stop: async () => {} };
  }

  await fs.mkdir(dataDir, { recursive: true });
  const secrets = await loadSecrets(dataDir);
  const recordFile = path.join(dataDir, "services.json");
  const record = (await readJson<ServicesFile>(recordFile)) ?? { ownerPid: 0 };
  const ownerAlive = record.ownerPid !== process.pid && isAlive(record.ownerPid);
  const reusePostgres = needPostgres && ownerAlive && (await isReachable(record.postgres, probePostgres));
  const reuseMeili = needMeili && ownerAlive && (await isReachable(record.meili, probeMeili));

  if (!ownerAlive) {
    // Servers whose owner died without stopping them: end them before starting anew.
    for (const stale of [record.postgres, record.meili]) {
      // Only a process that still is one of our servers: pids are reused after a crash or reboot.
      if (stale && isAlive(stale.pid) && (await isOurServer(stale.pid, dataDir))) {
        process.kill(stale.pid, "SIGINT");
        await waitForExit(stale.pid);
      }
    }
  }

  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => undefined);
    stops.length = 0;
  };
  try {
    let postgresRecord = reusePostgres ? record.postgres : undefined;
    if (needPostgres && !postgresRecord) {
      log("Starting PostgreSQL …");
      const pg = await startEmbeddedPostgres({
        dataDir: path.join(dataDir, "postgres"),
        port: await freePort(),
        password: secrets.postgresPassword,
        ephemeral: options.ephemeral,
      });
      stops.push(pg.stop);
      postgresRecord = { url: pg.url, pid: pg.pid };
    }
    let meiliRecord = reuseMeili ? record.meili : undefined;
    if (needMeili && !meiliRecord) {
      log("Starting Meilisearch …");
      const meili = await startEmbeddedMeili({ dataDir: path.join(dataDir, "meilisearch"), port: await freePort(), masterKey: secrets.meiliMasterKey });
      stops.push(meili.stop);
      meiliRecord = { url: meili.url, pid: meili.pid };
    }
    if (stops.length > 0) {
      // It holds the database password: readable by this user only.
      await fs.writeFile(recordFile, JSON.stringify({ ownerPid: process.pid, postgres: postgresRecord, meili: meiliRecord }, null, 2), { mode: 0o600 });
      stops.unshift(() => fs.rm(recordFile, { force: true }));
    }
    return {
      databaseUrl: env.DATABASE_URL ?? postgresRecord!.url,
      meiliUrl: env.MEILI_URL ?? meiliRecord!.url,
      meiliMasterKey: env.MEILI_URL ? env.MEILI_MASTER_KEY! : secrets.meiliMasterKey,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
