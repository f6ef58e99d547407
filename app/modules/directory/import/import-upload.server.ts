import { db } from "../../../../db/client";
import { ImportFailed, runImport, type ImportOptions } from "./import.server";

/** Runs the command-line import on an uploaded file and collects its report, line by line. */
export async function importUpload(file: string, options: ImportOptions): Promise<{ ok: boolean; lines: string[] }> {
  const lines: string[] = [];
  const log = { info: (line: string) => lines.push(line), error: (line: string) => lines.push(line) };
  try {
    await runImport(db, file, options, log);
    return { ok: true, lines };
  } catch (error) {
    if (!(error instanceof ImportFailed)) throw error;
    lines.push(error.message);
    return { ok: false, lines };
  }
}
