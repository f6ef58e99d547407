import { asc, eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { taxonomyTerms, userOrganizations, users, userTopics } from "#db/schema";
import { seedDirectory } from "#app/modules/demo/directory.server";
import { getAdminClient, indexUid } from "#search/client";
import { peopleIndex } from "#search/indexes/people";
import { applySearchSettings } from "#search/reindex";
import { action as profileAction, loader as profileLoader } from "#app/routes/konto.profil";
import { loader as peopleLoader } from "#app/routes/personen._index";
import { deleteAccountAsAdmin } from "#app/modules/privacy/account-deletion.server";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor } from "#test/factories";
import { clearSyncJobs, createPerson, partnerId, profileForm, runSearchSync } from "./people-fixtures.server";
import { saveProfile } from "./profile.server";

beforeAll(async () => {
  await seedDirectory(db);
}, 60_000);

const syncJobKeys = async () => (await db.execute<{ key: string }>(sql`select key from graphile_worker._private_jobs where key like 'people:%' order by key`)).map((row) => row.key);

describe("saving a profile", () => {
  test("organisations and topics are replaced as a whole, and the people index is told in the same write", async () => {
    const jobcenter = await partnerId("jobcenter-auental");
    const vhs = await partnerId("vhs-auental");
    const person = await createPerson("Petra Profil", { organisations: [{ partnerId: jobcenter, function: "Fallmanagement U25", row: 0 }], topics: ["arbeit", "beratung"] });
    await clearSyncJobs();
    const saved = await saveProfile(
      person.id,
      profileForm({
        organisations: [{ partnerId: vhs, function: "Kursberatung", row: 0 }],
        topics: ["sprache"],
        languages: ["de", "ar"],
        phone: "06021 12-34",
        phoneVisibility: "nobody",
        emailVisibility: "members",
        about: "Hallo",
      }),
    );
    expect(saved).toEqual({ ok: true });
    expect(await db.select({ partnerId: userOrganizations.partnerId, function: userOrganizations.function }).from(userOrganizations).where(eq(userOrganizations.userId, person.id))).toEqual([
      { partnerId: vhs, function: "Kursberatung" },
    ]);
    const topics = await db
      .select({ slug: taxonomyTerms.slug })
      .from(userTopics)
      .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, userTopics.termId))
      .where(eq(userTopics.userId, person.id))
      .orderBy(asc(taxonomyTerms.slug));
    expect(topics).toEqual([{ slug: "sprache" }]);
    const [row] = await db.select().from(users).where(eq(users.id, person.id));
    expect(row).toMatchObject({ languages: ["de", "ar"], phone: "06021 12-34", phoneVisibility: "nobody", emailVisibility: "members", about: "Hallo" });
    expect(await syncJobKeys()).toEqual([`people:${person.id}`]);
  });

  test("a partner, topic or language that is not on offer is refused at its field, and nothing is written", async () => {
    const person = await createPerson("Rolf Refus", { about: "vorher" });
    await clearSyncJobs();
    const saved = await saveProfile(
      person.id,
      profileForm({ organisations: [{ partnerId: "00000000-0000-4000-8000-000000000000", function: "x", row: 2 }], topics: ["zielgruppe-gibt-es-nicht"], languages: ["xx"], about: "nachher" }),
    );
    expect(saved).toEqual({
      ok: false,
      errors: { "organisations[2].partnerId": ["people.validation.unknownChoice"], topics: ["people.validation.unknownChoice"], languages: ["people.validation.unknownChoice"] },
    });
    const [row] = await db.select({ about: users.about }).from(users).where(eq(users.id, person.id));
    expect(row!.about).toBe("vorher");
    expect(await syncJobKeys()).toEqual([]);
  });

  test("bad input on /konto/profil gets messages at the fields, keeps what was typed and changes nothing", async () => {
    const person = await createPerson("Berta Böse", { about: "unverändert" });
    const cookie = await sessionCookieFor(person.id);
    const vhs = await partnerId("vhs-auental");
    const response = await run(
      profileAction,
      formRequest(
        "/konto/profil",
        {
          intent: "profile",
          "organisations[0].partnerId": vhs,
          "organisations[0].function": "Kursberatung",
          "organisations[1].partnerId": vhs,
          "organisations[2].function": "Ohne Organisation",
          phone: "ruf mich an",
          about: "x".repeat(501),
          phoneVisibility: "members",
          emailVisibility: "alle",
        },
        { cookie },
      ),
    );
    expect(response.status).toBe(400);
    const { result } = (await response.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } };
    expect(result.error).toMatchObject({
      phone: ["people.validation.phone"],
      about: ["validation.tooLong"],
      emailVisibility: ["validation.required"],
      "organisations[1].partnerId": ["people.validation.duplicateOrganisation"],
      "organisations[2].partnerId": ["people.validation.chooseOrganisation"],
    });
    expect(result.initialValue).toMatchObject({ phone: "ruf mich an", organisations: [{ partnerId: vhs, function: "Kursberatung" }, { partnerId: vhs }, { function: "Ohne Organisation" }] });
    const [row] = await db.select({ about: users.about, phone: users.phone }).from(users).where(eq(users.id, person.id));
    expect(row).toEqual({ about: "unverändert", phone: null });
  });

  test("a good form on /konto/profil is saved, empty rows are left out, and the page shows it again", async () => {
    const person = await createPerson("Gerda Gut");
    const cookie = await sessionCookieFor(person.id);
    const jobcenter = await partnerId("jobcenter-auental");
    const response = await run(
      profileAction,
      formRequest(
        "/konto/profil",
        {
          intent: "profile",
          "organisations[0].partnerId": "",
          "organisations[0].function": "",
          "organisations[1].partnerId": jobcenter,
          "organisations[1].function": "Fallmanagement",
          "organisations[2].partnerId": "",
          languages: "ar",
          topics: "arbeit",
          phone: "+49 (6021) 555/12-3",
          phoneVisibility: "members",
          emailVisibility: "nobody",
          about: "Kurz",
        },
        { cookie },
      ),
    );
    expect(response.status).toBe(303);
    const page = (await (await run(profileLoader, getRequest("/konto/profil", { cookie }))).json()) as { profile: Record<string, unknown>; handle: string };
    expect(page.handle).toBe(person.handle);
    expect(page.profile).toMatchObject({ organisations: [{ partnerId: jobcenter, function: "Fallmanagement" }], languages: ["ar"], topics: ["arbeit"], phone: "+49 (6021) 555/12-3", about: "Kurz" });
  });
});

