import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { Logger } from "@graphile/logger";
import { run as runWorker } from "graphile-worker";
import { db } from "#db/client";
import { services } from "#db/schema";
import { seedDirectory } from "#app/modules/demo/directory.server";
import { getAdminClient, indexUid } from "#search/client";
import { startEmbeddedMeili } from "#search/embedded";
import { applySearchSettings, reindexAll } from "#search/reindex";
import { createSearchSyncTask, retrySyncJobsIfSearchIsBack, SEARCH_SYNC_TASK } from "#search/sync";
import { freePort } from "#scripts/lib/process";
import { action as editAction, loader as editLoader } from "#app/routes/verzeichnis.angebote.$slug_.bearbeiten";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor } from "#test/factories";
import { getServiceForEdit } from "./directory-writes.server";
import { getServiceBySlug } from "./directory.server";

beforeAll(async () => {
  await seedDirectory(db);
}, 60_000);

async function formFor(slug: string, changes: Record<string, string | string[]>) {
  const editable = (await getServiceForEdit(slug))!;
  const fields: [string, string][] = [];
  for (const [key, value] of Object.entries({ ...editable.values, ...changes })) {
    for (const item of Array.isArray(value) ? value : [String(value)]) fields.push([key, item]);
  }
  return fields;
}

function postForm(url: string, fields: [string, string][], cookie: string) {
  const request = formRequest(url, {}, { cookie });
  return new Request(request.url, { method: "POST", headers: request.headers, body: new URLSearchParams(fields).toString() });
}

describe("editing a service", () => {
  test("a member who is not the partner's editor gets 403, a guest is sent to sign in", async () => {
    const member = await createTestUser();
    const cookie = await sessionCookieFor(member.id);
    const params = { slug: "orientierungskurs" };
    expect((await run((args) => editLoader({ ...args, params }), getRequest("/verzeichnis/angebote/orientierungskurs/bearbeiten", { cookie }))).status).toBe(403);
    const response = await run(
      (args) => editAction({ ...args, params }),
      postForm("/verzeichnis/angebote/orientierungskurs/bearbeiten", await formFor("orientierungskurs", { name: "Gekapert" }), cookie),
    );
    expect(response.status).toBe(403);
    const [row] = await db.select({ name: services.name }).from(services).where(eq(services.slug, "orientierungskurs"));
    expect(row?.name).toBe("Orientierungskurs");
    expect((await run((args) => editLoader({ ...args, params }), getRequest("/verzeichnis/angebote/orientierungskurs/bearbeiten"))).status).toBe(302);
  });

  test("bad input gets messages at the fields and changes nothing", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const cookie = await sessionCookieFor(coordinator.id);
    const params = { slug: "orientierungskurs" };
    const fields = (await formFor("orientierungskurs", { name: "x", languages: "deutsch!" })).filter(([key]) => key !== "categories");
    fields.push(["categories", "gibt-es-nicht"]);
    const response = await run((args) => editAction({ ...args, params }), postForm("/verzeichnis/angebote/orientierungskurs/bearbeiten", fields, cookie));
    expect(response.status).toBe(400);
    const { result } = (await response.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } };
    expect(result.error.name).toEqual(["directory.validation.nameShort"]);
    expect(result.error.languages).toEqual(["directory.validation.languageCodes"]);
    expect(result.initialValue.name).toBe("x");
    const [row] = await db.select({ name: services.name }).from(services).where(eq(services.slug, "orientierungskurs"));
    expect(row?.name).toBe("Orientierungskurs");
  });

  test("an unknown category is refused at its field", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const cookie = await sessionCookieFor(coordinator.id);
    const params = { slug: "orientierungskurs" };
    const fields = (await formFor("orientierungskurs", { name: "Orientierungskurs neu" })).filter(([key]) => key !== "categories");
    fields.push(["categories", "gibt-es-nicht"]);
    const response = await run((args) => editAction({ ...args, params }), postForm("/verzeichnis/angebote/orientierungskurs/bearbeiten", fields, cookie));
    expect(response.status).toBe(400);
    const { result } = (await response.json()) as { result: { error: Record<string, string[]> } };
    expect(result.error.categories).toEqual(["directory.validation.unknownChoice"]);
    const [row] = await db.select({ name: services.name }).from(services).where(eq(services.slug, "orientierungskurs"));
    expect(row?.name).toBe("Orientierungskurs");
  });
});

