import { useTranslation } from "react-i18next";

/** The frame of a section's start page: its heading, its introduction and its content. */
export function SectionPage({ titleKey, introKey, children }: { titleKey: string; introKey: string; children?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t(titleKey)}</h1>
      <p className="lead">{t(introKey)}</p>
      {children ?? <p>{t("sections.empty")}</p>}
    </div>
  );
}
