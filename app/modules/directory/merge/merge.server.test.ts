import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { adminLog, changeSuggestions, locations, partnerAliases, partnerMembers, partners, services, userOrganizations, verificationReminders } from "#db/schema";
import { loader as partnerLoader } from "#app/routes/verzeichnis.partner.$slug";
import { createTestUser, getRequest, run, withParams } from "#test/factories";
import { collectLog, queuedSyncKeys, writeTempFile } from "../import/import-test-support.server";
import { runImport } from "../import/import.server";
import { mergePartner } from "./merge.server";

const tag = () => randomBytes(3).toString("hex");
const HEADER =
  "partner_key,partner_name,partner_short_name,partner_kind,partner_description,partner_website,partner_email,partner_phone,service_key,service_name,description,categories,target_groups,languages,street,postal_code,town";

/** A CSV file with one partner, its service and its place, as a district's system might send a duplicate. */
async function duplicateFile(key: string) {
  const row = [
    `dup-${key}`,
    `Caritasverband Auental ${key}`,
    "",
    "beratungsstelle",
    "Beratung für Zugewanderte",
    `https://caritas-${key}.example`,
    `andere-${key}@caritas.example`,
    "06093 999",
    `dup-service-${key}`,
    `Migrationsberatung ${key}`,
    "Beratung zu Aufenthalt und Arbeit.",
    "beratung",
    "gefluechtete",
    "de",
    "Kirchgasse 2",
    "63901",
    "Auenstadt",
  ];
  return writeTempFile(`dup-${key}.csv`, `${HEADER}\n${row.join(",")}\n`);
}

async function partnerRow(id: string) {
  return (await db.select().from(partners).where(eq(partners.id, id)))[0];
}

/** The existing partner, an import that created its duplicate, and people and rows attached to both. */
async function scenario() {
  const key = tag();
  const [survivor] = await db
    .insert(partners)
    .values({ slug: `caritas-${key}`, name: `Caritas Auental ${key}`, kind: "beratungsstelle", email: `info-${key}@caritas.example`, phone: "06093 111" })
    .returning();
  const file = await duplicateFile(key);
  const log = collectLog();
  await runImport(db, file, { skipInvalid: false, dryRun: false }, log);
  const [absorbed] = await db
    .select()
    .from(partners)
    .where(eq(partners.externalId, `dup-${key}`));
  const [service] = await db
    .select()
    .from(services)
    .where(eq(services.externalId, `dup-service-${key}`));
  const both = await createTestUser({ displayName: "Auf beiden" });
  const onlyAbsorbed = await createTestUser({ displayName: "Nur Duplikat" });
  const coordinator = await createTestUser({ role: "coordinator" });
  await db.insert(partnerMembers).values([
    { partnerId: survivor!.id, userId: both.id },
    { partnerId: absorbed!.id, userId: both.id },
    { partnerId: absorbed!.id, userId: onlyAbsorbed.id },
  ]);
  await db.insert(userOrganizations).values([
    { partnerId: survivor!.id, userId: both.id, function: "" },
    { partnerId: absorbed!.id, userId: both.id, function: "Migrationsberatung" },
    { partnerId: absorbed!.id, userId: onlyAbsorbed.id, function: "Leitung" },
  ]);
  await db.insert(changeSuggestions).values({ partnerId: absorbed!.id, message: "Telefonnummer stimmt nicht" });
  await db.insert(verificationReminders).values({ partnerId: absorbed!.id, email: "x@test.example" });
  return { key, file, survivor: survivor!, absorbed: absorbed!, service: service!, both, onlyAbsorbed, coordinator };
}

