import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { partners, services } from "#db/schema";
import { seedDirectory } from "#app/modules/demo/directory.server";
import { applySearchSettings, reindexAll } from "#search/reindex";
import { loader as apiLoader } from "#app/routes/api.v1.search";
import { loader as exportLoader } from "#app/routes/verzeichnis.export[.]csv";
import { loader as directoryLoader } from "#app/routes/verzeichnis._index";
import { loader as searchPageLoader } from "#app/routes/suche";
import { getRequest, run } from "#test/factories";

beforeAll(async () => {
  await seedDirectory(db);
  await db.update(services).set({ description: 'Lernen <script>alert("x")</script> & mehr im Sprachkurs' }).where(eq(services.slug, "sprachpatenschaften"));
  await applySearchSettings();
  await reindexAll(db);
}, 120_000);

type ApiHit = { type: string; id: string; title: string; url: string; snippet: string };

describe("/api/v1/search", () => {
  test("answers in the documented shape, a service hit titled with the service's name", async () => {
    const response = await run(apiLoader, getRequest("/api/v1/search?q=Integrationskurs&limit=3"));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { query: string; total: number; hits: ApiHit[]; facets: Record<string, unknown> };
    expect(body.query).toBe("Integrationskurs");
    expect(body.total).toBeGreaterThan(2);
    expect(body.hits).toHaveLength(3);
    expect(body.hits[0]).toMatchObject({ type: "service", title: "Integrationskurs (allgemein)", url: "/verzeichnis/angebote/integrationskurs-allgemein" });
  });

  test("type and limit are checked", async () => {
    expect((await run(apiLoader, getRequest("/api/v1/search?q=Kurs&limit=101"))).status).toBe(400);
    expect((await run(apiLoader, getRequest("/api/v1/search?q=Kurs&type=user"))).status).toBe(400);
    const partnersOnly = (await (await run(apiLoader, getRequest("/api/v1/search?q=Beratung&type=partner&limit=100"))).json()) as { hits: ApiHit[] };
    expect(partnersOnly.hits.length).toBeGreaterThan(0);
    expect(partnersOnly.hits.every((hit) => hit.type === "partner")).toBe(true);
  });

  test("snippets are escaped before matches are marked", async () => {
    const body = (await (await run(apiLoader, getRequest("/api/v1/search?q=Sprachpatenschaften&limit=5"))).json()) as { hits: ApiHit[] };
    const hit = body.hits.find((candidate) => candidate.url === "/verzeichnis/angebote/sprachpatenschaften")!;
    expect(hit.snippet).not.toContain("<script>");
    expect(hit.snippet).toContain("&lt;script&gt;");
  });
});

describe("the search page", () => {
  test("shows each kind in its own group, partners too when services are many", async () => {
    const response = await run(searchPageLoader, getRequest("/suche?q=Beratung"));
    const { outcome } = (await response.json()) as { outcome: { hits: ApiHit[]; totals: Record<string, number> } };
    expect(outcome.hits.filter((hit) => hit.type === "service").length).toBe(5);
    expect(outcome.hits.filter((hit) => hit.type === "partner").length).toBeGreaterThan(0);
    expect(outcome.totals.service).toBeGreaterThan(5);
  });
});

describe("a lagging index", () => {
  test("never shows what PostgreSQL no longer shows, in the directory, its CSV and the search box", async () => {
    // Archived in PostgreSQL only: no sync job runs in this test, so the index still has the partner.
    await db.update(partners).set({ status: "archived" }).where(eq(partners.slug, "auentaler-tafel"));
    const directory = (await (await run(directoryLoader, getRequest("/verzeichnis?q=Tafel"))).json()) as { result: { hits: { slug: string }[] } };
    expect(directory.result.hits.map((hit) => hit.slug)).not.toContain("tafel-lebensmittelausgabe");
    const csv = await (await run(exportLoader, getRequest("/verzeichnis/export.csv?q=Tafel"))).text();
    expect(csv).not.toContain("tafel-lebensmittelausgabe");
    expect(csv.split("\r\n")[0]).toContain('"Angebot";"Netzwerkpartner"');
    const api = (await (await run(apiLoader, getRequest("/api/v1/search?q=Tafel&limit=20"))).json()) as { hits: ApiHit[] };
    expect(api.hits.map((hit) => hit.url)).not.toContain("/verzeichnis/angebote/tafel-lebensmittelausgabe");
    expect(api.hits.map((hit) => hit.url)).not.toContain("/verzeichnis/partner/auentaler-tafel");
  });
});
