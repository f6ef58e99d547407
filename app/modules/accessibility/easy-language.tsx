import { Link } from "@remix-run/react";
import { topicStatuses } from "#db/schema/open-mic-enums";
import { useTranslation } from "#app/utils/use-translation";
import { STATEMENT_PATH } from "./accessibility-rules";

// The page's order, as data: every text is a key under accessibility.easyLanguage.<section>. German
// gets Leichte Sprache, the other languages the same page in plain words of their own; the keys are
// the same, so each language says the same things in the same order.
type Block = { p: string } | { ul: string; items: readonly string[] } | { ol: string; items: readonly string[] } | { statuses: true } | { link: string; to: string };

const SECTIONS: { id: string; key: string; blocks: Block[] }[] = [
  {
    id: "kurze-wege",
    key: "what",
    blocks: [
      { p: "text1" },
      { p: "text2" },
      { p: "network" },
      { ul: "members", items: ["jobcenter", "immigrationOffice", "languageSchools", "volunteers"] },
      { p: "partsIntro" },
      { ul: "parts", items: ["directory", "groups", "openMic"] },
      { p: "languages" },
    ],
  },
  {
    id: "open-mic",
    key: "openMic",
    blocks: [{ p: "word" }, { p: "meaning" }, { p: "concern" }, { ul: "examples", items: ["question", "problem", "idea"] }, { p: "others" }, { p: "coordination" }],
  },
  {
    id: "fragen",
    key: "ask",
    blocks: [
      { p: "noAccount" },
      { ol: "steps", items: ["open", "button", "title", "topic", "text", "guest", "send"] },
      { p: "importantIntro" },
      { ul: "important", items: ["privateData", "otherPeople", "emailHidden"] },
      { link: "link", to: "/open-mic/neu" },
    ],
  },
  {
    id: "danach",
    key: "next",
    blocks: [{ p: "guest" }, { p: "member" }, { p: "answers" }, { p: "official" }, { p: "status" }, { statuses: true }, { p: "newsIntro" }, { ul: "news", items: ["guestMail", "memberMail"] }],
  },
  {
    id: "hilfe",
    key: "help",
    blocks: [{ p: "question" }, { p: "form" }, { link: "formLink", to: STATEMENT_PATH }, { p: "counselling" }, { link: "directoryLink", to: "/verzeichnis" }],
  },
];

/** The page "Leichte Sprache" (German) or its plain-language version in the visitor's language. */
export function EasyLanguagePage() {
  const { t } = useTranslation();
  // Names of buttons and headings the text points to, as the pages show them in this language.
  const labels = { raise: t("openMic.list.raise"), answer: t("openMic.answer.title") };
  const text = (section: string, key: string) => t(`accessibility.easyLanguage.${section}.${key}`, labels);
  const block = (section: string, part: Block, index: number) => {
    if ("p" in part) return <p key={index}>{text(section, part.p)}</p>;
    if ("link" in part)
      return (
        <p key={index}>
          <Link to={part.to}>{text(section, part.link)}</Link>
        </p>
      );
    if ("statuses" in part)
      return (
        <ul key={index} className="easy-list">
          {topicStatuses.map((status) => (
            <li key={status}>
              <strong>{t(`openMic.status.${status}`)}</strong>: {t(`accessibility.easyLanguage.statuses.${status}`)}
            </li>
          ))}
        </ul>
      );
    const List = "ol" in part ? "ol" : "ul";
    const name = "ol" in part ? part.ol : part.ul;
    return (
      <List key={index} className="easy-list">
        {part.items.map((item) => (
          <li key={item}>{text(section, `${name}.${item}`)}</li>
        ))}
      </List>
    );
  };
  return (
    <div className="page page--narrow easy-language">
      <h1>{t("accessibility.easyLanguage.title")}</h1>
      <p className="lead">{t("accessibility.easyLanguage.intro")}</p>
      <nav aria-labelledby="easy-contents">
        <h2 id="easy-contents">{t("accessibility.easyLanguage.contents")}</h2>
        <ul className="easy-list">
          {SECTIONS.map(({ id, key }) => (
            <li key={id}>
              <a href={`#${id}`}>{t(`accessibility.easyLanguage.${key}.heading`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      {SECTIONS.map(({ id, key, blocks }) => (
        <section key={id} id={id} aria-labelledby={`${id}-heading`}>
          <h2 id={`${id}-heading`}>{t(`accessibility.easyLanguage.${key}.heading`)}</h2>
          {blocks.map((part, index) => block(key, part, index))}
        </section>
      ))}
    </div>
  );
}
