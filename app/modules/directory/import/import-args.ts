import { parseArgs } from "node:util";

export const IMPORT_USAGE = "usage: npm run import -- <file.json|file.csv> [--skip-invalid] [--dry-run] [--adopt-terms] [--map mapping.csv] [--source NAME]";

export type ImportArgs = { file: string; skipInvalid: boolean; dryRun: boolean; adoptTerms?: boolean; mapFile?: string; source?: string } | { help: true } | { error: string };

/** The command line of `npm run import`; a mistake comes back as one sentence for the usage line. */
export function parseImportArgs(args: string[]): ImportArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        "skip-invalid": { type: "boolean" },
        "dry-run": { type: "boolean" },
        "adopt-terms": { type: "boolean" },
        map: { type: "string" },
        source: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const option = /'([^']+)'/.exec(message)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return { error: `unknown option ${option.split(" ")[0]}` };
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      const name = option.split(" ")[0] ?? "";
      return { error: /^--(map|source)\b/.test(name) ? `option ${name} needs a value` : `option ${name} takes no value` };
    }
    return { error: message.split("\n")[0]! };
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (positionals.length === 0) return { error: "no file given" };
  if (positionals.length > 1) return { error: `one file at a time (got ${positionals.length}: ${positionals.join(", ")})` };
  if (values.map !== undefined && !values.map.trim()) return { error: "option --map needs a file" };
  if (values.source !== undefined && !values.source.trim()) return { error: "option --source needs a name" };
  return {
    file: positionals[0]!,
    skipInvalid: values["skip-invalid"] ?? false,
    dryRun: values["dry-run"] ?? false,
    ...(values["adopt-terms"] ? { adoptTerms: true } : {}),
    ...(values.map ? { mapFile: values.map } : {}),
    ...(values.source ? { source: values.source.trim() } : {}),
  };
}
