import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export const meta: MetaFunction = () => [{ title: "Kurze Wege" }];

const SECTIONS = [
  { to: "/verzeichnis", title: "nav.directory", text: "home.directoryText" },
  { to: "/arbeitsgruppen", title: "nav.groups", text: "home.groupsText" },
  { to: "/open-mic", title: "nav.openMic", text: "home.openMicText" },
] as const;

export default function HomePage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.intro")}</p>
      <ul className="cards">
        {SECTIONS.map((section) => (
          <li key={section.to} className="card">
            <h2>
              <Link to={section.to}>{t(section.title)}</Link>
            </h2>
            <p>{t(section.text)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
