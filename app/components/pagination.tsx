import { Link } from "@remix-run/react";
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
};

/** "Zurück · Seite 2 von 5 · Weiter" under a list that has more than one page; nothing otherwise. */
export function Pagination({ page, pages, href, keys }: PaginationProps) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav aria-label={t(`${keys}.pagination`)} className="pagination">
      {page > 1 ? <Link to={href(page - 1)}>{t(`${keys}.previous`)}</Link> : null}
      <span>{t(`${keys}.pageOf`, { page, pages })}</span>
      {page < pages ? <Link to={href(page + 1)}>{t(`${keys}.next`)}</Link> : null}
    </nav>
  );
}
