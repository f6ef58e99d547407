import fs from "node:fs";
import path from "node:path";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import * as entry from "#app/entry.server";
import * as hsdsServices from "#app/routes/api.v1.hsds.services";
import * as topicsFeed from "#app/routes/open-mic.feed[.]xml";
import * as landscapeCsv from "#app/routes/verzeichnis.uebersicht[.]csv";
import { createTestUser, sessionCookieFor } from "#test/factories";
import { holdTableLock } from "#test/locks";
import { logsOf } from "#test/logs";
import { isResourceRouteHandler, resourceRoute } from "./database-busy.server";
import { recentDatabaseTimeouts } from "./lifecycle.server";

// A short lock timeout for this file, read when the pool first connects.
process.env.DB_LOCK_TIMEOUT_MS = "800";

// Resource routes that never wait for the database, so have no busy answer to give.
const WITHOUT_DATABASE: Record<string, string> = {
  "healthz.ts": "liveness checks nothing outside the process",
  "readyz.ts": "readiness reports the database itself; its probes catch their own errors",
  "i18n.$lang.$version.ts": "the strings come from the files of the build",
  "sprache.tsx": "the language choice is a cookie only",
};

/** The route modules of app/routes: flat files and the route.tsx of route folders. */
function routeFiles(): string[] {
  const dir = path.resolve("app/routes");
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return ["route.tsx", "route.ts"].map((name) => `${entry.name}/${name}`).filter((file) => fs.existsSync(path.join(dir, file)));
    return /\.tsx?$/.test(entry.name) && !/\.(test|spec)\.tsx?$/.test(entry.name) ? [entry.name] : [];
  });
}

// The real entry module and route modules under Remix's own request handler: how Remix answers a
// resource route (a route without a default export) is what is tested, not a loader called by hand.
const build = {
  mode: "production",
  entry: { module: entry },
  routes: {
    root: { id: "root", path: "", module: { default: () => null } },
    "routes/open-mic.feed[.]xml": { id: "routes/open-mic.feed[.]xml", parentId: "root", path: "open-mic/feed.xml", module: topicsFeed },
    "routes/verzeichnis.uebersicht[.]csv": { id: "routes/verzeichnis.uebersicht[.]csv", parentId: "root", path: "verzeichnis/uebersicht.csv", module: landscapeCsv },
    "routes/api.v1.hsds.services": { id: "routes/api.v1.hsds.services", parentId: "root", path: "api/v1/hsds/services", module: hsdsServices },
  },
  assets: { entry: { module: "", imports: [] }, routes: {}, url: "", version: "test" },
  publicPath: "/build/",
  assetsBuildDirectory: "public/build",
  future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: true },
  isSpaMode: false,
} as unknown as ServerBuild;
const handle = createRequestHandler(build, "production");

let address = 0;
function get(pathname: string, cookie?: string) {
  // Each request from its own address, so the read limits never answer first.
  address += 1;
  const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
  return handle(new Request(`http://localhost:3000${pathname}`, { headers }), { cspNonce: "test", clientAddress: `10.9.${address >> 8}.${address & 255}` });
}

/** Holds an access-exclusive lock on the tables the feed, the CSV and the API read, until released. */
const lockContentTables = () => holdTableLock(["topics", "services"]);

describe("resource routes when the database is busy", () => {
  test("every resource route that reads the database answers through resourceRoute", async () => {
    const resourceRoutes: string[] = [];
    for (const file of routeFiles()) {
      const module = (await import(path.resolve("app/routes", file))) as Record<string, unknown>;
      if (module.default !== undefined || module.ErrorBoundary !== undefined) continue;
      resourceRoutes.push(file);
      if (file in WITHOUT_DATABASE) continue;
      for (const name of ["loader", "action"]) if (module[name] !== undefined) expect({ file, name, guarded: isResourceRouteHandler(module[name]) }).toEqual({ file, name, guarded: true });
    }
    // The feeds, the CSV files and the API are among them (the list is found, not empty).
    expect(resourceRoutes).toEqual(expect.arrayContaining(["open-mic.feed[.]xml.ts", "verzeichnis.export[.]csv.ts", "api.v1.search.ts", "kalender[.]ics.ts"]));
    expect(Object.keys(WITHOUT_DATABASE).filter((file) => !resourceRoutes.includes(file))).toEqual([]);
  });

  test("a feed, a CSV export and the JSON API over locked tables answer 503 with Retry-After and no-store, and 200 after the lock", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const cookie = await sessionCookieFor(coordinator.id);
    const before = recentDatabaseTimeouts().count;
    const unlock = await lockContentTables();
    let lines: Record<string, unknown>[] = [];
    try {
      lines = await logsOf(async () => {
        const feed = await get("/open-mic/feed.xml");
        expect(feed.status).toBe(503);
        expect(feed.headers.get("Retry-After")).toMatch(/^\d+$/);
        expect(feed.headers.get("Cache-Control")).toBe("no-store");
        expect(await feed.text()).toMatch(/ausgelastet/);

        const csv = await get("/verzeichnis/uebersicht.csv", cookie);
        expect(csv.status).toBe(503);
        expect(csv.headers.get("Retry-After")).toMatch(/^\d+$/);
        expect(csv.headers.get("Cache-Control")).toBe("no-store");

        const api = await get("/api/v1/hsds/services");
        expect(api.status).toBe(503);
        expect(api.headers.get("Retry-After")).toMatch(/^\d+$/);
        expect(api.headers.get("Cache-Control")).toBe("no-store");
        expect(await api.json()).toEqual({ error: { message: expect.stringMatching(/busy/) } });
      });
    } finally {
      await unlock();
    }
    // Counted for readiness and logged once each, as a busy database, not as a failure.
    expect(recentDatabaseTimeouts().count - before).toBe(3);
    const busy = lines.filter((line) => line.component === "db");
    expect(busy.map((line) => line.path)).toEqual(["/open-mic/feed.xml", "/verzeichnis/uebersicht.csv", "/api/v1/hsds/services"]);
    expect(lines.filter((line) => line.level === "error")).toEqual([]);

    expect((await get("/open-mic/feed.xml")).status).toBe(200);
    expect((await get("/verzeichnis/uebersicht.csv", cookie)).status).toBe(200);
    expect((await get("/api/v1/hsds/services")).status).toBe(200);
  });

  test("any other error passes on unchanged", async () => {
    const failure = new Error("not a database matter");
    const loader = resourceRoute(async (_args: { request: Request }) => {
      throw failure;
    });
    await expect(loader({ request: new Request("http://localhost:3000/x") })).rejects.toBe(failure);
  });
});
