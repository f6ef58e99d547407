import { db } from "#db/client";
import { getFixedT } from "#app/utils/i18n.server";
import { importTranslator } from "./import-messages";
import { ImportFailed, runImport, type ImportOptions } from "./import.server";

/**
 * Runs the command-line import on an uploaded file and collects its report, line by line, in the
 * page's language (the command line itself reports in English).
 */
export async function importUpload(file: string, options: ImportOptions, lang: string): Promise<{ ok: boolean; lines: string[] }> {
  const lines: string[] = [];
  const log = { info: (line: string) => lines.push(line), error: (line: string) => lines.push(line) };
  try {
    await runImport(db, file, options, log, { translate: importTranslator(getFixedT(lang)), skipHint: "upload" });
    return { ok: true, lines };
  } catch (error) {
    if (!(error instanceof ImportFailed)) throw error;
    lines.push(error.message);
    return { ok: false, lines };
  }
}
