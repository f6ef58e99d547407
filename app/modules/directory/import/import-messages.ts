import type { TFunction } from "#app/utils/i18n";

// The import report speaks the reader's language: every message is an i18n key under
// `directoryExtra.import` (app/locales/<lang>/directory-extra.json) with its values, turned into text
// only when it is shown. The browser shows the page language; the command line uses English.

type MessageValue = string | number | ImportMessage;

/** One message of the import report: a key under `directoryExtra.import` (or a whole key of its own locale file) and the values it names. */
export type ImportMessage = { key: string; values?: Record<string, MessageValue> };

/** Turns a message (and the messages among its values) into text. */
export type Translate = (message: ImportMessage) => string;

export const msg = (key: string, values?: Record<string, MessageValue>): ImportMessage => (values ? { key, values } : { key });

/** A translate function for import messages in the language of `t`. */
export function importTranslator(t: TFunction): Translate {
  const translate: Translate = (message) => {
    const values = Object.fromEntries(Object.entries(message.values ?? {}).map(([name, value]) => [name, typeof value === "object" ? translate(value) : value]));
    // Messages of the foreign-vocabulary import and of translations live in their own locale files
    // (vocabulary-import.json, directory-languages.json).
    const own = message.key.startsWith("vocabularyImport.") || message.key.startsWith("directoryLanguages.");
    return t(own ? message.key : `directoryExtra.import.${message.key}`, values);
  };
  return translate;
}

// Control characters (a line break in a cell) would break the report's one line per problem.
const visible = (text: string) => [...text].map((character) => (character < " " ? JSON.stringify(character).slice(1, -1) : character)).join("");

/** A value from the file in quotation marks of the reader's language. */
export const quoted = (text: string): ImportMessage => msg("quoted", { text: visible(text) });

/** A value from the file as the report shows it: text quoted and shortened, lists and objects named. */
export function shown(value: unknown): MessageValue {
  if (typeof value === "string") return quoted(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return msg("value.list");
  if (value === null) return "null";
  if (typeof value === "object") return msg("value.object");
  return String(value);
}

/** Several names or values, as the report lists them. */
export const listOf = (values: readonly string[]) => values.join(", ");

// zod carries an issue's message as a string: a message travels through it as JSON.
const MARK = '{"key":';

/** A message as a zod issue message (see `fromIssueMessage`). */
export const asIssueMessage = (message: ImportMessage): string => JSON.stringify(message);

/** The message that `asIssueMessage` packed; zod's own wording for anything else. */
export function fromIssueMessage(text: string): ImportMessage {
  if (text.startsWith(MARK)) {
    try {
      return JSON.parse(text) as ImportMessage;
    } catch {
      // not one of ours after all
    }
  }
  return msg("invalid", { detail: text });
}
