export const DEFAULT_LANGUAGE = "de";

/** One language file of app/locales/: its strings plus its name and writing direction. */
export type Messages = { _meta: { name: string; dir: "ltr" | "rtl" } } & Record<string, unknown>;
export type LanguageOption = { code: string; name: string };

/** What a translation may be given: values for its {{placeholders}}, `count` for its plural form, the text for a missing key. */
export type TOptions = { count?: number; defaultValue?: string; [name: string]: unknown };
export type TFunction = (key: string, options?: TOptions) => string;
/** The strings of one language, ready to use: `t("nav.directory")`, `t("x.items", { count: 3 })`. */
export type Translator = { language: string; t: TFunction };

// NOTE: our own small translator instead of i18next: it runs on every page in the browser, where
// i18next cost 14 kB gzip of the 90 kB a page may load (decision 071). It does what the strings use,
// the way i18next does it, so server and browser render the same text:
// - keys are paths through nested objects ("openMic.status.new");
// - with a numeric `count` the plural form comes first (key_one, key_other … by Intl.PluralRules;
//   key_zero first for 0), then the key itself;
// - {{name}} takes options.name (a path too: {{user.name}}), a number written the language's way; a placeholder whose option is missing
//   stays as written, one given as undefined or null becomes empty; values are not escaped (React does);
// - a missing key gives options.defaultValue, else the key.
const PLACEHOLDER = /\{\{(.+?)\}\}/g;

function valueAt(source: unknown, path: string): unknown {
  let node = source;
  for (const part of path.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function interpolate(text: string, options: TOptions | undefined, numbers: Intl.NumberFormat): string {
  if (!options || !text.includes("{{")) return text;
  return text.replace(PLACEHOLDER, (placeholder, inner: string) => {
    const name = inner.trim();
    const value = name in options ? options[name] : valueAt(options, name);
    if (value === undefined || value === null) return name in options ? "" : placeholder;
    return typeof value === "number" ? numbers.format(value) : String(value);
  });
}

/** A translator for one language over its strings; the language's plural rules come from Intl. */
export function createTranslator(language: string, messages: Messages): Translator {
  const plurals = new Intl.PluralRules(language);
  // Numbers in the language's own digits and decimal sign ("0,4 km", "٣ خدمات"); without grouping,
  // so years and numbers of topics read as written ("2026", "Anliegen 1042").
  const numbers = new Intl.NumberFormat(language, { useGrouping: false, maximumFractionDigits: 2 });
  const t: TFunction = (key, options) => {
    const count = options?.count;
    const keys = typeof count === "number" ? [...(count === 0 ? [`${key}_zero`] : []), `${key}_${plurals.select(count)}`, key] : [key];
    for (const candidate of keys) {
      const text = valueAt(messages, candidate);
      if (typeof text === "string") return interpolate(text, options, numbers);
    }
    return interpolate(options?.defaultValue ?? key, options, numbers);
  };
  return { language, t };
}
