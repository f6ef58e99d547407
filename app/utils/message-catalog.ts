import { createTranslator, DEFAULT_LANGUAGE, type Messages, type TFunction, type Translator } from "./i18n";

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
const instances = new Map<Messages, Translator>();

/** Set once by entry.server and entry.client. */
export function setMessageCatalog(next: MessageCatalog): void {
  catalog = next;
  instances.clear();
}

/**
 * The translator of a language, made once: it holds no state of a request (the language is fixed),
 * so every page render of that language shares it.
 */
export function translatorOf(lang: string, messages: Messages): Translator {
  let instance = instances.get(messages);
  if (!instance) {
    instance = createTranslator(lang, messages);
    instances.set(messages, instance);
  }
  return instance;
}

export const getMessageCatalog = () => catalog;

/** A translate function for the language (for meta functions, which run outside React). */
export function translatorFor(lang: string): TFunction | undefined {
  const messages = catalog.messages(lang) ?? catalog.messages(DEFAULT_LANGUAGE);
  return messages ? translatorOf(lang, messages).t : undefined;
}
