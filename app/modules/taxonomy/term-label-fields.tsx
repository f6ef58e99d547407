import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "#app/utils/use-translation";
import { Field } from "#app/components/forms";
import type { LanguageOption } from "#app/utils/i18n";
import { directionOf } from "#app/utils/content-lang";

type LabelFieldsProps = {
  languages: LanguageOption[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  fields: Record<string, FieldMetadata<any>>;
  /** Each language's errors, read by the component that calls useForm. */
  errors: Record<string, string[] | undefined>;
};

/**
 * One label field per UI language the app has, German first and required: a language added later
 * shows up here at once, so a term never silently falls back to German unseen.
 */
export function TermLabelFields({ languages, fields, errors }: LabelFieldsProps) {
  const { t } = useTranslation();
  const ordered = [...languages].sort((a, b) => Number(b.code === "de") - Number(a.code === "de"));
  return (
    <>
      {ordered.map((language) => {
        const field = fields[language.code];
        if (!field) return null;
        return (
          <Field
            key={language.code}
            label={t("taxonomy.labels.label", { language: language.name })}
            hint={language.code === "de" ? t("taxonomy.labels.hintDe") : t("taxonomy.labels.hintOther", { language: language.name })}
            errors={errors[language.code]}
            inputProps={{ ...getInputProps(field, { type: "text" }), lang: language.code, dir: directionOf(language.code), "aria-required": language.code === "de" ? true : undefined }}
          />
        );
      })}
    </>
  );
}
