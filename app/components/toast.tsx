import { useLocation } from "@remix-run/react";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "#app/utils/use-translation";

/**
 * A short notice after an action (its full i18n key), announced politely to screen readers. Its cookie
 * is gone once the page is shown, so the close button is a form that loads the same page again: that
 * works without JavaScript. With JavaScript the notice just goes, and the focus moves to the content
 * below it instead of being lost.
 */
export function Toast({ messageKey }: { messageKey: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const [open, setOpen] = useState(true);
  useEffect(() => setOpen(true), [messageKey]);
  if (!open) return null;
  const close = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setOpen(false);
    document.getElementById("inhalt")?.focus();
  };
  return (
    <div className="toast" role="status">
      <p>{t(messageKey)}</p>
      <form method="get" action={location.pathname} onSubmit={close} className="toast__form">
        {[...new URLSearchParams(location.search)].map(([name, value], index) => (
          <input key={`${name}-${index}`} type="hidden" name={name} value={value} />
        ))}
        <button type="submit" className="toast__close" aria-label={t("toast.close")}>
          <span aria-hidden="true">×</span>
        </button>
      </form>
    </div>
  );
}
