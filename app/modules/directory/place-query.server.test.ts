import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { locations, partners } from "#db/schema";
import { applySearchSettings, reindexAll } from "#search/reindex";
import { seedDirectory } from "#app/modules/demo/directory.server";
import { loader } from "#app/routes/verzeichnis._index";
import { getRequest, run } from "#test/factories";
import { parseDirectoryQuery } from "./directory-filters";
import { searchDirectory } from "./directory-search.server";
import { literalSearch } from "./place-notice";
import { directoryTowns, findPlace } from "./place-query.server";

beforeAll(async () => {
  await seedDirectory(db);
  // A town of the directory where nothing is offered yet: a partner's second address, no services.
  const [partner] = await db.select({ id: partners.id }).from(partners).where(eq(partners.slug, "sg-lindach"));
  await db.insert(locations).values({ partnerId: partner!.id, street: "Dorfstraße 1", postalCode: "63928", town: "Heideloh", latitude: 49.72, longitude: 9.35 });
  await applySearchSettings();
  await reindexAll(db);
}, 120_000);

async function search(params: Record<string, string>, options: { literal?: boolean } = {}) {
  const result = await searchDirectory(parseDirectoryQuery(new URLSearchParams(params)), null, "de", options);
  if (result.status !== "ok") throw new Error("search unavailable");
  return result;
}

const ascending = (values: (number | null)[]) => values.every((value, position) => value !== null && (position === 0 || value >= values[position - 1]!));

describe("places in directory queries", () => {
  test("“Kita in Lindach” searches Kita in Lindach only", async () => {
    const result = await search({ q: "Kita in Lindach" });
    expect(result.place).toEqual({ label: "Lindach", mode: "narrowed" });
    expect(result.hits.length).toBeGreaterThan(0);
    expect(result.hits.every((hit) => hit.town === "Lindach")).toBe(true);
    expect(result.hits.map((hit) => hit.partnerName).join(" ")).toContain("Arche Noah");
    // The place may stand first, without umlauts, with other words for "in".
    for (const q of ["Lindach: Kita", "kita bei lindach", "Sprachtreff in Muehlheim am Bach", "курсы в Lindach"]) {
      const other = await search({ q });
      expect(other.place?.mode, q).toBeDefined();
    }
    expect((await search({ q: "Sprachtreff in Muehlheim am Bach" })).place).toEqual({ label: "Mühlheim am Bach", mode: "narrowed" });
  });

  test("a query that is only a town shows that town's services", async () => {
    const result = await search({ q: "Erlenbach" });
    expect(result.place).toEqual({ label: "Erlenbach", mode: "narrowed" });
    expect(result.hits.length).toBeGreaterThan(1);
    expect(result.hits.every((hit) => hit.town === "Erlenbach")).toBe(true);
  });

  test("a postal code ranks the matches by distance from it", async () => {
    const result = await search({ q: "Kita 63910" });
    expect(result.place).toEqual({ label: "63910", mode: "ranked" });
    expect(result.hits.length).toBeGreaterThan(2);
    expect(result.hits[0]!.town).toBe("Weidenfeld");
    expect(ascending(result.hits.map((hit) => hit.distanceKm))).toBe(true);
  });

  test("a place with no services ranks the text matches by distance from it", async () => {
    // Heideloh is a town of the directory, but nothing is offered there.
    const town = await search({ q: "Kita in Heideloh" });
    expect(town.place).toEqual({ label: "Heideloh", mode: "ranked" });
    expect(town.hits.length).toBeGreaterThan(2);
    expect(ascending(town.hits.map((hit) => hit.distanceKm))).toBe(true);
    // 10115 is no address of the directory: its coordinates come from the shipped tables (Berlin).
    const far = await search({ q: "Kita near 10115" });
    expect(far.place).toEqual({ label: "10115", mode: "ranked" });
    expect(far.hits[0]!.distanceKm).toBeGreaterThan(300);
    expect(ascending(far.hits.map((hit) => hit.distanceKm))).toBe(true);
  });

  test("a sort the person chose is kept: the place is then searched as a word", async () => {
    const result = await search({ q: "Kita 63910", sortierung: "name" });
    expect(result.place).toBeNull();
    expect(result.hits.every((hit) => hit.distanceKm === null)).toBe(true);
  });

  test("unknown words are not taken for places", async () => {
    const towns = await directoryTowns();
    expect(towns).toContain("Lindach");
    for (const q of ["Beratung in Englisch", "Kita in Atlantis", "Kurs 123456", "Lindacher Tafel", "Kinder"]) expect(findPlace(q, towns), q).toBeNull();
    const result = await search({ q: "Sprachkurs in Atlantis" });
    expect(result.place).toBeNull();
  });

  test("the words without the place are what the engine matches; the suggestion keeps the place", () => {
    const towns = ["Lindach", "Mühlheim am Bach"];
    expect(findPlace("Deutschkurs in der Nähe von Mühlheim am Bach", towns)).toMatchObject({ place: "Mühlheim am Bach", kind: "town", rest: "Deutschkurs" });
    expect(findPlace("63915 Lindach Sprachtreff", towns)).toMatchObject({ place: "Lindach", kind: "town", rest: "Sprachtreff", typed: { before: "63915 Lindach ", after: "" } });
    expect(findPlace("Beratung bei 63915", towns)).toMatchObject({ place: "63915", kind: "postalCode", rest: "Beratung", typed: { before: "", after: " bei 63915" } });
    expect(findPlace("دورة لغة في Lindach", towns)).toMatchObject({ place: "Lindach", rest: "دورة لغة" });
  });

  test("the page says what the place did and links to the plain words", async () => {
    const page = await run(loader, getRequest(`/verzeichnis?${new URLSearchParams({ q: "Kita in Lindach", seite: "1" })}`));
    const { result } = (await page.json()) as { result: { place: unknown } };
    expect(result.place).toEqual({ label: "Lindach", mode: "narrowed" });
    const link = literalSearch(`?${new URLSearchParams({ q: "Kita in Lindach", seite: "2" })}`);
    expect(link).toBe("?q=Kita+in+Lindach&woertlich=1");
    const literal = await run(loader, getRequest(`/verzeichnis${link}`));
    const words = (await literal.json()) as { result: { place: unknown; hits: { town: string | null }[] } };
    expect(words.result.place).toBeNull();
    expect((await search({ q: "Kita in Lindach" }, { literal: true })).place).toBeNull();
  });
});
