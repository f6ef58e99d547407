import { Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";

type Offer = { groupedSecret: string; uri: string; qrDataUri: string };

/** The secret being set up: as QR code, as a link for an app on this device, and as text to type in by hand. */
export function SetupOfferView({ offer, accountName }: { offer: Offer; accountName: string }) {
  const { t } = useTranslation();
  return (
    <>
      <p>{t("twoFactor.setup.scan")}</p>
      <p>
        <img src={offer.qrDataUri} alt={t("twoFactor.setup.qrAlt")} width={200} height={200} />
      </p>
      <p>{t("twoFactor.setup.manual")}</p>
      <dl className="facts">
        <dt>{t("twoFactor.setup.secretLabel")}</dt>
        <dd>
          <code id="totp-secret" translate="no">
            {offer.groupedSecret}
          </code>
        </dd>
        <dt>{t("twoFactor.setup.accountLabel")}</dt>
        <dd>{accountName}</dd>
      </dl>
      <p>
        <a href={offer.uri}>{t("twoFactor.setup.openInApp")}</a>
      </p>
      <details>
        <summary>{t("twoFactor.setup.uriSummary")}</summary>
        <p>
          <code translate="no">{offer.uri}</code>
        </p>
      </details>
    </>
  );
}

/** Recovery codes, shown once, and the way on. */
export function RecoveryCodesView({ codes, lead, continueTo }: { codes: string[]; lead: string; continueTo: string }) {
  const { t } = useTranslation();
  return (
    <section className="notice" aria-labelledby="recovery-codes-heading">
      <p role="status">{lead}</p>
      <h2 id="recovery-codes-heading">{t("twoFactor.codes.heading")}</h2>
      <p>{t("twoFactor.codes.intro")}</p>
      <ul aria-label={t("twoFactor.codes.listLabel")} className="recovery-codes" translate="no">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <Link to={continueTo}>{t("twoFactor.codes.continue")}</Link>
      </p>
    </section>
  );
}
