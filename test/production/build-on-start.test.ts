import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild } from "#scripts/lib/build";

// ensureBuild is what `npm start` calls before anything else: these are its rules, on folders made
// up for each case. The whole production install is tried in production-install.test.ts.
const ROOT = path.resolve(import.meta.dirname, "../..");
let root: string;
let saved: { START_NODE_ENV?: string; NODE_ENV?: string };

function writeBuild() {
  fs.mkdirSync(path.join(root, "build"), { recursive: true });
  fs.writeFileSync(path.join(root, "build", "index.js"), "export {};\n");
}

/** A checkout whose build tool resolves (the project's own node_modules), as after `npm ci`. */
function withBuildTool() {
  fs.writeFileSync(path.join(root, "package.json"), "{}\n");
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(root, "node_modules"));
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "kurze-wege-build-"));
  fs.mkdirSync(path.join(root, "app"));
  fs.writeFileSync(path.join(root, "app", "root.tsx"), "export default function App() {}\n");
  saved = { START_NODE_ENV: process.env.START_NODE_ENV, NODE_ENV: process.env.NODE_ENV };
  delete process.env.START_NODE_ENV;
});

afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  fs.rmSync(root, { recursive: true, force: true });
});

describe("ensureBuild on start", () => {
  test("without the build tool and without a build, it stops: run npm run build first", () => {
    expect(() => ensureBuild(() => {}, root)).toThrow(/run npm run build first/);
  });

  test("without the build tool, a build older than the sources is served as it is, with a note", () => {
    writeBuild();
    const lines: string[] = [];
    expect(() => ensureBuild((line) => lines.push(line), root)).not.toThrow();
    expect(lines.join("\n")).toMatch(/other sources.*npm run build/);
    expect(lines.join("\n")).not.toContain("Building");
  });

  test("with the build tool but NODE_ENV=production given to npm start, a stale build is served and nothing is built", () => {
    withBuildTool();
    writeBuild();
    process.env.START_NODE_ENV = "production";
    const lines: string[] = [];
    expect(() => ensureBuild((line) => lines.push(line), root)).not.toThrow();
    expect(lines.join("\n")).not.toContain("Building");
  });

  test("with the build tool but NODE_ENV=production and no build, it stops instead of building", () => {
    withBuildTool();
    process.env.NODE_ENV = "production";
    const lines: string[] = [];
    expect(() => ensureBuild((line) => lines.push(line), root)).toThrow(/run npm run build first/);
    expect(lines).toEqual([]);
  });

  test("in a developer checkout (the build tool, NODE_ENV not production) a stale build is rebuilt", () => {
    withBuildTool();
    writeBuild();
    process.env.START_NODE_ENV = "";
    const lines: string[] = [];
    // The made-up folder is no Remix app: the build is tried, and fails.
    expect(() => ensureBuild((line) => lines.push(line), root)).toThrow(/remix build failed/);
    expect(lines.join("\n")).toContain("Building the app");
  }, 60_000);
});
