import { db } from "#db/client";
import { seedDirectory } from "#app/modules/demo/directory.server";
import { applySearchSettings, reindexAll } from "#search/reindex";
import { FACET_PREVIEW, parseDirectoryQuery } from "./directory-filters";
import { searchDirectory } from "./directory-search.server";

beforeAll(async () => {
  await seedDirectory(db);
  await applySearchSettings();
  await reindexAll(db);
}, 120_000);

async function facetsFor(params: Record<string, string | string[]>) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const item of [value].flat()) search.append(key, item);
  const result = await searchDirectory(parseDirectoryQuery(search), null, "de");
  if (result.status !== "ok") throw new Error("search unavailable");
  return result;
}

describe("long facets", () => {
  test("show their most frequent values and say how many more there are", async () => {
    const whole = await facetsFor({ mehr: "sprache" });
    expect(whole.facets.sprache.length).toBeGreaterThan(FACET_PREVIEW);
    expect(whole.moreFacetValues.sprache).toBeUndefined();
    const short = await facetsFor({});
    expect(short.facets.sprache.map((facet) => facet.value)).toEqual(whole.facets.sprache.slice(0, FACET_PREVIEW).map((facet) => facet.value));
    expect(short.moreFacetValues.sprache).toBe(whole.facets.sprache.length - FACET_PREVIEW);
  });

  test("a selected value beyond the first ones stays visible", async () => {
    const whole = await facetsFor({ mehr: "sprache" });
    const rare = whole.facets.sprache.at(-1)!;
    const short = await facetsFor({ sprache: rare.value });
    expect(short.facets.sprache.find((facet) => facet.value === rare.value)?.selected).toBe(true);
  });
});
