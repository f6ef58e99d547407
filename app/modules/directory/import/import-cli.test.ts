import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { IMPORT_USAGE, parseImportArgs } from "./import-args";

const run = promisify(execFile);

/** Runs `npm run import`'s script as the shell would, returning its exit code and output. */
async function importCommand(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "scripts/import.ts", ...args], { cwd: process.cwd(), timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("the import command line", () => {
  test.each([
    [[], "no file given"],
    [["--frobnicate", "data.csv"], "unknown option --frobnicate"],
    [["--dry-run=yes", "data.csv"], "option --dry-run takes no value"],
    [["a.csv", "b.json"], "one file at a time (got 2: a.csv, b.json)"],
  ])("%j is refused with %s", (args, message) => {
    expect(parseImportArgs(args)).toEqual({ error: message });
  });

  test("a file and both options are understood in any order", () => {
    expect(parseImportArgs(["--dry-run", "data.csv", "--skip-invalid"])).toEqual({ file: "data.csv", skipInvalid: true, dryRun: true });
    expect(parseImportArgs(["data.json"])).toEqual({ file: "data.json", skipInvalid: false, dryRun: false });
  });

  test("--adopt-terms, --map and --source are understood; --map and --source need a value", () => {
    expect(parseImportArgs(["district.json", "--adopt-terms", "--map", "mapping.csv", "--source", "birkenfelde"])).toEqual({
      file: "district.json",
      skipInvalid: false,
      dryRun: false,
      adoptTerms: true,
      mapFile: "mapping.csv",
      source: "birkenfelde",
    });
    expect(parseImportArgs(["district.json", "--map"])).toEqual({ error: expect.stringMatching(/^option --map/) });
    expect(parseImportArgs(["district.json", "--source", " "])).toEqual({ error: "option --source needs a name" });
  });

  test("a wrong argument ends the command with one line of usage, before any server starts", async () => {
    const [unknown, none, missing] = await Promise.all([importCommand("--frobnicate", "data.csv"), importCommand(), importCommand("no-such-file.csv")]);
    expect(unknown).toEqual({ code: 1, stdout: "", stderr: `import: unknown option --frobnicate; ${IMPORT_USAGE}\n` });
    expect(none).toEqual({ code: 1, stdout: "", stderr: `import: no file given; ${IMPORT_USAGE}\n` });
    expect(missing).toEqual({ code: 1, stdout: "", stderr: "import: no-such-file.csv: no such file\n" });
  });
});
