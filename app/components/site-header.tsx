import { Form, Link, NavLink } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { LanguageMenu, LanguageOfferNotice } from "./language-switch";
import { SearchBox } from "./search-box";
import { isNetworkCoordinator } from "#app/modules/auth/roles";
import { useOptionalUser, useRootData } from "#app/utils/misc";

const NAV = [
  { to: "/verzeichnis", key: "nav.directory" },
  { to: "/arbeitsgruppen", key: "nav.groups" },
  { to: "/open-mic", key: "nav.openMic" },
  { to: "/kalender", key: "nav.calendar" },
] as const;

export function SiteHeader() {
  const { t } = useTranslation();
  const user = useOptionalUser();
  const unread = useRootData().unreadNotifications;
  return (
    <>
      <a className="skip-link" href="#inhalt">
        {t("site.skipLink")}
      </a>
      <LanguageOfferNotice />
      <header className="site-header">
        <div className="site-header__top">
          <Link to="/" className="site-brand">
            <span className="site-brand__name">{t("site.name")}</span>
            <span className="site-brand__tagline">{t("site.tagline")}</span>
          </Link>
          <LanguageMenu />
          <SearchBox />
        </div>
        <div className="site-header__bar">
          <nav aria-label={t("site.mainNav")} className="site-nav">
            <ul>
              {NAV.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to}>{t(item.key)}</NavLink>
                </li>
              ))}
              {user ? (
                <li>
                  <NavLink to="/personen">{t("people.nav.link")}</NavLink>
                </li>
              ) : null}
            </ul>
          </nav>
          <nav aria-label={t("nav.accountMenu")} className="account-nav">
            <ul>
              {user ? (
                <>
                  {isNetworkCoordinator(user) ? (
                    <li>
                      <NavLink to="/verwaltung/personen">{t("admin.nav.link")}</NavLink>
                    </li>
                  ) : null}
                  <li>
                    <NavLink to="/konto" title={t("nav.signedInAs", { name: user.displayName })}>
                      {t("nav.account")}: <bdi>{user.displayName}</bdi>
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/konto/benachrichtigungen">{unread > 0 ? t("notifications.header.linkUnread", { count: unread }) : t("notifications.header.link")}</NavLink>
                  </li>
                  <li>
                    <Form method="post" action="/abmelden">
                      <button type="submit" className="link-button">
                        {t("nav.signOut")}
                      </button>
                    </Form>
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <NavLink to="/anmelden">{t("nav.signIn")}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/registrieren">{t("nav.register")}</NavLink>
                  </li>
                </>
              )}
            </ul>
          </nav>
        </div>
      </header>
    </>
  );
}
