import fs from "node:fs/promises";
import path from "node:path";
import { db } from "#db/client";
import { services } from "#db/schema";
import { action as importAction, loader as importLoader } from "#app/routes/verzeichnis.import";
import { createTestUser, getRequest, run, sessionCookieFor } from "#test/factories";
import { languageCookie } from "#app/utils/i18n.server";
import { rowCounts } from "./import-test-support.server";

async function upload(file: string, fields: Record<string, string>, cookie: string) {
  return uploadContent(path.basename(file), await fs.readFile(file, "utf8"), fields, cookie);
}

function uploadContent(name: string, content: string, fields: Record<string, string>, cookie: string) {
  const form = new FormData();
  form.set("file", new File([content], name));
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return new Request("http://localhost:3000/verzeichnis/import", { method: "POST", headers: { Cookie: cookie }, body: form });
}

type Report = { report: { ok: boolean; lines: string[] } };

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
    const rowsBefore = await rowCounts();
    const broken = await run(importAction, await upload("test/fixtures/hsds-broken.json", {}, cookie));
    expect(broken.status).toBe(400);
    const { report } = (await broken.json()) as { report: { ok: boolean; lines: string[] } };
    expect(report.ok).toBe(false);
    expect(report.lines.some((line) => /^Datensatz \d+ .*: .+/.test(line))).toBe(true);
    expect(await rowCounts()).toEqual(rowsBefore);

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

  test("the report of a broken file speaks German at every record and field, and nothing is written", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const cookie = await sessionCookieFor(coordinator.id);
    const before = await rowCounts();
    const hsds = await run(importAction, await upload("test/fixtures/hsds-broken.json", {}, cookie));
    expect(hsds.status).toBe(400);
    const hsdsLines = ((await hsds.json()) as Report).report.lines;
    expect(hsdsLines).toEqual(
      expect.arrayContaining([
        "hsds-broken.json: 5 Datensätze (Open Referral HSDS 3.0), 2 fehlerfrei, 3 mit Fehlern",
        "Datensatz 2 (Angebot mit id „7b0c5a52-3d8e-4c61-9a55-0f4f1f3c8a02“): name: darf nicht leer sein",
        "Datensatz 2 (Angebot mit id „7b0c5a52-3d8e-4c61-9a55-0f4f1f3c8a02“): languages[0].code: „deutsch“ ist kein Sprachcode nach ISO 639-1 oder 639-3 (wie de, ar, prs)",
        expect.stringMatching(/^Datensatz 2 \(.*\): attributes\[0\]\.taxonomy_term\.code: unbekanntes Themenfeld „foo“ \(bekannt: sprache, arbeit, /),
        "Datensatz 3 (Angebot „Hausaufgabenhilfe Weidenfeld“): organization.name: Pflichtangabe fehlt",
        "Datensatz 3 (Angebot „Hausaufgabenhilfe Weidenfeld“): service_at_locations[0].location.schedules[0].opens_at: „25:00“ ist keine Uhrzeit (HH:MM)",
        "Datensatz 5 (Angebot „Elterncafé (Kopie)“): organization.email: „kein-mail-format“ ist keine E-Mail-Adresse",
        "Datensatz 5 (Angebot „Elterncafé (Kopie)“): id: dieselbe id wie Datensatz 1",
      ]),
    );
    expect(hsdsLines.at(-1)).toBe(
      "Nichts importiert: 3 von 5 Datensätzen enthalten Fehler (beheben Sie die Fehler, oder wählen Sie „Fehlerhafte Datensätze überspringen und die übrigen importieren“, um die 2 fehlerfreien Datensätze zu importieren)",
    );

    const csv = await run(importAction, await upload("test/fixtures/import-broken.csv", { dryRun: "1" }, cookie));
    expect(csv.status).toBe(400);
    const csvLines = ((await csv.json()) as Report).report.lines;
    expect(csvLines).toEqual(
      expect.arrayContaining([
        "Datensatz 3 (Zeile 4, Angebot „Nachhilfe Mathe“): cost: „Gratis“ ist keiner der Werte free, fee, unknown",
        "Datensatz 3 (Zeile 4, Angebot „Nachhilfe Mathe“): opening_hours[1]: unbekannter Tag „Dx“ (möglich: Mo, Di, Mi, Do, Fr, Sa, So) in „Dx 10:00-12:00“",
        "Datensatz 4 (Zeile 5, Angebot „Hausaufgabenhilfe“): postal_code: muss aus fünf Ziffern bestehen",
        "Datensatz 5 (Zeile 6, Angebot „Beratung für junge Zugewanderte (doppelt)“): partner_name: „JMD Auental“ weicht von „Jugendmigrationsdienst Auental“ in Datensatz 1 ab, bei demselben partner_key „jmd-auental“",
      ]),
    );
    expect(csvLines.at(-1)).toBe("Nur geprüft: 4 von 5 Datensätzen enthalten Fehler");
    // No English is left in the report.
    expect([...hsdsLines, ...csvLines].filter((line) => /\b(record|required|is not|expected|nothing imported)\b/.test(line))).toEqual([]);
    expect(await rowCounts()).toEqual(before);
  });

  test("in English the browser names the checkbox, where the command line names its option", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const cookie = `${await sessionCookieFor(coordinator.id)}; ${await englishCookie()}`;
    const response = await run(importAction, await upload("test/fixtures/hsds-broken.json", {}, cookie));
    const { lines } = ((await response.json()) as Report).report;
    expect(lines).toContain('record 5 (service "Elterncafé (Kopie)"): organization.email: "kein-mail-format" is not an e-mail address');
    expect(lines.at(-1)).toBe("nothing imported: 3 records of 5 have errors (fix them, or choose “Skip invalid records and import the others” to import the 2 valid records)");
  });

  test("a file that is no CSV template is refused as a whole, in German", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const response = await run(importAction, uploadContent("liste.csv", "name,farbe\nA,blau\n", {}, await sessionCookieFor(coordinator.id)));
    const { lines } = ((await response.json()) as Report).report;
    expect(lines[0]).toMatch(/^liste\.csv: Kopfzeile: unbekannte Spalte „name“ \(bekannt: partner_key, /);
    expect(lines).toContain("liste.csv: Kopfzeile: es fehlen die Spalten partner_key, partner_name, partner_kind, service_key, service_name, categories, target_groups, languages");
    expect(lines.at(-1)).toBe("Nichts importiert: liste.csv lässt sich nicht als CSV-Vorlage lesen");
  });
});

test("a file that is not UTF-8 is named without the server's folder", async () => {
  const coordinator = await createTestUser({ role: "coordinator" });
  const form = new FormData();
  // "Träger" as a spreadsheet saves it in Latin-1.
  form.set("file", new File([new Uint8Array([0x54, 0x72, 0xe4, 0x67, 0x65, 0x72, 0x0a])], "alt.csv"));
  const request = new Request("http://localhost:3000/verzeichnis/import", { method: "POST", headers: { Cookie: await sessionCookieFor(coordinator.id) }, body: form });
  const { lines } = ((await (await run(importAction, request)).json()) as Report).report;
  expect(lines).toEqual(["alt.csv: kein UTF-8-Text (speichern Sie die Tabelle als „CSV UTF-8“)"]);
});

async function englishCookie() {
  return (await languageCookie.serialize("en")).split(";")[0]!;
}
