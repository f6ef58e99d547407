import { existsSync } from "node:fs";
import { db } from "#db/client";
import { IMPORT_USAGE, parseImportArgs } from "#app/modules/directory/import/import-args";
import { runImport } from "#app/modules/directory/import/import.server";
import { runTask } from "./lib/task";

const args = parseImportArgs(process.argv.slice(2));
if ("help" in args) {
  console.info(IMPORT_USAGE);
  process.exit(0);
}
if ("error" in args) {
  console.error(`import: ${args.error}; ${IMPORT_USAGE}`);
  process.exit(1);
}
// Checked before the servers start, so a typo in the path costs no waiting.
if (!existsSync(args.file)) {
  console.error(`import: ${args.file}: no such file`);
  process.exit(1);
}
if (args.mapFile && !existsSync(args.mapFile)) {
  console.error(`import: ${args.mapFile}: no such file`);
  process.exit(1);
}

await runTask("import", async () => {
  await runImport(db, args.file, args, { info: (line) => console.info(line), error: (line) => console.error(line) });
});
