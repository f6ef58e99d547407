import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { useRootData } from "#app/utils/misc";

/**
 * One button per language: a plain form, so it works without JavaScript and remembers the choice in a
 * cookie. It always loads the page anew, which brings the new language's strings along.
 */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { lang, languages } = useRootData();
  const location = useLocation();
  return (
    <Form method="post" action="/sprache" reloadDocument className="language-switch" aria-label={t("language.switch")}>
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <span className="language-switch__label">{t("language.label")}:</span>
      {languages.map((language) => (
        <button key={language.code} type="submit" name="lang" value={language.code} lang={language.code} aria-pressed={language.code === lang} className="link-button">
          {language.name}
        </button>
      ))}
    </Form>
  );
}
