import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Logger } from "@graphile/logger";
import { runOnce } from "graphile-worker";
import postgres from "postgres";
import { parseEnv } from "#app/utils/env.server";
import { migrateDatabase } from "#db/migrate";
import { withDatabase } from "#test/setup/database-url";
import { withRole } from "#scripts/services";
import { resolveDatabaseRoles } from "./prepare";

const quiet = new Logger(() => () => {});
const connect = (url: string) => postgres(url, { max: 1, onnotice: () => {} });

/** The SQLSTATE a statement fails with, or "ok". */
async function outcome(statement: Promise<unknown>): Promise<string> {
  return statement.then(
    () => "ok",
    (error: { code?: string }) => error.code ?? "error",
  );
}

const PERMISSION_DENIED = "42501";

describe("the embedded start's database roles", () => {
  // A database of its own, as the embedded start finds it on first run: empty, owned by the server's user.
  const ownerServerUrl = process.env.MIGRATION_DATABASE_URL!;
  const name = `kw_roles_${randomBytes(4).toString("hex")}`;
  const ownerUrl = withDatabase(ownerServerUrl, name);
  const role = `kw_app_${randomBytes(4).toString("hex")}`;
  let dataDir: string;
  let owner: postgres.Sql;
  let app: postgres.Sql;
  let appUrl: string;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "kw-roles-"));
    const admin = connect(ownerServerUrl);
    await admin.unsafe(`create database ${name}`).finally(() => admin.end());
    const env = parseEnv({ DATA_DIR: dataDir });
    const roles = await resolveDatabaseRoles(env, { databaseUrl: ownerUrl }, false, role);
    expect(roles.migrationUrl).toBe(ownerUrl);
    expect(roles.appRole).toBe(role);
    await migrateDatabase(roles.migrationUrl, { appRole: roles.appRole });
    // A second start finds the role and its password in DATA_DIR and migrates nothing new.
    const again = await resolveDatabaseRoles(env, { databaseUrl: ownerUrl }, false, role);
    expect(again.appUrl).toBe(roles.appUrl);
    await migrateDatabase(again.migrationUrl, { appRole: again.appRole });
    appUrl = roles.appUrl;
    owner = connect(ownerUrl);
    app = connect(appUrl);
  }, 60_000);

  afterAll(async () => {
    await app?.end();
    await owner?.end();
    const admin = connect(ownerServerUrl);
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`drop role if exists ${role}`);
    await admin.end();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  test("the app's role logs in but is no superuser, creates no databases or roles and owns nothing", async () => {
    const [attributes] = await owner`select rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls from pg_roles where rolname = ${role}`;
    expect(attributes).toEqual({ rolcanlogin: true, rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolreplication: false, rolbypassrls: false });
    const [owned] = await owner<{ count: number }[]>`
      select (select count(*) from pg_class where relowner = r.oid) + (select count(*) from pg_namespace where nspowner = r.oid)
        + (select count(*) from pg_proc where proowner = r.oid) + (select count(*) from pg_type where typowner = r.oid) as count
      from pg_roles r where rolname = ${role}`;
    expect(Number(owned!.count)).toBe(0);
    const [current] = await app<{ user: string }[]>`select current_user as user`;
    expect(current!.user).toBe(role);
  });

  test("the migrations ran as the owner: every table of ours and of the job queue belongs to it", async () => {
    const [ownerRole] = await owner<{ user: string }[]>`select current_user as user`;
    const tables = await owner<{ schemaname: string; tableowner: string }[]>`select schemaname, tableowner from pg_tables where schemaname in ('public', 'graphile_worker', 'drizzle')`;
    expect(tables.length).toBeGreaterThan(30);
    expect(new Set(tables.map((table) => table.tableowner))).toEqual(new Set([ownerRole!.user]));
    expect(new Set(tables.map((table) => table.schemaname))).toEqual(new Set(["public", "graphile_worker", "drizzle"]));
  });

  test("the app's role cannot create, alter or drop tables, empty them or make schemas", async () => {
    expect(await outcome(app`create table intruder (id int)`)).toBe(PERMISSION_DENIED);
    expect(await outcome(app`create table graphile_worker.intruder (id int)`)).toBe(PERMISSION_DENIED);
    expect(await outcome(app`create schema intruder`)).toBe(PERMISSION_DENIED);
    expect(await outcome(app`drop table partners`)).toBe(PERMISSION_DENIED);
    expect(await outcome(app`drop table graphile_worker._private_jobs`)).toBe(PERMISSION_DENIED);
    expect(await outcome(app`alter table partners add column intruder text`)).toBe(PERMISSION_DENIED);
    expect(await outcome(app`alter table users drop column email`)).toBe(PERMISSION_DENIED);
    expect(await outcome(app`create index intruder on partners (name)`)).toBe(PERMISSION_DENIED);
    expect(await outcome(app`truncate partners cascade`)).toBe(PERMISSION_DENIED);
    expect(await outcome(app`select * from drizzle.__drizzle_migrations`)).toBe(PERMISSION_DENIED);
    const [column] = await owner`select 1 from information_schema.columns where table_name = 'partners' and column_name = 'intruder'`;
    expect(column).toBeUndefined();
  });

  test("the app's role reads and writes rows, uses pg_trgm and the job queue", async () => {
    const [partner] = await app<{ id: string }[]>`insert into partners (slug, name, kind) values ('rollen', 'Rollen e. V.', 'verein') returning id`;
    await app`update partners set name = 'Rollen und Rechte e. V.' where id = ${partner!.id}`;
    const [read] = await app<{ name: string; similar: number }[]>`select name, similarity(name, 'Rollen') as similar from partners where id = ${partner!.id}`;
    expect(read!.name).toBe("Rollen und Rechte e. V.");
    expect(read!.similar).toBeGreaterThan(0);
    const [extension] = await app`select extname from pg_extension where extname = 'pg_trgm'`;
    expect(extension).toBeDefined();
    await app`delete from partners where id = ${partner!.id}`;
    expect(await app`select 1 from partners where id = ${partner!.id}`).toHaveLength(0);

    // The worker connects as the app: it finds the queue's schema current, so it needs no schema rights.
    const done: string[] = [];
    await app`select graphile_worker.add_job('roles_probe', json_build_object('n', 1))`;
    await runOnce({ connectionString: appUrl, logger: quiet, taskList: { roles_probe: async (payload) => void done.push(JSON.stringify(payload)) } });
    expect(done).toEqual(['{"n":1}']);
  });

  test("tables of a later migration are the app's to read and write, not to change", async () => {
    // What a later migration does, as the owner: the default privileges cover it.
    await owner`create table later_things (id serial primary key, label text not null)`;
    await app`insert into later_things (label) values ('neu')`;
    expect(await app`select label from later_things`).toEqual([{ label: "neu" }]);
    expect(await outcome(app`alter table later_things add column intruder text`)).toBe(PERMISSION_DENIED);
    expect(await outcome(app`drop table later_things`)).toBe(PERMISSION_DENIED);
  });
});

