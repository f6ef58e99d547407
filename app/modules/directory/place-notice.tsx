import { Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";

/** The link that searches the query's words as typed, without reading a place from them. */
export function literalSearch(search: string): string {
  const params = new URLSearchParams(search);
  params.delete("seite");
  params.set("woertlich", "1");
  return `?${params.toString()}`;
}

/** What a place in the query did to the results, with a way back to the plain words. */
export function PlaceNotice({ place, search }: { place: { label: string; mode: "narrowed" | "ranked" }; search: string }) {
  const { t } = useTranslation();
  return (
    <p className="directory__place">
      {t(`placeQuery.${place.mode}`, { place: place.label })} <Link to={literalSearch(search)}>{t("placeQuery.literal")}</Link>
    </p>
  );
}
