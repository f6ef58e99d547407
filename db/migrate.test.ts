import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { migrateDatabase } from "./migrate";

const MIGRATIONS = path.join(import.meta.dirname, "migrations");

/** A copy of the migrations folder that ends after the given migration, like an installation of that release. */
function migrationsUpTo(tag: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "kw-migrations-"));
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((entry) => entry.tag === tag);
  expect(last).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, last + 1);
  fs.mkdirSync(path.join(folder, "meta"));
  fs.writeFileSync(path.join(folder, "meta", "_journal.json"), JSON.stringify(journal));
  for (const entry of journal.entries) fs.copyFileSync(path.join(MIGRATIONS, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  return folder;
}

test("an installation of an earlier release migrates, also where a migration uses an enum value it adds", async () => {
  // The owner's connection: the app's role may create no database.
  const admin = postgres(process.env.MIGRATION_DATABASE_URL!, { max: 1, onnotice: () => {} });
  const name = `kw_upgrade_${randomBytes(4).toString("hex")}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(process.env.MIGRATION_DATABASE_URL!);
  url.pathname = `/${name}`;
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    // The release before the people and vocabulary migrations, with a service in it.
    await migrate(drizzle(sql), { migrationsFolder: migrationsUpTo("0012_change_email") });
    const [partner] = await sql<{ id: string }[]>`insert into partners (slug, name, kind) values ('alt', 'Alt', 'verein') returning id`;
    await sql`insert into services (partner_id, slug, name) values (${partner!.id}, 'alt-angebot', 'Altes Angebot')`;

    await migrateDatabase(url.toString());

    const [service] = await sql<{ cost: string }[]>`select cost from services where slug = 'alt-angebot'`;
    expect(service?.cost).toBe("free");
    const [column] = await sql<{ default: string }[]>`select column_default as default from information_schema.columns where table_name = 'services' and column_name = 'cost'`;
    expect(column?.default).toContain("unknown");
    // Running it again changes nothing and fails nowhere.
    await migrateDatabase(url.toString());
  } finally {
    await sql.end();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}, 60_000);
