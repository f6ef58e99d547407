import { isRouteErrorResponse, Link } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "#app/utils/use-translation";

/** The page shown for 404, 403, 429, 503 and 500, inside the shell of the site. */
export function ErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // Logged in the browser only: effects do not run while the server renders, and on the server the
  // error has already gone to the JSON log (entry.server's handleError).
  useEffect(() => {
    // eslint-disable-next-line no-console -- the browser's console is where a client-side failure shows
    if (status >= 500) console.error(error);
  }, [error, status]);
  const kind = status === 404 ? "notFound" : status === 403 ? "forbidden" : "serverError";
  const busy = status === 429 ? "tooMany" : status === 503 ? "unavailable" : null;
  return (
    <div className="page page--narrow">
      <h1>{busy ? t(`busyErrors.${busy}Title`) : t(`errors.${kind}Title`)}</h1>
      <p>{busy ? t(`busyErrors.${busy}Text`) : t(`errors.${kind}Text`)}</p>
      <p>
        <Link to="/">{t("errors.backHome")}</Link>
      </p>
    </div>
  );
}
