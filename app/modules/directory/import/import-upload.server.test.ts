import fs from "node:fs/promises";
import path from "node:path";
import { db } from "../../../../db/client";
import { services } from "../../../../db/schema";
import { action as importAction, loader as importLoader } from "~/routes/verzeichnis.import";
import { createTestUser, getRequest, run, sessionCookieFor } from "../../../../test/factories";

async function upload(file: string, fields: Record<string, string>, cookie: string) {
  const form = new FormData();
  form.set("file", new File([await fs.readFile(file)], path.basename(file)));
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return new Request("http://localhost:3000/verzeichnis/import", { method: "POST", headers: { Cookie: cookie }, body: form });
}

describe("import in the browser", () => {
  test("is for coordinators only", async () => {
    const member = await createTestUser();
    const cookie = await sessionCookieFor(member.id);
    expect((await run(importLoader, getRequest("/verzeichnis/import", { cookie }))).status).toBe(403);
    expect((await run(importAction, await upload("docs/import-example.csv", {}, cookie))).status).toBe(403);
  });

  test("a broken file is reported by record and field and changes nothing; a good one imports", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const cookie = await sessionCookieFor(coordinator.id);
    const before = (await db.select({ id: services.id }).from(services)).length;
    const broken = await run(importAction, await upload("test/fixtures/hsds-broken.json", {}, cookie));
    expect(broken.status).toBe(400);
    const { report } = (await broken.json()) as { report: { ok: boolean; lines: string[] } };
    expect(report.ok).toBe(false);
    expect(report.lines.some((line) => /^record \d+ .*: .+/.test(line))).toBe(true);
    expect((await db.select({ id: services.id }).from(services)).length).toBe(before);

    const good = await run(importAction, await upload("docs/import-example.csv", {}, cookie));
    expect(good.status).toBe(200);
    expect((await db.select({ id: services.id }).from(services)).length).toBeGreaterThan(before);
  });

  test("without a file, the message stands at the file field", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const form = new FormData();
    form.set("dryRun", "1");
    const request = new Request("http://localhost:3000/verzeichnis/import", { method: "POST", headers: { Cookie: await sessionCookieFor(coordinator.id) }, body: form });
    const response = await run(importAction, request);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ fileError: "directory.import.chooseFile", values: { dryRun: true } });
  });
});
