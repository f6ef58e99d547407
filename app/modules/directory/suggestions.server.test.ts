import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { changeSuggestions, partnerMembers, partners, services } from "#db/schema";
import { seedDirectory } from "#app/modules/demo/directory.server";
import { action as serviceAction } from "#app/routes/verzeichnis.angebote.$slug";
import { action as editAction, loader as editLoader } from "#app/routes/verzeichnis.angebote.$slug_.bearbeiten";
import { action as partnerAction, loader as partnerLoader } from "#app/routes/verzeichnis.partner.$slug";
import { action as partnerEditAction, loader as partnerEditLoader } from "#app/routes/verzeichnis.partner.$slug_.bearbeiten";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, withParams } from "#test/factories";

beforeAll(async () => {
  await seedDirectory(db);
}, 60_000);

describe("Änderung vorschlagen", () => {
  test("a member's suggestion reaches the edit page, and closing it works only for its own service", async () => {
    const member = await createTestUser();
    const memberCookie = await sessionCookieFor(member.id);
    const short = await run(
      withParams(serviceAction, { slug: "orientierungskurs" }),
      formRequest("/verzeichnis/angebote/orientierungskurs", { intent: "suggest", message: "kurz" }, { cookie: memberCookie }),
    );
    expect(short.status).toBe(400);
    const sent = await run(
      withParams(serviceAction, { slug: "orientierungskurs" }),
      formRequest("/verzeichnis/angebote/orientierungskurs", { intent: "suggest", message: "Der Kurs findet jetzt auch samstags statt." }, { cookie: memberCookie }),
    );
    expect(sent.status).toBe(200);

    const coordinator = await createTestUser({ role: "coordinator" });
    const cookie = await sessionCookieFor(coordinator.id);
    const page = await run(withParams(editLoader, { slug: "orientierungskurs" }), getRequest("/verzeichnis/angebote/orientierungskurs/bearbeiten", { cookie }));
    const { suggestions } = (await page.json()) as { suggestions: { id: string; message: string; author: string }[] };
    expect(suggestions.map((suggestion) => suggestion.message)).toEqual(["Der Kurs findet jetzt auch samstags statt."]);
    expect(suggestions[0]!.author).toBe(member.displayName);

    // Through another service's page the suggestion cannot be closed.
    await run(
      withParams(editAction, { slug: "tafel-lebensmittelausgabe" }),
      formRequest("/verzeichnis/angebote/tafel-lebensmittelausgabe/bearbeiten", { intent: "suggestion-done", suggestionId: suggestions[0]!.id }, { cookie }),
    );
    const [still] = await db.select({ status: changeSuggestions.status }).from(changeSuggestions).where(eq(changeSuggestions.id, suggestions[0]!.id));
    expect(still?.status).toBe("open");

    const closed = await run(
      withParams(editAction, { slug: "orientierungskurs" }),
      formRequest("/verzeichnis/angebote/orientierungskurs/bearbeiten", { intent: "suggestion-done", suggestionId: suggestions[0]!.id }, { cookie }),
    );
    expect(closed.status).toBe(303);
    const [done] = await db.select({ status: changeSuggestions.status, handledBy: changeSuggestions.handledBy }).from(changeSuggestions).where(eq(changeSuggestions.id, suggestions[0]!.id));
    expect(done).toEqual({ status: "done", handledBy: coordinator.id });
  });

  test("guests are sent to sign in, and an ended service takes no suggestions", async () => {
    const guest = await run(
      withParams(serviceAction, { slug: "orientierungskurs" }),
      formRequest("/verzeichnis/angebote/orientierungskurs", { intent: "suggest", message: "Ein Hinweis ohne Konto." }),
    );
    expect(guest.status).toBe(302);
    await db.update(services).set({ status: "archived" }).where(eq(services.slug, "jobs-lager-quereinsteiger"));
    const member = await createTestUser();
    const ended = await run(
      withParams(serviceAction, { slug: "jobs-lager-quereinsteiger" }),
      formRequest("/verzeichnis/angebote/jobs-lager-quereinsteiger", { intent: "suggest", message: "Gibt es das noch irgendwo?" }, { cookie: await sessionCookieFor(member.id) }),
    );
    expect(ended.status).toBe(404);
  });

  test("the database takes a suggestion about exactly one entry, a service or a partner", async () => {
    const [service] = await db.select({ id: services.id, partnerId: services.partnerId }).from(services).where(eq(services.slug, "orientierungskurs"));
    const member = await createTestUser();
    await expect(db.insert(changeSuggestions).values({ serviceId: service!.id, partnerId: service!.partnerId, authorId: member.id, message: "Beides zugleich." })).rejects.toThrow();
    await expect(db.insert(changeSuggestions).values({ authorId: member.id, message: "Gar nichts." })).rejects.toThrow();
  });
});

