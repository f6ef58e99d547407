import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll } from "vitest";
import { withDatabase } from "./database-url";

// Every test file gets its own database, copied from the migrated template with its grants, and its own index prefix.
const suffix = randomBytes(5).toString("hex");
const database = `kw_test_${suffix}`;
const serverUrl = process.env.TEST_SERVER_URL!;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`CREATE DATABASE ${database} TEMPLATE ${process.env.TEST_TEMPLATE_DATABASE}`);
// The app's role (rows only, no schema rights) as in production; the owner's for tests that migrate or create databases.
process.env.DATABASE_URL = withDatabase(process.env.TEST_APP_SERVER_URL ?? serverUrl, database);
process.env.MIGRATION_DATABASE_URL = withDatabase(serverUrl, database);
process.env.MEILI_INDEX_PREFIX = `t${suffix}_`;

afterAll(async () => {
  const { closeDb } = await import("#db/client");
  await closeDb();
  await admin.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  const { getAdminClient } = await import("#search/client");
  const client = getAdminClient();
  const { results } = await client.getIndexes({ limit: 1000 }).catch(() => ({ results: [] }));
  await Promise.all(results.filter((index) => index.uid.startsWith(process.env.MEILI_INDEX_PREFIX!)).map((index) => client.deleteIndex(index.uid)));
});
