import { useEffect, useState } from "react";
import { useTranslation } from "#app/utils/use-translation";

/** A short notice after an action (its full i18n key), announced politely to screen readers. */
export function Toast({ messageKey }: { messageKey: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(true);
  useEffect(() => setOpen(true), [messageKey]);
  if (!open) return null;
  return (
    <div className="toast" role="status">
      <p>{t(messageKey)}</p>
      <button type="button" className="toast__close" aria-label={t("toast.close")} onClick={() => setOpen(false)}>
        ×
      </button>
    </div>
  );
}
