import { Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { LanguageSwitch } from "./language-switch";

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <p>{t("footer.about")}</p>
      <nav aria-label={t("footer.label")}>
        <ul>
          <li>
            <Link to="/impressum">{t("footer.imprint")}</Link>
          </li>
          <li>
            <Link to="/datenschutz">{t("footer.privacy")}</Link>
          </li>
          <li>
            <Link to="/barrierefreiheit">{t("accessibility.footer.statement")}</Link>
          </li>
          <li>
            <Link to="/leichte-sprache">{t("accessibility.footer.easyLanguage")}</Link>
          </li>
        </ul>
      </nav>
      <LanguageSwitch />
    </footer>
  );
}
