import { useTranslation } from "#app/utils/use-translation";
import { useRootData } from "#app/utils/misc";

// Apart from the form's field: lists of topics show the note and load no form library.
/** A post's language, named in itself, where it differs from the page's ("Sprache: العربية"). */
export function PostLanguageNote({ language }: { language: string | null | undefined }) {
  const { t } = useTranslation();
  const { lang, languages } = useRootData();
  const name = languages.find((entry) => entry.code === language)?.name;
  if (!language || language === lang || !name) return null;
  const [before, after = ""] = t("postLanguages.writtenIn").split("{{name}}");
  return (
    <span className="post-language">
      {before}
      <bdi lang={language}>{name}</bdi>
      {after}
    </span>
  );
}
