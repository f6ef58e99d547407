import type { FieldMetadata } from "@conform-to/react";
import { CheckboxField } from "#app/components/conform-fields";
import { useTranslation } from "#app/utils/use-translation";

// Apart from topic-parts.tsx: only the forms need it (and with it Conform), not the lists that show topics.

/** The "publish anyway" box under the personal-data warning. */
export function ConfirmPersonalData({ field }: { field: FieldMetadata<unknown> }) {
  const { t } = useTranslation();
  return <CheckboxField field={field} errors={field.errors} label={t("openMic.personalData.confirm")} />;
}
