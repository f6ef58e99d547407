import { Form, useSearchParams } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "#app/utils/use-translation";

/** The one search box of every page: a GET form to /suche. */
export function SearchBox() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const id = useId();
  return (
    <Form method="get" action="/suche" role="search" className="search-box">
      <label htmlFor={id} className="visually-hidden">
        {t("search.label")}
      </label>
      {/* dir="auto": a query typed in Arabic runs right to left on a German page, and the other way round. */}
      <input id={id} type="search" name="q" dir="auto" defaultValue={params.get("q") ?? ""} placeholder={t("search.placeholder")} autoComplete="off" maxLength={200} />
      <button type="submit">{t("search.submit")}</button>
    </Form>
  );
}
