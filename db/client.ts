import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;
/** A transaction or the database itself: domain write functions take either. */
export type Executor = Database | Parameters<Parameters<Database["transaction"]>[0]>[0];

type Connection = { sql: postgres.Sql; db: Database };

const globalForDb = globalThis as unknown as { __kurzeWegeDb?: Connection };

const POOL_SIZE = 10;

/** How long a statement, a wait for a lock and a wait for a free connection may take; 0 means no limit. */
export function databaseTimeouts(env: Record<string, string | undefined> = process.env) {
  const milliseconds = (name: string, fallback: number) => {
    const value = env[name];
    if (value === undefined || value === "") return fallback;
    if (!/^\d+$/.test(value)) throw new Error(`${name} must be a number of milliseconds (0 for no limit), not "${value}".`);
    return Number(value);
  };
  return {
    statementMs: milliseconds("DB_STATEMENT_TIMEOUT_MS", 10_000),
    lockMs: milliseconds("DB_LOCK_TIMEOUT_MS", 3_000),
    acquireMs: milliseconds("DB_POOL_TIMEOUT_MS", 5_000),
  };
}

/** No connection of the pool became free in time. */
export class PoolTimeoutError extends Error {
  readonly code = "POOL_TIMEOUT";
  constructor(milliseconds: number) {
    super(`no database connection became free within ${milliseconds} ms`);
    this.name = "PoolTimeoutError";
  }
}

// PostgreSQL's codes for a statement that was cancelled (statement_timeout), a lock not granted in
// time (lock_timeout), a server that refuses or ends connections; postgres.js's own for connections.
const BUSY_CODES = new Set(["57014", "55P03", "53300", "57P01", "57P02", "57P03", "POOL_TIMEOUT", "CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "ECONNREFUSED"]);

/** True for an error that says the database is busy or away for now (worth a 503 and a retry), also when wrapped as a cause. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && BUSY_CODES.has(code)) return true;
  }
  return false;
}

/**
 * A bounded wait for one of the pool's connections. postgres.js itself queues without limit and
 * pipelines further queries onto busy connections, behind whatever holds them up; through this gate at
 * most as many queries and transactions run as there are connections, and a caller that finds none free
 * within the acquire timeout gets a PoolTimeoutError.
 */
function createGate(size: number, timeoutMs: number) {
  let inUse = 0;
  const waiting: (() => void)[] = [];
  const releaser = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = waiting.shift();
      if (next) next();
      else inUse--;
    };
  };
  return function acquire(): Promise<() => void> {
    if (inUse < size) {
      inUse++;
      return Promise.resolve(releaser());
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve(releaser());
      };
      const timer =
        timeoutMs > 0
          ? setTimeout(() => {
              waiting.splice(waiting.indexOf(grant), 1);
              reject(new PoolTimeoutError(timeoutMs));
            }, timeoutMs)
          : undefined;
      waiting.push(grant);
    });
  };
}

type GatedQuery = { handler: (query: GatedQuery) => void; reject: (error: unknown) => void; cancelled: unknown };

/** The client drizzle uses: its single statements and its transactions pass the gate; everything else is postgres.js as is. */
function gated(sql: postgres.Sql, acquire: () => Promise<() => void>): postgres.Sql {
  const unsafe = (...args: Parameters<postgres.Sql["unsafe"]>) => {
    const query = sql.unsafe(...args);
    const gatedQuery = query as unknown as GatedQuery;
    // postgres.js runs a query through its handler once it is awaited; the handler now waits for the gate first.
    const run = gatedQuery.handler;
    gatedQuery.handler = (self) => {
      acquire().then(
        (release) => {
          if (self.cancelled) return release();
          Promise.prototype.then.call(self, release, release);
          run(self);
        },
        (error: unknown) => self.reject(error),
      );
    };
    return query;
  };
  const begin = async (...args: unknown[]) => {
    const release = await acquire();
    try {
      return await (sql.begin as (...rest: unknown[]) => Promise<unknown>)(...args);
    } finally {
      release();
    }
  };
  return new Proxy(sql, {
    get: (target, property) => (property === "unsafe" ? unsafe : property === "begin" ? begin : Reflect.get(target, property)),
  });
}

function connect(): Connection {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app through scripts/start.ts or set it.");
  const timeouts = databaseTimeouts();
  const sql = postgres(url, {
    max: POOL_SIZE,
    connect_timeout: 5,
    idle_timeout: 60,
    onnotice: () => {},
    // Sent when each connection starts, so every statement of this pool has them (a transaction may SET LOCAL others).
    connection: { application_name: "kurze-wege", statement_timeout: timeouts.statementMs, lock_timeout: timeouts.lockMs },
  });
  return { sql, db: drizzle(gated(sql, createGate(POOL_SIZE, timeouts.acquireMs)), { schema }) };
}

function connection(): Connection {
  // Cached on globalThis so that rebuilds in development reuse the pool.
  globalForDb.__kurzeWegeDb ??= connect();
  return globalForDb.__kurzeWegeDb;
}

/** The drizzle instance over the one postgres.js pool of this process. */
export const db: Database = new Proxy({} as Database, {
  get: (_target, property) => Reflect.get(connection().db, property),
});

/** The raw postgres.js client, for health checks and the few statements drizzle does not express. */
export function getSql(): postgres.Sql {
  return connection().sql;
}

/** Closes the pool after in-flight queries finish. */
export async function closeDb(): Promise<void> {
  const current = globalForDb.__kurzeWegeDb;
  globalForDb.__kurzeWegeDb = undefined;
  await current?.sql.end({ timeout: 5 });
}