async function partnerId(slug: string) {
  const [partner] = await db.select({ id: partners.id }).from(partners).where(eq(partners.slug, slug));
  return partner!.id;
}

async function statusOf(id: string) {
  const [row] = await db.select({ status: changeSuggestions.status, handledBy: changeSuggestions.handledBy }).from(changeSuggestions).where(eq(changeSuggestions.id, id));
  return row;
}

/** A member who is an editor of the partner with this slug, with a session cookie. */
async function editorOf(slug: string) {
  const editor = await createTestUser();
  await db.insert(partnerMembers).values({ partnerId: await partnerId(slug), userId: editor.id, role: "editor" });
  return { editor, cookie: await sessionCookieFor(editor.id) };
}

const partnerUrl = (slug: string) => `/verzeichnis/partner/${slug}`;
const suggestForPartner = (slug: string, message: string, cookie?: string) => run(withParams(partnerAction, { slug }), formRequest(partnerUrl(slug), { intent: "suggest", message }, { cookie }));
const partnerEditPage = (slug: string, cookie: string) => run(withParams(partnerEditLoader, { slug }), getRequest(`${partnerUrl(slug)}/bearbeiten`, { cookie }));
const closeOnPartner = (slug: string, suggestionId: string, cookie: string, intent = "suggestion-done") =>
  run(withParams(partnerEditAction, { slug }), formRequest(`${partnerUrl(slug)}/bearbeiten`, { intent, suggestionId }, { cookie }));