describe("the support chain", () => {
  test("a coordinator sets what follows a service; the page shows it both ways, and unknown ids are refused", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const cookie = await sessionCookieFor(coordinator.id);
    const params = { slug: "wohnfuehrerschein" };
    const [tafel] = await db.select({ id: services.id }).from(services).where(eq(services.slug, "tafel-lebensmittelausgabe"));
    const bad = (await formFor("wohnfuehrerschein", {})).filter(([key]) => key !== "nextSteps");
    bad.push(["nextSteps", "00000000-0000-4000-8000-000000000000"]);
    const refused = await run((args) => editAction({ ...args, params }), postForm("/verzeichnis/angebote/wohnfuehrerschein/bearbeiten", bad, cookie));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { result: { error: Record<string, string[]> } }).result.error.nextSteps).toEqual(["directory.validation.unknownChoice"]);

    const fields = (await formFor("wohnfuehrerschein", {})).filter(([key]) => key !== "nextSteps");
    fields.push(["nextSteps", tafel!.id]);
    expect((await run((args) => editAction({ ...args, params }), postForm("/verzeichnis/angebote/wohnfuehrerschein/bearbeiten", fields, cookie))).status).toBe(303);
    const page = (await getServiceBySlug("wohnfuehrerschein", "de"))!;
    expect(page.nextSteps.map((step) => step.slug)).toEqual(["tafel-lebensmittelausgabe"]);
    const after = (await getServiceBySlug("tafel-lebensmittelausgabe", "de"))!;
    expect(after.previousSteps.map((step) => step.slug)).toContain("wohnfuehrerschein");
  });
});

describe("sync that cannot lose a write", () => {
  test("an edit made while Meilisearch is down succeeds and is findable soon after it returns", async () => {
    // A Meilisearch of this test's own, so stopping it disturbs no other test file.
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "kw-meili-outage-"));
    const port = await freePort();
    const masterKey = "outage-test-master-key-0123456789";
    const saved = { url: process.env.MEILI_URL, key: process.env.MEILI_MASTER_KEY };
    process.env.MEILI_URL = `http://127.0.0.1:${port}`;
    process.env.MEILI_MASTER_KEY = masterKey;
    let meili = await startEmbeddedMeili({ dataDir, port, masterKey });
    const worker = await runWorker({
      connectionString: process.env.DATABASE_URL!,
      concurrency: 1,
      noHandleSignals: true,
      pollInterval: 200,
      logger: new Logger(() => () => {}),
      taskList: { [SEARCH_SYNC_TASK]: createSearchSyncTask(db) },
    });
    try {
      await applySearchSettings();
      await reindexAll(db);
      await meili.stop();

      const coordinator = await createTestUser({ role: "coordinator" });
      const cookie = await sessionCookieFor(coordinator.id);
      const params = { slug: "tafel-lebensmittelausgabe" };
      const fields = await formFor("tafel-lebensmittelausgabe", { name: "Tafel Lebensmittelausgabe Zwiebelmarkt" });
      const response = await run((args) => editAction({ ...args, params }), postForm("/verzeichnis/angebote/tafel-lebensmittelausgabe/bearbeiten", fields, cookie));
      expect(response.status).toBe(303);
      const [row] = await db.select({ name: services.name }).from(services).where(eq(services.slug, "tafel-lebensmittelausgabe"));
      expect(row?.name).toBe("Tafel Lebensmittelausgabe Zwiebelmarkt");

      // The worker tries, fails while Meilisearch is down, and keeps the job for a retry.
      await expect
        .poll(async () => (await db.execute<{ attempts: number }>(sql`select max(attempts)::int as attempts from graphile_worker.jobs where key like 'services:%'`))[0]?.attempts ?? 0, {
          timeout: 10_000,
        })
        .toBeGreaterThan(0);

      // While it is down, nothing is brought forward; once it is back, the waiting job is due at once
      // (the app's worker checks this every five seconds) instead of waiting out its backoff.
      expect(await retrySyncJobsIfSearchIsBack(db)).toBe(0);
      meili = await startEmbeddedMeili({ dataDir, port, masterKey });
      await expect
        .poll(
          async () => {
            await retrySyncJobsIfSearchIsBack(db);
            return (await getAdminClient().index(indexUid("services")).search("Zwiebelmarkt")).hits.length;
          },
          { timeout: 20_000, interval: 250 },
        )
        .toBeGreaterThan(0);
    } finally {
      await worker.stop();
      await meili.stop();
      process.env.MEILI_URL = saved.url;
      process.env.MEILI_MASTER_KEY = saved.key;
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
