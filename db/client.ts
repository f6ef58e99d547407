import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;
/** A transaction or the database itself: domain write functions take either. */
export type Executor = Database | Parameters<Parameters<Database["transaction"]>[0]>[0];

type Connection = { sql: postgres.Sql; db: Database };

const globalForDb = globalThis as unknown as { __kurzeWegeDb?: Connection };

function connect(): Connection {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app through scripts/start.ts or set it.");
  const sql = postgres(url, {
    max: 10,
    connect_timeout: 5,
    idle_timeout: 60,
    onnotice: () => {},
    connection: { application_name: "kurze-wege" },
  });
  return { sql, db: drizzle(sql, { schema }) };
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