describe("Änderung vorschlagen for a partner", () => {
  test("a member suggests a change on the partner page; its editor sees it and marks it done", async () => {
    const member = await createTestUser();
    const memberCookie = await sessionCookieFor(member.id);
    const message = "Die Beratung ist jetzt im zweiten Stock, Raum 204.";
    // Too short: 400, and the typed text comes back for the field.
    const short = await suggestForPartner("caritas-auental", "kurz", memberCookie);
    expect(short.status).toBe(400);
    const { result } = (await short.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    expect(result.error.message).toEqual(["directory.suggest.tooShort"]);
    expect(result.initialValue.message).toBe("kurz");

    const sent = await suggestForPartner("caritas-auental", message, memberCookie);
    expect(sent.status).toBe(200);
    expect(await sent.json()).toMatchObject({ sent: true });
    const [stored] = await db.select().from(changeSuggestions).where(eq(changeSuggestions.message, message));
    expect(stored).toMatchObject({ partnerId: await partnerId("caritas-auental"), serviceId: null, authorId: member.id, status: "open" });

    const { editor, cookie } = await editorOf("caritas-auental");
    const page = await partnerEditPage("caritas-auental", cookie);
    expect(page.status).toBe(200);
    const { suggestions } = (await page.json()) as { suggestions: { id: string; message: string; author: string }[] };
    expect(suggestions).toEqual([expect.objectContaining({ id: stored!.id, message, author: member.displayName })]);

    const declined = await closeOnPartner("caritas-auental", stored!.id, cookie, "suggestion-declined");
    expect(declined.status).toBe(303);
    expect(declined.headers.get("Location")).toBe("/verzeichnis/partner/caritas-auental/bearbeiten");
    expect(await statusOf(stored!.id)).toEqual({ status: "declined", handledBy: editor.id });
    const after = (await (await partnerEditPage("caritas-auental", cookie)).json()) as { suggestions: unknown[] };
    expect(after.suggestions).toEqual([]);
  });

  test("an editor of another partner can neither see nor close it; a coordinator can", async () => {
    const member = await createTestUser();
    const message = "Die Telefonnummer auf der Seite ist nicht mehr aktuell.";
    expect((await suggestForPartner("diakonie-auental", message, await sessionCookieFor(member.id))).status).toBe(200);
    const [stored] = await db.select({ id: changeSuggestions.id }).from(changeSuggestions).where(eq(changeSuggestions.message, message));

    const other = await editorOf("tsv-weidenfeld");
    expect((await partnerEditPage("diakonie-auental", other.cookie)).status).toBe(403);
    expect((await closeOnPartner("diakonie-auental", stored!.id, other.cookie)).status).toBe(403);
    // Through their own partner's page the foreign id changes nothing, and their page does not list it.
    expect((await closeOnPartner("tsv-weidenfeld", stored!.id, other.cookie)).status).toBe(303);
    expect(await statusOf(stored!.id)).toEqual({ status: "open", handledBy: null });
    const own = (await (await partnerEditPage("tsv-weidenfeld", other.cookie)).json()) as { suggestions: { id: string }[] };
    expect(own.suggestions.map((suggestion) => suggestion.id)).not.toContain(stored!.id);

    const coordinator = await createTestUser({ role: "coordinator" });
    const cookie = await sessionCookieFor(coordinator.id);
    const listed = (await (await partnerEditPage("diakonie-auental", cookie)).json()) as { suggestions: { id: string }[] };
    expect(listed.suggestions.map((suggestion) => suggestion.id)).toEqual([stored!.id]);
    expect((await closeOnPartner("diakonie-auental", stored!.id, cookie)).status).toBe(303);
    expect(await statusOf(stored!.id)).toEqual({ status: "done", handledBy: coordinator.id });
  });

  test("a service's suggestion cannot be closed through a partner page, nor a partner's through a service page", async () => {
    const member = await createTestUser();
    const memberCookie = await sessionCookieFor(member.id);
    const aboutPartner = "Die VHS hat eine neue Adresse für die Anmeldung.";
    const aboutService = "Der Integrationskurs beginnt jetzt auch im Mai.";
    await suggestForPartner("vhs-auental", aboutPartner, memberCookie);
    await run(
      withParams(serviceAction, { slug: "integrationskurs-allgemein" }),
      formRequest("/verzeichnis/angebote/integrationskurs-allgemein", { intent: "suggest", message: aboutService }, { cookie: memberCookie }),
    );
    const [partnerSuggestion] = await db.select({ id: changeSuggestions.id }).from(changeSuggestions).where(eq(changeSuggestions.message, aboutPartner));
    const [serviceSuggestion] = await db.select({ id: changeSuggestions.id }).from(changeSuggestions).where(eq(changeSuggestions.message, aboutService));

    // The same partner's editor: the service's suggestion belongs on the service's edit page only.
    const { cookie } = await editorOf("vhs-auental");
    const partnerPage = (await (await partnerEditPage("vhs-auental", cookie)).json()) as { suggestions: { id: string }[] };
    expect(partnerPage.suggestions.map((suggestion) => suggestion.id)).toEqual([partnerSuggestion!.id]);
    await closeOnPartner("vhs-auental", serviceSuggestion!.id, cookie);
    await run(
      withParams(editAction, { slug: "integrationskurs-allgemein" }),
      formRequest("/verzeichnis/angebote/integrationskurs-allgemein/bearbeiten", { intent: "suggestion-done", suggestionId: partnerSuggestion!.id }, { cookie }),
    );
    expect(await statusOf(serviceSuggestion!.id)).toEqual({ status: "open", handledBy: null });
    expect(await statusOf(partnerSuggestion!.id)).toEqual({ status: "open", handledBy: null });
    // A broken id is a bad request, not a save of the partner form.
    expect((await closeOnPartner("vhs-auental", "not-a-uuid", cookie)).status).toBe(400);
  });

  test("guests are sent to sign in; archived and missing partners take no suggestions", async () => {
    const guest = await suggestForPartner("sprachcafe-auenstadt", "Ein Hinweis ohne Konto, bitte prüfen.");
    expect(guest.status).toBe(302);
    expect(guest.headers.get("Location")).toMatch(/^\/anmelden/);
    expect(await db.select().from(changeSuggestions).where(eq(changeSuggestions.message, "Ein Hinweis ohne Konto, bitte prüfen."))).toEqual([]);
    // The page itself stays open to guests (it shows them the sign-in link).
    expect((await run(withParams(partnerLoader, { slug: "sprachcafe-auenstadt" }), getRequest("/verzeichnis/partner/sprachcafe-auenstadt"))).status).toBe(200);

    await db.update(partners).set({ status: "archived" }).where(eq(partners.slug, "landfrauen-erlenbach"));
    const member = await createTestUser();
    const archived = await suggestForPartner("landfrauen-erlenbach", "Gibt es den Verein noch irgendwo?", await sessionCookieFor(member.id));
    expect(archived.status).toBe(404);
    expect((await suggestForPartner("gibt-es-nicht", "Gibt es diesen Partner überhaupt?", await sessionCookieFor(member.id))).status).toBe(404);
  });
});
