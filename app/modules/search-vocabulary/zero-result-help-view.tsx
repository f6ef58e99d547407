import { Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import type { ZeroResultHelp as Help } from "./zero-result-help.server";

const directoryLink = (params: [string, string][]) => `/verzeichnis?${new URLSearchParams(params).toString()}`;

/**
 * What the directory offers when a search found nothing: the query spelt with the index's own
 * words, the closest categories and target groups, and the network's Open Mic. Plain links: they
 * work without JavaScript.
 */
export function ZeroResultHelp({ help }: { help: Help }) {
  const { t } = useTranslation();
  return (
    <section className="zero-result-help" aria-labelledby="zero-result-help-heading">
      <h2 id="zero-result-help-heading">{t("searchVocabulary.help.heading")}</h2>
      {help.suggestion ? (
        <p>
          {t("searchVocabulary.help.didYouMean")} <Link to={directoryLink([["q", help.suggestion]])}>{help.suggestion}</Link>?
        </p>
      ) : null}
      {help.terms.length > 0 ? (
        <>
          <p>{t("searchVocabulary.help.terms")}</p>
          <ul>
            {help.terms.map((term) => (
              <li key={`${term.kind}:${term.slug}`}>
                <Link to={directoryLink([[term.kind === "category" ? "kategorie" : "zielgruppe", term.slug]])}>{term.label}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <Link to="/open-mic/neu">{t("searchVocabulary.help.askNetwork")}</Link> – {t("searchVocabulary.help.askNetworkHint")}
      </p>
    </section>
  );
}
