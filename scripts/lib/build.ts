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

/** Runs the production build and records which sources it was made from. */
export function build(root = process.cwd()): void {
  const digest = sourceDigest(root);
  let cli: string;
  try {
    cli = createRequire(path.join(root, "package.json")).resolve("@remix-run/dev/dist/cli.js");
  } catch {
    throw new Error(
      "The build in build/ is missing or older than the sources, and the build tool (@remix-run/dev, a development dependency) is not installed. Run `npm run build` where it is, or `npm install`.",
    );
  }
  try {
    execFileSync(process.execPath, [cli, "build"], { cwd: root, stdio: "pipe", env: { ...process.env, NODE_ENV: "production" } });
  } catch (error) {
    throw new Error(`remix build failed:\n${String((error as { stderr?: Buffer }).stderr ?? error)}`);
  }
  fs.writeFileSync(path.join(root, STAMP), digest);
}

/** Builds only when the build is missing or made from other sources; says which it was. */
export function ensureBuild(log: (line: string) => void = () => {}, root = process.cwd()): void {
  if (isBuildCurrent(root)) return;
  log("Building the app (the build is missing or older than the sources) …");
  build(root);
}
