import { useTranslation } from "react-i18next";

export function LegalPage({ kind }: { kind: "imprint" | "privacy" }) {
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <h1>{t(`legal.${kind}Title`)}</h1>
      <p>{t(`legal.${kind}Text`)}</p>
    </div>
  );
}
