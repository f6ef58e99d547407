import { Form, useLocation } from "@remix-run/react";
import { useId } from "react";
import { DEFAULT_LANGUAGE } from "#app/utils/i18n";
import { useTranslation } from "#app/utils/use-translation";
import { useRootData } from "#app/utils/misc";

// The switch posts to /sprache, which keeps the choice in a cookie and sends the visitor back to the
// page: plain forms, so they work without JavaScript, and a full page load, which brings the new
// language's strings along.

function useHere(): string {
  const location = useLocation();
  return `${location.pathname}${location.search}`;
}

/** One button per language, each named in itself and marked with its language and direction. */
function LanguageButtons({ className }: { className?: string }) {
  const { lang, languages } = useRootData();
  return (
    <ul className={className}>
      {languages.map((language) => (
        <li key={language.code}>
          <button type="submit" name="lang" value={language.code} lang={language.code} aria-current={language.code === lang ? "true" : undefined} className="link-button">
            {/* The name keeps its own direction; the list keeps the page's. */}
            <span dir={language.dir}>{language.name}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The languages as a row of buttons (the footer). */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const here = useHere();
  return (
    <Form method="post" action="/sprache" reloadDocument className="language-switch" aria-label={t("language.switch")}>
      <input type="hidden" name="redirectTo" value={here} />
      <span className="language-switch__label">{t("language.label")}:</span>
      <LanguageButtons className="language-switch__list" />
    </Form>
  );
}

/** The languages behind one small button of the header ("Sprache: Deutsch"), which fits a phone. */
export function LanguageMenu() {
  const { t } = useTranslation();
  const { lang, languages } = useRootData();
  const here = useHere();
  const current = languages.find((language) => language.code === lang);
  return (
    <details className="language-menu">
      <summary>
        <svg className="language-menu__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="12" cy="12" r="9.5" />
          <path d="M2.5 12h19M12 2.5c2.6 2.6 4 6 4 9.5s-1.4 6.9-4 9.5c-2.6-2.6-4-6-4-9.5s1.4-6.9 4-9.5z" />
        </svg>
        <span className="visually-hidden">{t("language.label")}: </span>
        <span lang={current?.code} dir={current?.dir}>
          {current?.name}
        </span>
      </summary>
      <Form method="post" action="/sprache" reloadDocument className="language-menu__panel" aria-label={t("language.switch")}>
        <input type="hidden" name="redirectTo" value={here} />
        <LanguageButtons className="language-menu__list" />
      </Form>
    </details>
  );
}

/**
 * A first visit whose browser prefers another of our languages: the offer, written in that language,
 * with one button to switch and one to stay with German (which remembers the answer, so the notice
 * does not come back).
 */
export function LanguageOfferNotice() {
  const { languageOffer: offer } = useRootData();
  const here = useHere();
  const textId = useId();
  if (!offer) return null;
  return (
    <section className="language-offer" lang={offer.code} dir={offer.dir} aria-labelledby={textId}>
      <Form method="post" action="/sprache" reloadDocument className="language-offer__form">
        <p id={textId} className="language-offer__text">
          {offer.text}
        </p>
        <input type="hidden" name="redirectTo" value={here} />
        <div className="language-offer__actions">
          <button type="submit" name="lang" value={offer.code} className="button">
            {offer.accept}
          </button>
          <button type="submit" name="lang" value={DEFAULT_LANGUAGE} className="button button--secondary">
            {offer.decline}
          </button>
        </div>
      </Form>
    </section>
  );
}
