import { getSelectProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorList, Hint, type FieldErrors } from "#app/components/forms";
import { useRootData } from "#app/utils/misc";
import { DETECT_LANGUAGE } from "./post-language";

/**
 * "Sprache des Textes": detect (the default) or one of the UI languages, each named in itself and
 * marked with its `lang` so a screen reader says "Українська" in Ukrainian.
 */
export function PostLanguageField({ field, errors }: { field: FieldMetadata<string | undefined>; errors: FieldErrors }) {
  const { t } = useTranslation();
  const { languages } = useRootData();
  const hintId = `${field.id}-hint`;
  return (
    <div className="field">
      <label htmlFor={field.id}>{t("postLanguages.field.label")}</label>
      <Hint id={hintId} hint={t("postLanguages.field.hint")} />
      <select {...getSelectProps(field)} aria-describedby={[hintId, errors?.length ? field.errorId : undefined].filter(Boolean).join(" ")}>
        <option value={DETECT_LANGUAGE}>{t("postLanguages.field.auto")}</option>
        {languages.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.name}
          </option>
        ))}
      </select>
      <ErrorList id={field.errorId} errors={errors} />
    </div>
  );
}