describe("external servers' database roles", () => {
  const services = { databaseUrl: "postgres://kw_app:geheim@db.example:5432/kurze_wege" };

  test("DATABASE_URL alone is both the owner and the app, as before", async () => {
    const env = parseEnv({ DATABASE_URL: services.databaseUrl });
    expect(await resolveDatabaseRoles(env, services, true)).toEqual({ migrationUrl: services.databaseUrl, appUrl: services.databaseUrl, appRole: undefined });
  });

  test("MIGRATION_DATABASE_URL migrates and grants DATABASE_URL's role its rows", async () => {
    const migrationUrl = "postgres://kw_owner:anders@db.example:5432/kurze_wege";
    const env = parseEnv({ DATABASE_URL: services.databaseUrl, MIGRATION_DATABASE_URL: migrationUrl });
    expect(await resolveDatabaseRoles(env, services, true)).toEqual({ migrationUrl, appUrl: services.databaseUrl, appRole: "kw_app" });
    // The same role in both: nothing to grant.
    const same = parseEnv({ DATABASE_URL: services.databaseUrl, MIGRATION_DATABASE_URL: "postgres://kw_app:geheim@db.example:5432/kurze_wege?sslmode=require" });
    expect((await resolveDatabaseRoles(same, services, true)).appRole).toBeUndefined();
  });
});

