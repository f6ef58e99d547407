import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// What the server and browser builds are made from: the app, the data layer it bundles, and the
// configuration and locked dependencies of the build. Tests are never part of a build.
const SOURCE_DIRS = ["app", "db", "search", "public"];
const SOURCE_FILES = ["remix.config.js", "tsconfig.json", "package-lock.json"];
const STAMP = path.join("build", ".sources");
const isSource = (file: string) => !/\.(test|spec)\.tsx?$/.test(file) && !file.startsWith(path.join("public", "build"));

function listSources(root: string): string[] {
  const files = SOURCE_DIRS.flatMap((dir) =>
    fs.existsSync(path.join(root, dir))
      ? fs
          .readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
      : [],
  );
  return [...files.filter(isSource), ...SOURCE_FILES.filter((file) => fs.existsSync(path.join(root, file)))].sort();
}

/** A digest of every source of the build, names and contents: equal digests mean an equal build. */
export function sourceDigest(root = process.cwd()): string {
  const hash = createHash("sha256");
  for (const file of listSources(root))
    hash
      .update(file)
      .update("\0")
      .update(fs.readFileSync(path.join(root, file)))
      .update("\0");
  return hash.digest("hex");
}

/** True when build/ was made from exactly the sources there are now. */
export function isBuildCurrent(root = process.cwd()): boolean {
  const stamp = path.join(root, STAMP);
  return fs.existsSync(path.join(root, "build", "index.js")) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === sourceDigest(root);
}

/** The build tool's command line, or null where it is not installed (a production install: `npm ci --omit=dev`). */
function buildTool(root: string): string | null {
  try {
    return createRequire(path.join(root, "package.json")).resolve("@remix-run/dev/dist/cli.js");
  } catch {
    return null;
  }
}

/** Runs the production build and records which sources it was made from. */
export function build(root = process.cwd()): void {
  const digest = sourceDigest(root);
  const cli = buildTool(root);
  if (!cli) throw new Error("The build tool (@remix-run/dev, a development dependency) is not installed here: run `npm ci` (with the development dependencies), then `npm run build`.");
  try {
    execFileSync(process.execPath, [cli, "build"], { cwd: root, stdio: "pipe", env: { ...process.env, NODE_ENV: "production" } });
  } catch (error) {
    throw new Error(`remix build failed:\n${String((error as { stderr?: Buffer }).stderr ?? error)}`);
  }
  fs.writeFileSync(path.join(root, STAMP), digest);
}

/**
 * The NODE_ENV the operator asked for. `npm start` sets NODE_ENV=production for the server itself and
 * passes on what it was given as START_NODE_ENV, so a developer's `npm start` still rebuilds.
 */
function requestedNodeEnv(): string | undefined {
  return process.env.START_NODE_ENV ?? process.env.NODE_ENV;
}

/**
 * Makes sure there is a build to serve. A developer checkout (the build tool installed, NODE_ENV not
 * production) builds when the build is missing or older than the sources. A production install (no
 * build tool, or NODE_ENV=production) never builds: it serves build/ as it is, and without one it
 * throws, telling to run `npm run build` first.
 */
export function ensureBuild(log: (line: string) => void = () => {}, root = process.cwd()): void {
  const production = requestedNodeEnv() === "production" || buildTool(root) === null;
  if (!production) {
    if (isBuildCurrent(root)) return;
    log("Building the app (the build is missing or older than the sources) …");
    build(root);
    return;
  }
  if (!fs.existsSync(path.join(root, "build", "index.js")))
    throw new Error("There is no build in build/: run npm run build first (in a checkout with the development dependencies, before `npm ci --omit=dev`).");
  // Where the sources are shipped too, say when the build was made from others (an update without `npm run build`).
  if (fs.existsSync(path.join(root, "app")) && !isBuildCurrent(root)) log("Note: build/ was made from other sources than the ones here; after an update run `npm run build`.");
}
