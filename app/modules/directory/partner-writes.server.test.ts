import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { partnerMembers, partners } from "#db/schema";
import { seedDirectory } from "#app/modules/demo/directory.server";
import { action as editServiceAction } from "#app/routes/verzeichnis.angebote.$slug_.bearbeiten";
import { action as editAction, loader as editLoader } from "#app/routes/verzeichnis.partner.$slug_.bearbeiten";
import { action as newAction } from "#app/routes/verzeichnis.partner.neu";
import { getPartnerBySlug } from "./directory.server";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, withParams } from "#test/factories";

beforeAll(async () => {
  await seedDirectory(db);
}, 60_000);

const profile = {
  name: "Nachbarschaftsverein Birkenhof",
  kind: "verein",
  description: "Treffpunkt für alle im Quartier Birkenhof, mit Sprachcafé und Hausaufgabenhilfe.",
  website: "https://birkenhof.example",
  email: "info@birkenhof.example",
  phone: "+49 6999 123",
};

describe("partners", () => {
  test("a coordinator creates a partner; bad input keeps the values and writes nothing", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const cookie = await sessionCookieFor(coordinator.id);
    const bad = await run(newAction, formRequest("/verzeichnis/partner/neu", { ...profile, website: "birkenhof", kind: "zirkus" }, { cookie }));
    expect(bad.status).toBe(400);
    const { result } = (await bad.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    expect(result.error.website).toEqual(["directory.validation.website"]);
    expect(result.error.kind).toBeDefined();
    expect(result.initialValue.name).toBe(profile.name);
    expect(await db.select().from(partners).where(eq(partners.name, profile.name))).toEqual([]);

    const created = await run(newAction, formRequest("/verzeichnis/partner/neu", profile, { cookie }));
    expect(created.status).toBe(303);
    expect(created.headers.get("Location")).toBe("/verzeichnis/partner/nachbarschaftsverein-birkenhof/bearbeiten");
    expect((await getPartnerBySlug("nachbarschaftsverein-birkenhof"))?.name).toBe(profile.name);
  });

  test("members cannot create partners or edit one they are not an editor of", async () => {
    const member = await createTestUser();
    const cookie = await sessionCookieFor(member.id);
    expect((await run(newAction, formRequest("/verzeichnis/partner/neu", { ...profile, name: "Fremdverein" }, { cookie }))).status).toBe(403);
    expect((await run(withParams(editLoader, { slug: "vhs-auental" }), getRequest("/verzeichnis/partner/vhs-auental/bearbeiten", { cookie }))).status).toBe(403);
    expect((await run(withParams(editAction, { slug: "vhs-auental" }), formRequest("/verzeichnis/partner/vhs-auental/bearbeiten", { ...profile, name: "Gekapert" }, { cookie }))).status).toBe(403);
    expect((await getPartnerBySlug("vhs-auental"))?.name).toBe("Volkshochschule Auental");
  });

  test("an editor assigned by a coordinator edits the partner and its services, but cannot assign editors or archive", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const editor = await createTestUser();
    const coordinatorCookie = await sessionCookieFor(coordinator.id);
    const unknown = await run(
      withParams(editAction, { slug: "tsv-weidenfeld" }),
      formRequest("/verzeichnis/partner/tsv-weidenfeld/bearbeiten", { intent: "add-editor", editorEmail: "niemand@test.example" }, { cookie: coordinatorCookie }),
    );
    expect(unknown.status).toBe(400);
    const added = await run(
      withParams(editAction, { slug: "tsv-weidenfeld" }),
      formRequest("/verzeichnis/partner/tsv-weidenfeld/bearbeiten", { intent: "add-editor", editorEmail: editor.email }, { cookie: coordinatorCookie }),
    );
    expect(added.status).toBe(303);

    const cookie = await sessionCookieFor(editor.id);
    const saved = await run(
      withParams(editAction, { slug: "tsv-weidenfeld" }),
      formRequest("/verzeichnis/partner/tsv-weidenfeld/bearbeiten", { ...profile, name: "TSV Weidenfeld 1899 e. V." }, { cookie }),
    );
    expect(saved.status).toBe(303);
    expect((await getPartnerBySlug("tsv-weidenfeld"))?.name).toBe("TSV Weidenfeld 1899 e. V.");
    // Another partner's service stays out of reach.
    expect((await run(withParams(editServiceAction, { slug: "orientierungskurs" }), formRequest("/verzeichnis/angebote/orientierungskurs/bearbeiten", { name: "Gekapert" }, { cookie }))).status).toBe(
      403,
    );
    expect(
      (
        await run(
          withParams(editAction, { slug: "tsv-weidenfeld" }),
          formRequest("/verzeichnis/partner/tsv-weidenfeld/bearbeiten", { intent: "add-editor", editorEmail: coordinator.email }, { cookie }),
        )
      ).status,
    ).toBe(403);
    expect((await run(withParams(editAction, { slug: "tsv-weidenfeld" }), formRequest("/verzeichnis/partner/tsv-weidenfeld/bearbeiten", { intent: "archive" }, { cookie }))).status).toBe(403);

    const [partner] = await db.select({ id: partners.id }).from(partners).where(eq(partners.slug, "tsv-weidenfeld"));
    const removed = await run(
      withParams(editAction, { slug: "tsv-weidenfeld" }),
      formRequest("/verzeichnis/partner/tsv-weidenfeld/bearbeiten", { intent: "remove-editor", userId: editor.id }, { cookie: coordinatorCookie }),
    );
    expect(removed.status).toBe(303);
    expect(await db.select().from(partnerMembers).where(eq(partnerMembers.partnerId, partner!.id))).toEqual([]);
    expect((await run(withParams(editLoader, { slug: "tsv-weidenfeld" }), getRequest("/verzeichnis/partner/tsv-weidenfeld/bearbeiten", { cookie }))).status).toBe(403);
  });

  test("an archived partner disappears from the directory, and a restored one returns", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const cookie = await sessionCookieFor(coordinator.id);
    await run(withParams(editAction, { slug: "landfrauen-erlenbach" }), formRequest("/verzeichnis/partner/landfrauen-erlenbach/bearbeiten", { intent: "archive" }, { cookie }));
    expect(await getPartnerBySlug("landfrauen-erlenbach")).toBeNull();
    await run(withParams(editAction, { slug: "landfrauen-erlenbach" }), formRequest("/verzeichnis/partner/landfrauen-erlenbach/bearbeiten", { intent: "restore" }, { cookie }));
    expect(await getPartnerBySlug("landfrauen-erlenbach")).not.toBeNull();
  });
});