describe("the people index", () => {
  test("documents hold only what members may see, and none for deleted, blocked or unconfirmed accounts", async () => {
    const jobcenter = await partnerId("jobcenter-auental");
    const shown = await createPerson("Sina Sichtbar", {
      organisations: [{ partnerId: jobcenter, function: "Fallmanagement", row: 0 }],
      topics: ["arbeit"],
      languages: ["de", "ar"],
      phone: "06021 111-222",
      phoneVisibility: "members",
      emailVisibility: "nobody",
    });
    const hidden = await createPerson("Nina Niemand", { phone: "06021 333-444", phoneVisibility: "nobody", emailVisibility: "members" });
    const deleted = await createPerson("Dora Gelöscht");
    const blocked = await createPerson("Bert Gesperrt");
    const unconfirmed = await createPerson("Ute Unbestätigt");
    await db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, deleted.id));
    await db.update(users).set({ blockedAt: new Date() }).where(eq(users.id, blocked.id));
    await db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, unconfirmed.id));
    const documents = await peopleIndex.load(db, [shown.id, hidden.id, deleted.id, blocked.id, unconfirmed.id, "kein-uuid"]);
    expect(documents.map((document) => document.id).sort()).toEqual([shown.id, hidden.id].sort());
    const sina = documents.find((document) => document.id === shown.id)!;
    expect(sina).toMatchObject({ handle: shown.handle, partnerIds: [jobcenter], functions: ["Fallmanagement"], languages: ["de", "ar"], phone: "06021 111-222", email: null, visibility: "members" });
    expect(sina.organisationNames).toContain("Jobcenter Auental");
    expect(sina.topicLabels).toEqual(expect.arrayContaining(["Arbeit", "Work"]));
    const nina = documents.find((document) => document.id === hidden.id)!;
    expect(nina.phone).toBeNull();
    expect(nina.email).toBe(hidden.email);
    expect(JSON.stringify(documents)).not.toContain("06021 333-444");
    expect(JSON.stringify(documents)).not.toContain(shown.email);
    const listed = await peopleIndex.listSourceIds(db, null, 10_000);
    expect(listed).toEqual(expect.arrayContaining([shown.id, hidden.id]));
    expect(listed).not.toEqual(expect.arrayContaining([deleted.id]));
  });

  test("a change of visibility reaches Meilisearch through the sync", { timeout: 60_000 }, async () => {
    await applySearchSettings();
    const jobcenter = await partnerId("jobcenter-auental");
    const values = { organisations: [{ partnerId: jobcenter, function: "Fallmanagement", row: 0 }], languages: ["de", "ar"], phone: "06021 987-654" };
    const person = await createPerson("Vera Wechsel", { ...values, phoneVisibility: "members" });
    await runSearchSync();
    const index = getAdminClient().index(indexUid("people"));
    expect(await index.getDocument(person.id)).toMatchObject({ displayName: "Vera Wechsel", phone: "06021 987-654" });
    const found = await index.search("Wechsel", { filter: ['visibility = "members"', `partnerIds IN ["${jobcenter}"]`, 'languages IN ["ar"]'] });
    expect(found.hits.map((hit) => hit.id)).toContain(person.id);

    expect(await saveProfile(person.id, profileForm({ ...values, phoneVisibility: "nobody" }))).toEqual({ ok: true });
    await runSearchSync();
    expect((await index.getDocument(person.id)).phone).toBeNull();

    await db.update(users).set({ blockedAt: new Date(), updatedAt: new Date() }).where(eq(users.id, person.id));
    const { enqueueSearchSync } = await import("#search/sync");
    await enqueueSearchSync(db, "people", person.id);
    await runSearchSync();
    expect((await index.search("Wechsel")).hits.map((hit) => hit.id)).not.toContain(person.id);
  });

  test("a deleted account leaves the people index through the sync, and /personen at once", { timeout: 60_000 }, async () => {
    await applySearchSettings();
    const person = await createPerson("Lea Löschen", { languages: ["uk"] });
    await runSearchSync();
    const index = getAdminClient().index(indexUid("people"));
    expect((await index.search("Löschen")).hits.map((hit) => hit.id)).toContain(person.id);
    const admin = await createTestUser({ role: "admin" });
    const cookie = await sessionCookieFor(admin.id);
    const listed = async () => JSON.stringify(await (await run(peopleLoader, getRequest("/personen?q=L%C3%B6schen", { cookie }))).json());
    expect(await listed()).toContain("Lea Löschen");
    expect(await deleteAccountAsAdmin({ id: admin.id, role: "admin" }, person.id, "Auf eigenen Wunsch", false)).toEqual({ ok: true });
    // Before the index has learnt it: the page reads every hit again from PostgreSQL.
    expect(await listed()).not.toContain("Lea Löschen");
    await runSearchSync();
    expect((await index.search("Löschen")).hits.map((hit) => hit.id)).not.toContain(person.id);
  });
});
