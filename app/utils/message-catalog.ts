import { createI18n, DEFAULT_LANGUAGE, type Messages, type TFunction } from "./i18n";

/**
 * Where the strings of each language come from. The server reads them from app/locales/; the
 * browser gets them from a script the page loads (/i18n/<lang>/<version>), cached for good, so a
 * page does not carry every string of the site in its HTML.
 */
export type MessageCatalog = {
  messages: (lang: string) => Messages | undefined;
  /** The address of the language's script, versioned by its content. */
  scriptUrl: (lang: string) => string | undefined;
};

let catalog: MessageCatalog = { messages: () => undefined, scriptUrl: () => undefined };
const translators = new Map<Messages, TFunction>();

/** Set once by entry.server and entry.client. */
export function setMessageCatalog(next: MessageCatalog): void {
  catalog = next;
  translators.clear();
}

export const getMessageCatalog = () => catalog;

/** A translate function for the language (for meta functions, which run outside React). */
export function translatorFor(lang: string): TFunction | undefined {
  const messages = catalog.messages(lang) ?? catalog.messages(DEFAULT_LANGUAGE);
  if (!messages) return undefined;
  let t = translators.get(messages);
  if (!t) {
    t = createI18n(lang, messages).t;
    translators.set(messages, t);
  }
  return t;
}
