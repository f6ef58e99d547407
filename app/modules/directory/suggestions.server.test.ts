import { eq } from "drizzle-orm";
import { db } from "../../../db/client";
import { changeSuggestions, services } from "../../../db/schema";
import { seedDirectory } from "../../../db/seed/directory";
import { action as serviceAction } from "~/routes/verzeichnis.angebote.$slug";
import { action as editAction, loader as editLoader } from "~/routes/verzeichnis.angebote.$slug_.bearbeiten";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, withParams } from "../../../test/factories";

beforeAll(async () => {
  await seedDirectory(db);
}, 60_000);


describe("Änderung vorschlagen", () => {
  test("a member's suggestion reaches the edit page, and closing it works only for its own service", async () => {
    const member = await createTestUser();
    const memberCookie = await sessionCookieFor(member.id);
    const short = await run(withParams(serviceAction, { slug: "orientierungskurs" }), formRequest("/verzeichnis/angebote/orientierungskurs", { intent: "suggest", message: "kurz" }, { cookie: memberCookie }));
    expect(short.status).toBe(400);
    const sent = await run(withParams(serviceAction, { slug: "orientierungskurs" }), formRequest("/verzeichnis/angebote/orientierungskurs", { intent: "suggest", message: "Der Kurs findet jetzt auch samstags statt." }, { cookie: memberCookie }));
    expect(sent.status).toBe(200);

    const coordinator = await createTestUser({ role: "coordinator" });
    const cookie = await sessionCookieFor(coordinator.id);
    const page = await run(withParams(editLoader, { slug: "orientierungskurs" }), getRequest("/verzeichnis/angebote/orientierungskurs/bearbeiten", { cookie }));
    const { suggestions } = (await page.json()) as { suggestions: { id: string; message: string; author: string }[] };
    expect(suggestions.map((suggestion) => suggestion.message)).toEqual(["Der Kurs findet jetzt auch samstags statt."]);
    expect(suggestions[0]!.author).toBe(member.displayName);

    // Through another service's page the suggestion cannot be closed.
    await run(withParams(editAction, { slug: "tafel-lebensmittelausgabe" }), formRequest("/verzeichnis/angebote/tafel-lebensmittelausgabe/bearbeiten", { intent: "suggestion-done", suggestionId: suggestions[0]!.id }, { cookie }));
    const [still] = await db.select({ status: changeSuggestions.status }).from(changeSuggestions).where(eq(changeSuggestions.id, suggestions[0]!.id));
    expect(still?.status).toBe("open");

    const closed = await run(withParams(editAction, { slug: "orientierungskurs" }), formRequest("/verzeichnis/angebote/orientierungskurs/bearbeiten", { intent: "suggestion-done", suggestionId: suggestions[0]!.id }, { cookie }));
    expect(closed.status).toBe(303);
    const [done] = await db.select({ status: changeSuggestions.status, handledBy: changeSuggestions.handledBy }).from(changeSuggestions).where(eq(changeSuggestions.id, suggestions[0]!.id));
    expect(done).toEqual({ status: "done", handledBy: coordinator.id });
  });

  test("guests are sent to sign in, and an ended service takes no suggestions", async () => {
    const guest = await run(withParams(serviceAction, { slug: "orientierungskurs" }), formRequest("/verzeichnis/angebote/orientierungskurs", { intent: "suggest", message: "Ein Hinweis ohne Konto." }));
    expect(guest.status).toBe(302);
    await db.update(services).set({ status: "archived" }).where(eq(services.slug, "jobs-lager-quereinsteiger"));
    const member = await createTestUser();
    const ended = await run(withParams(serviceAction, { slug: "jobs-lager-quereinsteiger" }), formRequest("/verzeichnis/angebote/jobs-lager-quereinsteiger", { intent: "suggest", message: "Gibt es das noch irgendwo?" }, { cookie: await sessionCookieFor(member.id) }));
    expect(ended.status).toBe(404);
  });
});
