import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatDate } from "#app/utils/misc";
import { useTranslation } from "#app/utils/use-translation";
import { EASY_LANGUAGE_PATH, STATEMENT_CREATED, STATEMENT_REVIEWED } from "./accessibility-rules";

// The parts of the statement follow the model of the Implementing Decision (EU) 2018/1523 as German
// public bodies use it: status, content that is not accessible, how the statement was made, feedback
// and contact, enforcement procedure.
const GAPS = ["userContent", "translations", "plainLanguage", "signLanguage", "external", "files", "wideTables"] as const;
// Only what was done: no manual screen-reader or keyboard-only walk has been recorded yet.
const METHODS = ["automated", "reflow"] as const;

/** The statement's dates as days in Berlin, written the way the language writes them. */
const dayOf = (lang: string, iso: string) => formatDate(lang, `${iso}T12:00:00Z`);

/** One part of the statement under its own heading. */
export function StatementPart({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} id={id}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

/** The statement's text down to the feedback part, whose form the route puts in `feedback`. */
export function AccessibilityStatement({ lang, siteUrl, feedback }: { lang: string; siteUrl: string; feedback: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("accessibility.statement.title")}</h1>
      <p>{t("accessibility.statement.intro")}</p>
      <p>
        {t("accessibility.statement.scope")} <bdi dir="ltr">{siteUrl}</bdi>
      </p>
      <p>{t("accessibility.statement.audience")}</p>
      <p>
        <Link to={EASY_LANGUAGE_PATH}>{t("accessibility.statement.easyLink")}</Link>
      </p>
      <StatementPart id="stand" title={t("accessibility.statement.statusHeading")}>
        <p>{t("accessibility.statement.status")}</p>
      </StatementPart>
      <StatementPart id="nicht-barrierefrei" title={t("accessibility.statement.gapsHeading")}>
        <p>{t("accessibility.statement.gapsIntro")}</p>
        <ul className="statement-list">
          {GAPS.map((gap) => (
            <li key={gap}>{t(`accessibility.statement.gaps.${gap}`)}</li>
          ))}
        </ul>
        <p>{t("accessibility.statement.alternative")}</p>
      </StatementPart>
      <StatementPart id="erstellung" title={t("accessibility.statement.methodHeading")}>
        <p>{t("accessibility.statement.method", { date: dayOf(lang, STATEMENT_CREATED) })}</p>
        <ul className="statement-list">
          {METHODS.map((method) => (
            <li key={method}>{t(`accessibility.statement.methods.${method}`)}</li>
          ))}
        </ul>
        <p>{t("accessibility.statement.reviewed", { date: dayOf(lang, STATEMENT_REVIEWED) })}</p>
      </StatementPart>
      <StatementPart id="rueckmeldung" title={t("accessibility.statement.feedbackHeading")}>
        <p>{t("accessibility.statement.feedback")}</p>
        {feedback}
        <h3>{t("accessibility.statement.contactHeading")}</h3>
        <p>{t("accessibility.statement.contact")}</p>
        <p>{t("legal.imprintText")}</p>
        <p>
          <Link to="/impressum">{t("accessibility.statement.contactLink")}</Link>
        </p>
      </StatementPart>
      <StatementPart id="durchsetzung" title={t("accessibility.statement.enforcementHeading")}>
        <p>{t("accessibility.statement.enforcement")}</p>
        <p>{t("accessibility.statement.enforcementRole")}</p>
        <p className="notice">{t("accessibility.statement.enforcementBody")}</p>
      </StatementPart>
    </>
  );
}
