import path from "node:path";
import { JS_BUDGET_BYTES, packagesIn, readManifest, routeWeights, serverOnlyCodeInBrowser, shellWeight } from "#scripts/bench/weight-js";
import { ensureBuild } from "#scripts/lib/build";

// The browser build as production serves it (built first when missing or older than the sources),
// read from its manifest and metafile: what a first load of each page fetches, gzip. Sizes are
// behaviour here: they are what a visitor on a slow line waits for. `npm run bench:weight` prints them.
const ROOT = path.resolve(import.meta.dirname, "../..");
// The target is 90 kB for every page, but React, React DOM and Remix alone are 84 kB of it:
// pages with forms of their own land between 90 and 108 kB (decision 071). The ten languages' menu,
// the first visit's offer and focus kept after in-page changes added about 1.5 kB to every page
// (decision 078), so the heaviest form page, a new Open Mic topic with its language field, is at
// 110 kB. This keeps them there.
const PAGE_LIMIT_BYTES = 112 * 1024;
// Pages that show content and at most buttons: no form library, no validation, no Markdown parser.
const READING_PAGES = ["routes/_index", "routes/open-mic._index", "routes/kalender._index", "routes/kalender.termine.$id", "routes/verzeichnis._index", "routes/suche"];

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

beforeAll(() => ensureBuild(() => {}, ROOT), 300_000);

describe("JavaScript a page loads", () => {
  test("no browser file holds zod, Conform's zod bridge or the Markdown renderer", () => {
    expect(serverOnlyCodeInBrowser(ROOT)).toEqual([]);
  });

  test("what every page loads before its route (entry, root, translator) fits the 90 kB budget", () => {
    expect(shellWeight(ROOT).gzipBytes).toBeLessThanOrEqual(JS_BUDGET_BYTES);
  });

  test(`no page's first load passes ${kB(PAGE_LIMIT_BYTES)} gzip`, () => {
    const over = routeWeights(
      ROOT,
      Object.keys(readManifest(ROOT).routes).filter((id) => id !== "root"),
    )
      .filter((route) => route.gzipBytes > PAGE_LIMIT_BYTES)
      .map((route) => `${route.id}: ${kB(route.gzipBytes)}`);
    expect(over).toEqual([]);
  });

  test("pages that only show content load no form library", () => {
    for (const route of routeWeights(ROOT, READING_PAGES)) {
      expect(
        [...packagesIn(ROOT, route.files)].filter((name) => name.startsWith("@conform-to/")),
        route.id,
      ).toEqual([]);
    }
  });
});