describe("new services", () => {
  test("an editor adds a service to their partner at one of its locations; it gets a free slug", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const cookie = await sessionCookieFor(coordinator.id);
    const { loader: newLoader, action: newServiceAction } = await import("#app/routes/verzeichnis.partner.$slug_.angebote.neu");
    const page = await run(withParams(newLoader, { slug: "sg-lindach" }), getRequest("/verzeichnis/partner/sg-lindach/angebote/neu", { cookie }));
    const { choices } = (await page.json()) as { choices: { locations: { id: string }[] } };
    const fields: [string, string][] = [
      ["name", "Orientierungskurs"],
      ["description", "Ein Abend im Vereinsheim: wie Vereine in Deutschland funktionieren."],
      ["categories", "freizeit-sport"],
      ["targetGroups", "alle"],
      ["languages", "de, ar"],
      ["cost", "free"],
      ["accessModes", "walk_in"],
      ["locationIds", choices.locations[0]!.id],
      ["status", "active"],
    ];
    const request = formRequest("/verzeichnis/partner/sg-lindach/angebote/neu", {}, { cookie });
    const created = await run(
      withParams(newServiceAction, { slug: "sg-lindach" }),
      new Request(request.url, { method: "POST", headers: request.headers, body: new URLSearchParams(fields).toString() }),
    );
    expect(created.status).toBe(303);
    // "orientierungskurs" belongs to the VHS already.
    expect(created.headers.get("Location")).toBe("/verzeichnis/angebote/orientierungskurs-2");
  });
});
