import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Markdown } from "#app/components/markdown";
import { getFixedT } from "#app/utils/i18n.server";
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { meetings, topics, workingGroups } from "#db/schema";
import { addTopicToAgenda, agendaLineFor, decisionAnswerText, decisionTaskHref, escapeMarkdownText, linksTopic, statusFormHref, topicIdsIn } from "./meeting-topics.server";

const SITE = "http://localhost:3000";

/** The agenda line as the meeting page renders it. */
const rendered = (markdown: string) => renderToStaticMarkup(createElement(Markdown, { source: markdown }));
const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");
const linksIn = (html: string) => [...html.matchAll(/<a href="([^"]*)"[^>]*>(.*?)<\/a>/g)].map((match) => ({ href: match[1]!, text: decode(match[2]!) }));

describe("the agenda line of a topic", () => {
  test("is one Markdown link to the topic", () => {
    expect(agendaLineFor({ id: 42, title: "Sprachcafé am Wochenende" })).toBe("- [Anliegen 42: Sprachcafé am Wochenende](/open-mic/42)");
    expect(linksIn(rendered(agendaLineFor({ id: 42, title: "Sprachcafé am Wochenende" })))).toEqual([{ href: "/open-mic/42", text: "Anliegen 42: Sprachcafé am Wochenende" }]);
  });

  test("a title with brackets, emphasis, code, HTML, entities and line breaks stays exactly the link's text", () => {
    const titles = [
      "Kurse [neu] ab März",
      "Link im Titel](https://evil.example) und mehr",
      "**fett** _kursiv_ ~~weg~~ `code`",
      "<script>alert(1)</script> & <b>fett</b>",
      "Zeichen &amp; &#91; bleiben",
      "Ein Backslash \\] am Ende \\",
      "Zwei\nZeilen",
      "![Bild](https://example.org/x.png) [ref]",
    ];
    for (const title of titles) {
      const html = rendered(agendaLineFor({ id: 7, title }));
      expect(linksIn(html), title).toEqual([{ href: "/open-mic/7", text: `Anliegen 7: ${title.replace(/\s+/g, " ")}` }]);
      expect(html).not.toMatch(/<(script|b|strong|em|del|code|img)[\s>]/);
    }
  });

  test("the escaped text keeps ordinary words readable", () => {
    expect(escapeMarkdownText("Sprache & Bildung: Kurse (neu)")).toBe("Sprache & Bildung: Kurse (neu)");
    expect(escapeMarkdownText("a [b] *c*")).toBe("a \\[b\\] \\*c\\*");
  });
});

describe("topics in a text", () => {
  test("links are found by their address, each once, in order", () => {
    const agenda = "- Begrüßung\n- [Anliegen 42: A](/open-mic/42)\n- siehe [hier](https://netz.example/open-mic/7) und [noch mal](/open-mic/42)\n- /open-mic/9 ohne Link";
    expect(topicIdsIn(agenda)).toEqual([42, 7]);
    expect(linksTopic(agenda, 42)).toBe(true);
    expect(linksTopic(agenda, 4)).toBe(false);
    expect(linksTopic(agenda, 9)).toBe(false);
    expect(topicIdsIn("[x](/open-mic/99999999999)")).toEqual([]);
  });

  test("links within the site stay links; a protocol-relative one that leaves the site does not", () => {
    expect(linksIn(rendered("[a](/open-mic/3) [b](//evil.example/x)"))).toEqual([{ href: "/open-mic/3", text: "a" }]);
  });
});

describe("what a decision of the meeting begins", () => {
  const startsAt = new Date("2026-11-12T16:00:00Z");

  test("the answer names a public group and the day, never a private group", () => {
    const t = getFixedT("de");
    const open = decisionAnswerText(t, "de", { name: "Sprache & Bildung", visibility: "public" }, startsAt);
    expect(open).toContain("Sprache & Bildung");
    expect(open).toContain("12. November 2026");
    const closed = decisionAnswerText(t, "de", { name: "Ankommen & Wohnen", visibility: "private" }, startsAt);
    expect(closed).not.toContain("Ankommen");
    expect(closed).toContain("einer Arbeitsgruppe");
  });

  test("the links carry the answer and the task's topic, title and description in their query", () => {
    const status = new URL(statusFormHref(42, "Beschluss: ja & nein"), SITE);
    expect(status.pathname).toBe("/open-mic/42/status");
    expect(status.searchParams.get("antwort")).toBe("Beschluss: ja & nein");
    const task = new URL(decisionTaskHref("sprache-bildung", { id: 42, title: "Kurse & Kinder" }, "Beschluss aus dem Treffen"), SITE);
    expect(task.pathname).toBe("/arbeitsgruppen/sprache-bildung/aufgaben/neu");
    expect(Object.fromEntries(task.searchParams)).toEqual({ anliegen: "42", titel: "Kurse & Kinder", beschreibung: "Beschluss aus dem Treffen" });
  });
});

describe("putting a topic on an agenda", () => {
  test("a hidden, merged or unapproved topic is refused and its title copied nowhere", async () => {
    const [group] = await db.insert(workingGroups).values({ slug: "ag-agenda-test", name: "AG Agenda", focus: "x", visibility: "public" }).returning({ id: workingGroups.id });
    const [other] = await db.insert(workingGroups).values({ slug: "ag-agenda-other", name: "AG Andere", focus: "x", visibility: "public" }).returning({ id: workingGroups.id });
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    const [meeting] = await db.insert(meetings).values({ groupId: group!.id, title: "Treffen", startsAt, endsAt: startsAt, agenda: "- Begrüßung" }).returning({ id: meetings.id });
    const topic = async (values: Partial<typeof topics.$inferInsert>) =>
      (
        await db
          .insert(topics)
          .values({ title: "Geheimer Titel Frau S.", body: "Text", approvedAt: new Date(), routedGroupId: group!.id, status: "routed", ...values })
          .returning({ id: topics.id })
      )[0]!.id;
    const visible = await topic({ title: "Sichtbares Anliegen" });
    const hidden = await topic({ hiddenAt: new Date(), hiddenReason: "Personenbezug" });
    const pending = await topic({ approvedAt: null });
    const merged = await topic({ mergedIntoId: visible });
    const elsewhere = await topic({ hiddenAt: new Date(), routedGroupId: other!.id });
    expect(await addTopicToAgenda(group!.id, meeting!.id, hidden)).toBe("hidden");
    expect(await addTopicToAgenda(group!.id, meeting!.id, pending)).toBe("notRouted");
    expect(await addTopicToAgenda(group!.id, meeting!.id, await topic({ status: "closed" }))).toBe("notRouted");
    expect(await addTopicToAgenda(group!.id, meeting!.id, merged)).toBe("hidden");
    // A topic of another group is not named as hidden: to this group it does not exist.
    expect(await addTopicToAgenda(group!.id, meeting!.id, elsewhere)).toBe("notRouted");
    const [unchanged] = await db.select().from(meetings).where(eq(meetings.id, meeting!.id));
    expect(unchanged).toMatchObject({ agenda: "- Begrüßung", sequence: 0 });
    expect(await addTopicToAgenda(group!.id, meeting!.id, visible)).toBe("added");
    const [after] = await db.select().from(meetings).where(eq(meetings.id, meeting!.id));
    expect(after!.agenda).toBe(`- Begrüßung\n${agendaLineFor({ id: visible, title: "Sichtbares Anliegen" })}`);
    expect(after!.agenda).not.toContain("Geheimer Titel");
  });
});
