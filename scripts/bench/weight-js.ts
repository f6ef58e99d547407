// The JavaScript of a page's first load, read from the browser build: the manifest Remix puts in
// public/build/ says which files a route needs, the build's metafile says what is inside each file.
// Used by `npm run bench:weight` and by the test that holds the budget (page-weight.test.ts).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

/** What a first load may fetch at most, gzip: the target of issue 12 for every page template. */
export const JS_BUDGET_BYTES = 90 * 1024;

/**
 * Packages that must never reach the browser: validation runs on the server (zod, Conform's zod
 * bridge) and Markdown is rendered there (react-markdown and the unified/remark/micromark family).
 */
export const SERVER_ONLY_PACKAGES = [
  "zod",
  "@conform-to/zod",
  "react-markdown",
  "remark-gfm",
  "remark-parse",
  "remark-rehype",
  "unified",
  "micromark",
  "mdast-util-from-markdown",
  "mdast-util-to-hast",
  "hast-util-to-jsx-runtime",
];

type ManifestRoute = { id: string; parentId?: string; module: string; imports?: string[] };
type Manifest = { entry: { module: string; imports: string[] }; routes: Record<string, ManifestRoute> };
type Metafile = { outputs: Record<string, { bytes: number; inputs: Record<string, unknown> }> };

export type RouteWeight = { id: string; files: string[]; rawBytes: number; gzipBytes: number };

/** The browser build's manifest (public/build/manifest-*.js, the newest when several are left). */
export function readManifest(root: string): Manifest {
  const dir = path.join(root, "public", "build");
  const [newest] = fs
    .readdirSync(dir)
    .filter((name) => /^manifest-[A-Z0-9]+\.js$/.test(name))
    .map((name) => ({ name, time: fs.statSync(path.join(dir, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  if (!newest) throw new Error("public/build/ holds no manifest: run npm run build first.");
  const source = fs.readFileSync(path.join(dir, newest.name), "utf8");
  return JSON.parse(source.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as Manifest;
}

/** The route ids whose module has a default export (a page), read from the server build; root is the frame of all of them, not a page. */
export async function pageTemplates(root: string): Promise<string[]> {
  const build = (await import(pathToFileURL(path.join(root, "build", "index.js")).href)) as { routes: Record<string, { module: { default?: unknown } }> };
  return Object.entries(build.routes)
    .filter(([id, route]) => id !== "root" && typeof route.module.default === "function")
    .map(([id]) => id)
    .sort();
}

/** Every file a first load of the route fetches: the entry, then root down to the route, each with its imports, each file once. */
export function firstLoadFiles(manifest: Manifest, routeId: string): string[] {
  const chain: ManifestRoute[] = [];
  for (let route = manifest.routes[routeId]; route; route = route.parentId ? manifest.routes[route.parentId] : undefined) chain.unshift(route);
  if (chain.length === 0) throw new Error(`The manifest has no route ${routeId}.`);
  const files = [manifest.entry.module, ...manifest.entry.imports, ...chain.flatMap((route) => [route.module, ...(route.imports ?? [])])];
  return [...new Set(files)];
}

/** Sizes of public files, raw and gzip (compression's level, as the server sends them), each computed once. */
export function fileSizer(root: string): (file: string) => { raw: number; gzip: number } {
  const sizes = new Map<string, { raw: number; gzip: number }>();
  return (file) => {
    let size = sizes.get(file);
    if (!size) {
      const bytes = fs.readFileSync(path.join(root, "public", file));
      size = { raw: bytes.length, gzip: gzipSync(bytes).length };
      sizes.set(file, size);
    }
    return size;
  };
}

/** The first-load JavaScript of each route. */
export function routeWeights(root: string, routeIds: string[]): RouteWeight[] {
  const manifest = readManifest(root);
  const size = fileSizer(root);
  return routeIds.map((id) => {
    const files = firstLoadFiles(manifest, id);
    return {
      id,
      files,
      rawBytes: files.reduce((sum, file) => sum + size(file).raw, 0),
      gzipBytes: files.reduce((sum, file) => sum + size(file).gzip, 0),
    };
  });
}

const packageOf = (input: string): string | null => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1] ?? null;

/** For each browser file that bundles a server-only package: the file and the packages found in it. */
export function serverOnlyCodeInBrowser(root: string): { file: string; packages: string[] }[] {
  const metafile = JSON.parse(fs.readFileSync(path.join(root, "build", "metafile.js.json"), "utf8")) as Metafile;
  const forbidden = new Set(SERVER_ONLY_PACKAGES);
  return Object.entries(metafile.outputs)
    .filter(([file]) => file.endsWith(".js"))
    .map(([file, output]) => ({ file, packages: [...new Set(Object.keys(output.inputs).map(packageOf))].filter((name): name is string => name !== null && forbidden.has(name)) }))
    .filter((found) => found.packages.length > 0);
}

/** The packages and app modules of a browser file, largest first (what to look at when a page is heavy). */
export function contentsOf(root: string, file: string): { name: string; bytes: number }[] {
  const metafile = JSON.parse(fs.readFileSync(path.join(root, "build", "metafile.js.json"), "utf8")) as Metafile & {
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
  };
  const output = metafile.outputs[path.posix.join("public", file)];
  if (!output) return [];
  const totals = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = packageOf(input) ?? input;
    totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
  }
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/** The largest files the routes load, with how many of them load each and the two largest parts of each. */
export function largestFiles(root: string, weights: RouteWeight[], count: number): { file: string; gzip: number; pages: number; parts: string[] }[] {
  const size = fileSizer(root);
  const pages = new Map<string, number>();
  for (const weight of weights) for (const file of weight.files) pages.set(file, (pages.get(file) ?? 0) + 1);
  return [...pages]
    .map(([file, routes]) => ({
      file,
      gzip: size(file).gzip,
      pages: routes,
      parts: contentsOf(root, file)
        .slice(0, 2)
        .map((part) => part.name),
    }))
    .sort((a, b) => b.gzip - a.gzip)
    .slice(0, count);
}

// React, React DOM and Remix's runtime: what any page of a Remix app loads, whatever the app does.
const FRAMEWORK_PACKAGES = new Set(["react", "react-dom", "scheduler", "@remix-run/react", "@remix-run/router", "@remix-run/server-runtime", "react-router", "react-router-dom", "turbo-stream"]);

/**
 * What every page loads before its route: the entry and root with their imports, and of that the
 * framework's part (files holding only React, React DOM and Remix, or esbuild's shared helpers).
 */
export function shellWeight(root: string): { gzipBytes: number; frameworkGzipBytes: number } {
  const manifest = readManifest(root);
  const size = fileSizer(root);
  const files = [...new Set([manifest.entry.module, ...manifest.entry.imports, manifest.routes.root!.module, ...(manifest.routes.root!.imports ?? [])])];
  const framework = files.filter((file) => contentsOf(root, file).every((part) => FRAMEWORK_PACKAGES.has(part.name)));
  const sum = (list: string[]) => list.reduce((total, file) => total + size(file).gzip, 0);
  return { gzipBytes: sum(files), frameworkGzipBytes: sum(framework) };
}

/** The packages bundled into any of these browser files. */
export function packagesIn(root: string, files: string[]): Set<string> {
  return new Set(files.flatMap((file) => contentsOf(root, file).map((part) => part.name)).filter((name) => !name.startsWith("app/") && !name.includes(":")));
}
