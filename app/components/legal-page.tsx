import { useTranslation } from "#app/utils/use-translation";

/** A page of the operator's legal text (the imprint); the privacy notice has its own page. */
export function LegalPage({ kind }: { kind: "imprint" }) {
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <h1>{t(`legal.${kind}Title`)}</h1>
      <p>{t(`legal.${kind}Text`)}</p>
    </div>
  );
}