describe("an external server with an owner role that is no superuser", () => {
  const serverUrl = process.env.MIGRATION_DATABASE_URL!;
  const suffix = randomBytes(4).toString("hex");
  const [name, ownerRole, appRole] = [`kw_ext_${suffix}`, `kw_ext_owner_${suffix}`, `kw_ext_app_${suffix}`];
  const password = randomBytes(12).toString("hex");

  afterAll(async () => {
    const admin = connect(serverUrl);
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`drop role if exists ${appRole}`);
    await admin.unsafe(`drop role if exists ${ownerRole}`);
    await admin.end();
  });

  test("MIGRATION_DATABASE_URL migrates as the database's owner and grants DATABASE_URL's role its rows", async () => {
    // What the administrator prepares: two plain login roles and a database the owner role owns.
    const admin = connect(serverUrl);
    await admin.unsafe(`create role ${ownerRole} login password '${password}'`);
    await admin.unsafe(`create role ${appRole} login password '${password}'`);
    await admin.unsafe(`create database ${name} owner ${ownerRole}`);
    await admin.end();
    const databaseUrl = withRole(withDatabase(serverUrl, name), appRole, password);
    const env = parseEnv({ DATABASE_URL: databaseUrl, MIGRATION_DATABASE_URL: withRole(withDatabase(serverUrl, name), ownerRole, password) });
    const roles = await resolveDatabaseRoles(env, { databaseUrl }, true);
    expect(roles.appRole).toBe(appRole);
    await migrateDatabase(roles.migrationUrl, { appRole: roles.appRole });

    const app = connect(roles.appUrl);
    try {
      const [partner] = await app<
        { id: string; similar: number }[]
      >`insert into partners (slug, name, kind) values ('extern', 'Extern e. V.', 'verein') returning id, similarity(name, 'Extern') as similar`;
      expect(partner!.similar).toBeGreaterThan(0);
      await app`select graphile_worker.add_job('external_probe', '{}'::json)`;
      expect(await app`select task_identifier from graphile_worker.jobs`).toEqual([{ task_identifier: "external_probe" }]);
      expect(await outcome(app`create table intruder (id int)`)).toBe(PERMISSION_DENIED);
      expect(await outcome(app`alter table partners add column intruder text`)).toBe(PERMISSION_DENIED);
    } finally {
      await app.end();
    }
  }, 60_000);
});

describe("the test databases", () => {
  test("connect the tests as an app role without schema rights, and migrate as the owner", async () => {
    const app = connect(process.env.DATABASE_URL!);
    const owner = connect(process.env.MIGRATION_DATABASE_URL!);
    try {
      const [appRow] = await app<{ user: string }[]>`select current_user as user`;
      const [ownerRow] = await owner<{ user: string; tableowner: string }[]>`select current_user as user, (select tableowner from pg_tables where tablename = 'partners') as tableowner`;
      expect(appRow!.user).not.toBe(ownerRow!.user);
      expect(ownerRow!.tableowner).toBe(ownerRow!.user);
      expect(await outcome(app`create table intruder (id int)`)).toBe(PERMISSION_DENIED);
      expect(await outcome(app`select count(*) from partners`)).toBe("ok");
    } finally {
      await app.end();
      await owner.end();
    }
  });
});
