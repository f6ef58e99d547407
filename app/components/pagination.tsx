import { Link } from "@remix-run/react";
import { focusOn } from "#app/utils/focus";
import { formatNumber } from "#app/utils/number-format";
import { useTranslation } from "#app/utils/use-translation";

/** A page number from the query string or a form (`seite`): anything but 1 … 99 999 is page 1. */
export function pageFrom(value: unknown): number {
  const page = Number.parseInt(typeof value === "string" ? value : "1", 10);
  return Number.isFinite(page) && page > 0 && page < 100_000 ? page : 1;
}

type PaginationProps = {
  page: number;
  pages: number;
  /** The address of a page of the list. */
  href: (page: number) => string;
  /** Where the texts are: `<keys>.pagination` (the landmark's name), `.previous`, `.next`, `.pageOf`. */
  keys: string;
  /** The id of the element that takes the focus on the new page (tabIndex -1), e.g. the list's count; else the main content. */
  focusTarget?: string;
};

/** An arrow pointing along the reading direction: it turns round on right-to-left pages (app.css). */
function Arrow({ back }: { back?: boolean }) {
  return (
    <svg className={`direction-icon${back ? " direction-icon--back" : ""}`} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M2 8h11M9 3.5 13.5 8 9 12.5" />
    </svg>
  );
}

/** "← Zurück · Seite 2 von 5 · Weiter →" under a list that has more than one page; nothing otherwise. */
export function Pagination({ page, pages, href, keys, focusTarget = "inhalt" }: PaginationProps) {
  const { t, language } = useTranslation();
  if (pages <= 1) return null;
  const state = focusOn(focusTarget);
  return (
    <nav aria-label={t(`${keys}.pagination`)} className="pagination">
      {page > 1 ? (
        <Link to={href(page - 1)} state={state} rel="prev" className="pagination__previous">
          <Arrow back />
          {t(`${keys}.previous`)}
        </Link>
      ) : null}
      <span>{t(`${keys}.pageOf`, { page: formatNumber(language, page), pages: formatNumber(language, pages) })}</span>
      {page < pages ? (
        <Link to={href(page + 1)} state={state} rel="next" className="pagination__next">
          {t(`${keys}.next`)}
          <Arrow />
        </Link>
      ) : null}
    </nav>
  );
}
