import { db } from "#db/client";
import { getFixedT } from "#app/utils/i18n.server";
import { collectDuplicateLinks, type DuplicateMergeLink } from "../merge/merge.server";
import { importTranslator } from "./import-messages";
import { ImportFailed, runImport, type ImportOptions } from "./import.server";

/**
 * Runs the command-line import on an uploaded file and collects its report, line by line, in the
 * page's language (the command line itself reports in English), with a merge link for each likely
 * duplicate the import created.
 */
export async function importUpload(file: string, options: ImportOptions, lang: string): Promise<{ ok: boolean; lines: string[]; duplicates: DuplicateMergeLink[] }> {
  const lines: string[] = [];
  const log = { info: (line: string) => lines.push(line), error: (line: string) => lines.push(line) };
  const duplicates = collectDuplicateLinks(importTranslator(getFixedT(lang)));
  try {
    await runImport(db, file, options, log, { translate: duplicates.translate, skipHint: "upload" });
    return { ok: true, lines, duplicates: options.dryRun ? [] : await duplicates.links(db) };
  } catch (error) {
    if (!(error instanceof ImportFailed)) throw error;
    lines.push(error.message);
    return { ok: false, lines, duplicates: [] };
  }
}
