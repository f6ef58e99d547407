import { afterAll } from "vitest";

// Browser tests share the app server's database, to create users and read what the pages wrote.
process.env.DATABASE_URL = process.env.E2E_DATABASE_URL;
process.env.APP_URL = process.env.E2E_BASE_URL;

afterAll(async () => {
  const { closeDb } = await import("#db/client");
  await closeDb();
});