describe("merging a duplicate partner", () => {
  test("everything moves to the survivor, links to both are kept once, and the survivor's fields are only filled", async () => {
    const s = await scenario();
    await db.execute(sql`delete from graphile_worker._private_jobs`);
    const merged = await mergePartner(db, { from: s.absorbed.id, into: s.survivor.id, by: s.coordinator.id });
    expect(merged).toEqual({
      ok: true,
      into: { id: s.survivor.id, slug: s.survivor.slug, name: s.survivor.name },
      moved: { services: 1, locations: 1, editors: 2, people: 2 },
    });

    expect(await partnerRow(s.absorbed.id)).toBeUndefined();
    expect((await db.select().from(services).where(eq(services.id, s.service.id)))[0]!.partnerId).toBe(s.survivor.id);
    expect(await db.select({ street: locations.street }).from(locations).where(eq(locations.partnerId, s.survivor.id))).toEqual([{ street: "Kirchgasse 2" }]);
    const editors = await db.select({ userId: partnerMembers.userId }).from(partnerMembers).where(eq(partnerMembers.partnerId, s.survivor.id));
    expect(editors.map((row) => row.userId).sort()).toEqual([s.both.id, s.onlyAbsorbed.id].sort());
    const people = await db.select({ userId: userOrganizations.userId, function: userOrganizations.function }).from(userOrganizations).where(eq(userOrganizations.partnerId, s.survivor.id));
    expect(people.sort((a, b) => a.function.localeCompare(b.function))).toEqual([
      { userId: s.onlyAbsorbed.id, function: "Leitung" },
      { userId: s.both.id, function: "Migrationsberatung" },
    ]);
    expect(await db.$count(changeSuggestions, eq(changeSuggestions.partnerId, s.survivor.id))).toBe(1);
    expect(await db.$count(verificationReminders, eq(verificationReminders.partnerId, s.survivor.id))).toBe(1);

    const survivor = await partnerRow(s.survivor.id);
    // Kept: its name, e-mail and phone. Filled: what it lacked.
    expect(survivor).toMatchObject({
      name: s.survivor.name,
      email: s.survivor.email,
      phone: "06093 111",
      website: `https://caritas-${s.key}.example`,
      description: "Beratung für Zugewanderte",
    });

    expect(
      await db
        .select({ partnerId: partnerAliases.partnerId, externalId: partnerAliases.externalId, slug: partnerAliases.slug })
        .from(partnerAliases)
        .where(eq(partnerAliases.partnerId, s.survivor.id)),
    ).toEqual([{ partnerId: s.survivor.id, externalId: `dup-${s.key}`, slug: s.absorbed.slug }]);
    const [logged] = await db
      .select()
      .from(adminLog)
      .where(and(eq(adminLog.action, "partner_merged"), eq(adminLog.actorId, s.coordinator.id)));
    expect(logged).toMatchObject({ before: { partner: s.absorbed.name, slug: s.absorbed.slug }, after: { partner: s.survivor.name, services: "1", editors: "2", people: "2" } });

    const keys = await queuedSyncKeys();
    for (const key of [`partners:${s.survivor.id}`, `partners:${s.absorbed.id}`, `services:${s.service.id}`, `people:${s.both.id}`, `people:${s.onlyAbsorbed.id}`]) expect(keys).toContain(key);
  });

  test("a re-import of the same file updates the survivor and never creates the absorbed partner again", async () => {
    const s = await scenario();
    await mergePartner(db, { from: s.absorbed.id, into: s.survivor.id, by: s.coordinator.id });
    const before = await db.$count(partners);
    const log = collectLog();
    const summary = await runImport(db, s.file, { skipInvalid: false, dryRun: false }, log);
    expect(summary.partners).toEqual({ created: 0, updated: 1 });
    // The merged record is the survivor now, not a likely duplicate of it.
    expect(log.errors.filter((line) => line.includes(s.survivor.name))).toEqual([]);
    expect(await db.$count(partners)).toBe(before);
    expect(await db.$count(partners, eq(partners.externalId, `dup-${s.key}`))).toBe(0);
    expect((await db.select().from(services).where(eq(services.id, s.service.id)))[0]!.partnerId).toBe(s.survivor.id);
    expect(await partnerRow(s.survivor.id)).toMatchObject({ name: s.survivor.name, email: s.survivor.email, phone: "06093 111" });
  });

  test("the absorbed partner's old address leads to the survivor with a permanent redirect", async () => {
    const s = await scenario();
    await mergePartner(db, { from: s.absorbed.id, into: s.survivor.id, by: s.coordinator.id });
    const response = await run(withParams(partnerLoader, { slug: s.absorbed.slug }), getRequest(`/verzeichnis/partner/${s.absorbed.slug}`));
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toBe(`/verzeichnis/partner/${s.survivor.slug}`);
    expect((await run(withParams(partnerLoader, { slug: `nie-da-${s.key}` }), getRequest(`/verzeichnis/partner/nie-da-${s.key}`))).status).toBe(404);
  });

  test("merging on carries earlier aliases along", async () => {
    const s = await scenario();
    await mergePartner(db, { from: s.absorbed.id, into: s.survivor.id, by: null });
    const [last] = await db
      .insert(partners)
      .values({ slug: `dritter-${s.key}`, name: `Dritter ${s.key}`, kind: "verein" })
      .returning();
    expect(await mergePartner(db, { from: s.survivor.id, into: last!.id, by: null })).toMatchObject({ ok: true });
    const aliases = await db.select({ slug: partnerAliases.slug }).from(partnerAliases).where(eq(partnerAliases.partnerId, last!.id));
    expect(aliases.map((row) => row.slug).sort()).toEqual([s.absorbed.slug, s.survivor.slug].sort());
    const response = await run(withParams(partnerLoader, { slug: s.absorbed.slug }), getRequest(`/verzeichnis/partner/${s.absorbed.slug}`));
    expect(response.headers.get("Location")).toBe(`/verzeichnis/partner/${last!.slug}`);
  });

  test("a partner is never merged into itself, into an archived one or into one that is gone; nothing changes", async () => {
    const s = await scenario();
    expect(await mergePartner(db, { from: s.survivor.id, into: s.survivor.id, by: null })).toEqual({ ok: false, error: "same" });
    await db.update(partners).set({ status: "archived" }).where(eq(partners.id, s.survivor.id));
    expect(await mergePartner(db, { from: s.absorbed.id, into: s.survivor.id, by: null })).toEqual({ ok: false, error: "archived" });
    expect(await mergePartner(db, { from: s.absorbed.id, into: "00000000-0000-4000-8000-000000000000", by: null })).toEqual({ ok: false, error: "notFound" });
    expect(await partnerRow(s.absorbed.id)).toBeDefined();
    expect((await db.select().from(services).where(eq(services.id, s.service.id)))[0]!.partnerId).toBe(s.absorbed.id);
  });
});
