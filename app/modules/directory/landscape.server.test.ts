import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { services } from "#db/schema";
import { seedDirectory } from "#app/modules/demo/directory.server";
import { loader as landscapeLoader } from "#app/routes/verzeichnis.uebersicht";
import { loader as landscapeCsvLoader } from "#app/routes/verzeichnis.uebersicht[.]csv";
import { createTestUser, getRequest, run, sessionCookieFor } from "#test/factories";
import { getLandscape, getLikelyDuplicates, getStaleEntries, isStale } from "./landscape.server";
import { toCsv } from "#app/utils/csv.server";

beforeAll(async () => {
  await seedDirectory(db);
}, 60_000);

describe("Angebotslandschaft", () => {
  test("counts active services per category and town, with gaps as zero", async () => {
    const landscape = await getLandscape("de");
    const language = landscape.rows.find((row) => row.slug === "sprache")!;
    const auenstadt = landscape.towns.indexOf("Auenstadt");
    expect(language.counts[auenstadt]).toBeGreaterThan(3);
    expect(landscape.rows.some((row) => row.counts.includes(0))).toBe(true);
    // An ended service leaves the count.
    const before = language.counts[auenstadt]!;
    await db.update(services).set({ status: "archived" }).where(eq(services.slug, "integrationskurs-allgemein"));
    const after = (await getLandscape("de")).rows.find((row) => row.slug === "sprache")!.counts[auenstadt];
    expect(after).toBe(before - 1);
    await db.update(services).set({ status: "active" }).where(eq(services.slug, "integrationskurs-allgemein"));
  });

  test("finds similar services of different partners in one town and category", async () => {
    const groups = await getLikelyDuplicates();
    const migration = groups.find((group) => group.services.some((service) => service.slug === "mbe-caritas"));
    expect(migration?.services.map((service) => service.slug)).toContain("mbe-diakonie");
  });

  test("lists entries unchecked for twelve months and marks them", async () => {
    await db
      .update(services)
      .set({ lastVerifiedAt: new Date(Date.now() - 400 * 24 * 3600 * 1000) })
      .where(eq(services.slug, "orientierungskurs"));
    await db.update(services).set({ lastVerifiedAt: new Date() }).where(eq(services.slug, "tafel-lebensmittelausgabe"));
    const stale = await getStaleEntries();
    expect(stale.services.map((service) => service.slug)).toContain("orientierungskurs");
    expect(stale.services.map((service) => service.slug)).not.toContain("tafel-lebensmittelausgabe");
    expect(isStale(null)).toBe(true);
    expect(isStale(new Date())).toBe(false);
  });

  test("is for coordinators only, page and CSV alike", async () => {
    const member = await createTestUser();
    const memberCookie = await sessionCookieFor(member.id);
    expect((await run(landscapeLoader, getRequest("/verzeichnis/uebersicht", { cookie: memberCookie }))).status).toBe(403);
    expect((await run(landscapeCsvLoader, getRequest("/verzeichnis/uebersicht.csv", { cookie: memberCookie }))).status).toBe(403);
    expect((await run(landscapeCsvLoader, getRequest("/verzeichnis/uebersicht.csv"))).status).toBe(302);
    const coordinator = await createTestUser({ role: "coordinator" });
    const response = await run(landscapeCsvLoader, getRequest("/verzeichnis/uebersicht.csv", { cookie: await sessionCookieFor(coordinator.id) }));
    expect(response.status).toBe(200);
    const csv = await response.text();
    expect(csv.split("\r\n")[0]).toContain('"Themenfeld";');
    expect(csv).toContain('"Sprache";');
    expect(csv).toContain('"Mögliche Doppelstrukturen"');
    expect(csv).toContain("/verzeichnis/angebote/mbe-caritas");
  });
});

describe("CSV", () => {
  test("neutralises cells that a spreadsheet would run as formulas", () => {
    expect(toCsv([["=HYPERLINK(1)", "a;b", 'say "hi"']])).toBe('\uFEFF"\'=HYPERLINK(1)";"a;b";"say ""hi"""\r\n');
  });
});
