import { getInputProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { ErrorList } from "#app/components/forms";
import { useRootData } from "#app/utils/misc";
import { useTranslation } from "#app/utils/use-translation";

type TextField = "name" | "description" | "eligibility" | "howToAccess";
type Language = { code: string; name: string; dir: "ltr" | "rtl" };

// Conform's metadata of `translations` (a record by language of groups of texts), as the service and
// the partner form have it; the component reads ids, names, values and errors only.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TranslationsField<F extends TextField> = FieldMetadata<Partial<Record<string, Partial<Record<F, string>> | undefined>> | undefined, any, string[]>;

// Short labels: the group says which entry and language they belong to ("Name", not "Name des Angebots").
const LABELS: Record<TextField, string> = {
  name: "directoryLanguages.name",
  description: "directory.edit.description",
  eligibility: "directory.eligibility",
  howToAccess: "directoryLanguages.howToAccess",
};
const LONG: readonly string[] = ["description", "howToAccess"];

// NOTE: the lists live here, not in translation-schema.ts: the page imports this file, and the
// schema would bring zod into the browser (decision 071).
/** The texts of a service a partner may translate, in the order the form shows them. */
export const SERVICE_TRANSLATION_FIELDS = ["name", "description", "eligibility", "howToAccess"] as const;
/** The text of a partner a partner may translate. */
export const PARTNER_TRANSLATION_FIELDS = ["description"] as const;

/**
 * "Übersetzungen": one disclosure per language with that language's fields, part of the entry's own
 * form, so it works without JavaScript. A language with text or errors starts open. Every input
 * carries the language and writing direction of what is typed into it.
 */
export function TranslationFieldset<F extends TextField>({ field, languages, texts, intro }: { field: TranslationsField<F>; languages: Language[]; texts: readonly F[]; intro: string }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const names = new Intl.DisplayNames([lang], { type: "language" });
  const byLanguage = field.getFieldset();
  return (
    <fieldset className="translations" aria-describedby={`${field.id}-intro`}>
      <legend>{t("directoryLanguages.heading")}</legend>
      <p id={`${field.id}-intro`} className="field__hint">
        {intro}
      </p>
      <ErrorList id={field.errorId} errors={field.errors} />
      {languages.map((language) => {
        // Every language's group has the same fields; Conform's generic types do not see through F.
        const group = byLanguage[language.code] as unknown as FieldMetadata<Partial<Record<TextField, string>>>;
        const fields = group.getFieldset();
        const filled = texts.some((text) => Boolean(fields[text].value));
        const failed = texts.some((text) => Boolean(fields[text].errors?.length));
        const uiName = names.of(language.code) ?? language.code;
        return (
          <details key={language.code} className="translation" open={filled || failed}>
            <summary>
              <span lang={language.code} dir={language.dir}>
                {language.name}
              </span>
              {uiName !== language.name ? ` (${uiName})` : ""}
              {" – "}
              {filled ? t("directoryLanguages.translated") : t("directoryLanguages.notTranslated")}
            </summary>
            <fieldset className="translation__fields">
              <legend className="visually-hidden">{t("directoryLanguages.legend", { language: uiName })}</legend>
              {texts.map((text) => {
                const metadata = fields[text];
                const own = { lang: language.code, dir: language.dir };
                return (
                  <div className="field" key={text}>
                    {/* Heard with its language: ten fields named "Beschreibung" would be one too many. */}
                    <label htmlFor={metadata.id}>
                      {t(LABELS[text])}
                      <span className="visually-hidden"> ({uiName})</span>
                    </label>
                    {LONG.includes(text) ? (
                      <textarea {...getTextareaProps(metadata)} {...own} rows={text === "description" ? 5 : 3} />
                    ) : (
                      <input {...getInputProps(metadata, { type: "text" })} {...own} />
                    )}
                    <ErrorList id={metadata.errorId} errors={metadata.errors} />
                  </div>
                );
              })}
            </fieldset>
          </details>
        );
      })}
    </fieldset>
  );
}
