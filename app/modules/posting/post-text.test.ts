import { renderMarkdown } from "#app/utils/markdown.server";
import { countLinks, countMentions, normalisePostText } from "./post-text";

/** How many links the site's Markdown renderer makes of a text (the HTML the pages show). */
const renderedLinks = (source: string) => [...renderMarkdown(source).__html.matchAll(/<a\b/g)].length;

// Posts as people write them, each with the number of links a reader sees.
const SAMPLES: [string, number][] = [
  ["Kein Link, nur Text über Sprachkurse in Lindach.", 0],
  ["Mehr unter https://example.org/kurse und http://example.net.", 2],
  ["Siehe www.auental.example/termine, dort steht alles.", 1],
  ['Anmeldung: [Formular](https://example.org/anmeldung) oder [hier](https://example.org/b "Titel").', 2],
  ["Autolinks: <https://example.org/a> und <beratung@example.org>", 2],
  ["Schreiben Sie an info@caritas-auental.example oder an mailto:team@example.org", 2],
  ["[Verweis][vhs] und [vhs]\n\n[vhs]: https://vhs.example/kurse", 2],
  ["[Nicht definiert][nirgends] bleibt Text, [Hinweis] auch.", 0],
  ["Im Code: `https://example.org/code` zählt nicht.", 0],
  ["```\nhttps://example.org/im-block\nwww.example.org\n```\n\nDanach https://example.org/danach", 1],
  ["~~~sh\ncurl https://example.org\n~~~", 0],
  ['<a href="https://example.org">klick</a> ist HTML und wird Text.', 0],
  ["Ein Bild ![Stadtplan](https://example.org/karte.png) ist kein Link.", 0],
  ["Ein Bild im Link [![Plan](https://example.org/p.png)](https://example.org/plan)", 1],
  ["Linktext ist eine Adresse: [https://example.org/a](https://example.org/b)", 1],
  ["Klammern: (https://example.org/wiki_(Begriff)) und (www.example.org).", 2],
  ["Kein Link: wwwexample.org, http://a_b.example_x, www.x_y.de, http://-x.de, Seitehttps://example.org", 0],
  // The renderer's own ways count as it shows them: "www." alone, a host without a dot, a letter beyond ASCII.
  ["Nur www. und https://a.example_ und http://localhost/ und https://ä.example", 4],
  ["Am Zeilenanfang\nhttps://example.org und nach einer Ziffer 1https://example.org", 2],
  ["**https://example.org/fett** und _www.example.org_", 2],
  ["- Liste mit https://a.example\n- und https://b.example\n- und https://c.example", 3],
  ["> Zitat mit [Link](https://example.org)\n\nund danach <http://example.net>", 2],
  ["E-Mail mit Ziffer am Ende: name@example.org1 ist keine Adresse.", 0],
  ["Pfad dieser Seite: [Anliegen 4](/open-mic/4)", 1],
  ["Titel über zwei Zeilen: [ein\nLink](https://example.org)", 1],
];

describe("countLinks", () => {
  test.each(SAMPLES)("%j has %i links, as many as the renderer makes", (source, expected) => {
    expect(countLinks(source)).toBe(expected);
    expect(renderedLinks(source)).toBe(expected);
  });

  test("a link the renderer drops (javascript:, ftp:) is still counted: never fewer than a reader may see", () => {
    expect(countLinks("[x](javascript:alert(1)) <ftp://example.org/datei>")).toBe(2);
  });
});

describe("countMentions", () => {
  test("counts each @handle once and no e-mail address", () => {
    expect(countMentions("Hallo @anna.schmidt und @Anna.Schmidt, bitte an info@example.org, cc @bert")).toBe(2);
    expect(countMentions("Keine Erwähnung hier.")).toBe(0);
  });
});

describe("normalisePostText", () => {
  test("trims, collapses white space and folds case", () => {
    expect(normalisePostText("  Danke   für die\n\nInfo!  ")).toBe("danke für die info!");
    expect(normalisePostText("STRASSE")).toBe(normalisePostText("Straße"));
    expect(normalisePostText("Danke")).not.toBe(normalisePostText("Danke!"));
  });
});
