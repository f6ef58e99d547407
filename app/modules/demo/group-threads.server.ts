import { count, eq, inArray } from "drizzle-orm";
import type { Database } from "#db/client";
import { groupPosts, groupThreads, workingGroups } from "#db/schema";
import { ALBERS, AYDIN, DEMIR, HADDAD, KOWALCZYK, PETERSEN, userIdsByEmail, WENDT } from "./demo-users.server";

type DemoPost = { by: string; daysAgo: number; hour: number; body: string };
type DemoThread = { title: string; pinned?: boolean; posts: DemoPost[] };

/** Discussions of the four demo groups; the private group's are case coordination without names. */
const demoThreads: Record<string, DemoThread[]> = {
  "sprache-bildung": [
    {
      title: "Wartezeiten Integrationskurse: aktueller Stand",
      pinned: true,
      posts: [
        {
          by: ALBERS,
          daysAgo: 38,
          hour: 8,
          body: "Liebe AG,\n\nhier sammeln wir die Wartezeiten für Integrationskurse im Landkreis. Bitte ergänzt, was ihr aus Beratung und Ehrenamt hört.\n\n- **Auenstadt (VHS):** Abendkurs B1 ausgebucht, nächster Start im Mai\n- **Weidenfeld:** Alphabetisierungskurs mit etwa acht Wochen Wartezeit\n- **Lindach:** noch offen\n\nFreie Plätze bundesweit zeigt der [Kursfinder des BAMF](https://www.bamf.de/).",
        },
        { by: HADDAD, daysAgo: 37, hour: 13, body: "In Lindach startet laut Träger im Juni ein neuer Kurs mit Kinderbetreuung. Ich gebe Bescheid, sobald die Anmeldung offen ist." },
        { by: KOWALCZYK, daysAgo: 35, hour: 17, body: "Aus dem Sprachcafé Weidenfeld: Viele warten auf einen Abendkurs, weil sie tagsüber arbeiten oder Kinder betreuen. Gibt es dafür Pläne?" },
        {
          by: ALBERS,
          daysAgo: 34,
          hour: 9,
          body: "> **Marta Kowalczyk** schrieb:\n> Viele warten auf einen Abendkurs, weil sie tagsüber arbeiten oder Kinder betreuen.\n\nJa, wir prüfen einen zweiten Abendkurs ab Herbst. @marta.kowalczyk, kannst du grob schätzen, wie viele Interessierte es in Weidenfeld sind?",
        },
        { by: KOWALCZYK, daysAgo: 33, hour: 18, body: "Ich frage beim nächsten Sprachcafé herum. Im Moment wären es sicher zehn bis zwölf Personen." },
      ],
    },
    {
      title: "Kita-Anmeldung für neu zugezogene Familien in Weidenfeld",
      posts: [
        {
          by: DEMIR,
          daysAgo: 24,
          hour: 10,
          body: "In der Kita Sonnenblume fragen immer mehr Familien nach, die gerade erst angekommen sind. Das Anmeldeverfahren über das Kita-Portal verstehen viele nicht. Wäre eine gemeinsame Infoveranstaltung sinnvoll?",
        },
        {
          by: AYDIN,
          daysAgo: 23,
          hour: 9,
          body: "Gute Idee! Das Jugendamt hat angeboten, das Verfahren einmal vorzustellen. Ich schlage einen Abend im Familienzentrum Weidenfeld im nächsten Monat vor.",
        },
        { by: HADDAD, daysAgo: 23, hour: 15, body: "Die Migrationsberatung kann Sprachmittlung für Arabisch und Dari organisieren." },
        { by: DEMIR, daysAgo: 21, hour: 11, body: "Prima, dann plane ich mit zwei Sprachmittlerinnen und schreibe eine kurze Einladung in *einfacher Sprache*." },
      ],
    },
    {
      title: "Bildungskonferenz im Herbst: Themen sammeln",
      posts: [
        {
          by: AYDIN,
          daysAgo: 12,
          hour: 8,
          body: "Für die Bildungskonferenz suchen wir Themen. Bisher gesammelt:\n\n1. Übergang Schule – Ausbildung\n2. Sprachförderung in der Kita\n3. Elternarbeit mit mehrsprachigen Familien\n\nWeitere Vorschläge gern hier.",
        },
        { by: ALBERS, daysAgo: 11, hour: 14, body: "Ich würde **berufsbezogene Sprachkurse** ergänzen: Zu den Zugangsvoraussetzungen gibt es viele Fragen." },
        { by: KOWALCZYK, daysAgo: 9, hour: 19, body: "Und ehrenamtliche Lernbegleitung: Wie arbeiten Ehrenamt und Kursträger besser zusammen?" },
      ],
    },
  ],
  "arbeit-ausbildung": [
    {
      title: "Anerkennung ausländischer Abschlüsse: wer berät wo?",
      posts: [
        { by: WENDT, daysAgo: 30, hour: 9, body: "Im Jobcenter kommen oft Fragen zur Anerkennung. Lasst uns hier zusammentragen, wer im Landkreis berät, damit wir gezielt weitervermitteln." },
        { by: HADDAD, daysAgo: 29, hour: 11, body: "Die Migrationsberatung in Auenstadt hilft beim Zusammenstellen der Unterlagen. Für Heilberufe verweisen wir an die zuständige Landesstelle." },
        { by: ALBERS, daysAgo: 28, hour: 16, body: "Die VHS bietet einmal im Monat eine offene Sprechstunde zu Anpassungsqualifizierungen an, immer dienstags in Weidenfeld." },
        { by: WENDT, daysAgo: 27, hour: 8, body: "Danke! Ich nehme das in unsere Übersicht für die Integrationsfachkräfte auf." },
      ],
    },
    {
      title: "Praktikumsplätze für Geflüchtete in Lindach",
      posts: [
        {
          by: HADDAD,
          daysAgo: 19,
          hour: 10,
          body: "Mehrere junge Erwachsene aus unserer Beratung suchen ein Praktikum im Handwerk oder in der Pflege, gern in Lindach oder gut mit dem Bus erreichbar.",
        },
        { by: WENDT, daysAgo: 18, hour: 14, body: "Zwei Betriebe aus Lindach haben sich bei uns gemeldet: eine Tischlerei und ein Pflegedienst. Ich stelle den Kontakt her." },
        { by: ALBERS, daysAgo: 16, hour: 9, body: "Für die Pflege lohnt sich vorher ein Blick auf den berufsbezogenen Sprachkurs. Wir haben ab nächsten Monat wieder Plätze." },
      ],
    },
    {
      title: "Jobmesse Auenstadt: Stand der Planung",
      posts: [
        { by: AYDIN, daysAgo: 8, hour: 8, body: "Die Jobmesse findet im Bürgerhaus Auenstadt statt. Bisher haben 14 Betriebe zugesagt. Offen sind noch Sprachmittlung und ein Stand zur Anerkennung." },
        { by: WENDT, daysAgo: 7, hour: 10, body: "Jobcenter und Agentur teilen sich einen Stand. Wir bringen Infomaterial in fünf Sprachen mit." },
        { by: HADDAD, daysAgo: 6, hour: 15, body: "Den Stand zur Anerkennung übernehmen wir gern gemeinsam mit der VHS." },
      ],
    },
  ],
  "ankommen-wohnen": [
    {
      title: "Fall W-07: Familie (5 Personen) sucht Wohnung in Weidenfeld",
      posts: [
        {
          by: HADDAD,
          daysAgo: 26,
          hour: 9,
          body: "Familie mit drei Kindern, derzeit in der Gemeinschaftsunterkunft Auenstadt. Bedarf: mindestens drei Zimmer, Busanbindung zur Grundschule. Aufenthaltstitel liegt vor.",
        },
        { by: WENDT, daysAgo: 25, hour: 11, body: "Die Angemessenheitsgrenze für fünf Personen ist bestätigt. Bitte jedes Angebot **vor** Vertragsabschluss an das Jobcenter schicken." },
        { by: AYDIN, daysAgo: 22, hour: 14, body: "Die Wohnungsgenossenschaft Weidenfeld hat zwei passende Wohnungen gemeldet. Ich leite die Kontakte direkt an die Migrationsberatung weiter." },
        { by: HADDAD, daysAgo: 20, hour: 10, body: "Besichtigung ist vereinbart, eine Ehrenamtliche begleitet." },
      ],
    },
    {
      title: "Belegung der Gemeinschaftsunterkunft Lindach",
      posts: [
        { by: AYDIN, daysAgo: 15, hour: 8, body: "Stand heute: 34 von 40 Plätzen belegt. Zwei Zimmer werden wegen Feuchtigkeit saniert und sind bis Monatsende gesperrt." },
        { by: WENDT, daysAgo: 14, hour: 13, body: "Zwei Haushalte aus Lindach haben eine Wohnungszusage. Damit werden voraussichtlich sechs Plätze frei." },
        { by: HADDAD, daysAgo: 13, hour: 9, body: "Bei einem der beiden Haushalte (Fall L-12) fehlt noch die Kaution. Antrag ist gestellt." },
      ],
    },
    {
      title: "Absprache: Begleitung zu Wohnungsbesichtigungen",
      posts: [
        { by: WENDT, daysAgo: 5, hour: 9, body: "Vermieter fragen öfter nach einer festen Ansprechperson. Sollen wir eine Liste der Ehrenamtlichen führen, die zu Besichtigungen mitkommen?" },
        { by: HADDAD, daysAgo: 4, hour: 12, body: "Ja, aber nur mit Vornamen und Einverständnis der Ehrenamtlichen. Ich frage in der nächsten Runde nach." },
        { by: AYDIN, daysAgo: 3, hour: 16, body: "Einverstanden. Die Liste bleibt in dieser geschlossenen Gruppe." },
      ],
    },
  ],
  "engagement-zusammenleben": [
    {
      title: "Patenschaften: neue Pat*innen gesucht",
      posts: [
        { by: PETERSEN, daysAgo: 33, hour: 18, body: "Für das Patenschaftsprogramm suchen wir neue Pat*innen, vor allem in Auenstadt. Aufwand: etwa zwei Stunden pro Woche." },
        { by: DEMIR, daysAgo: 32, hour: 12, body: "Ich hänge den Aufruf gern in der Kita aus. Gibt es einen Flyer?" },
        { by: AYDIN, daysAgo: 31, hour: 9, body: "Die Integrationskoordination druckt Flyer und verteilt sie an Rathäuser und Bibliotheken." },
        { by: PETERSEN, daysAgo: 29, hour: 20, body: "Danke! Schon drei neue Interessierte haben sich gemeldet." },
      ],
    },
    {
      title: "Interkulturelles Sommerfest in Lindach",
      posts: [
        { by: DEMIR, daysAgo: 17, hour: 10, body: "Wir möchten im Juli ein Sommerfest auf dem Marktplatz in Lindach feiern. Wer macht mit? Gesucht: Musik, ein Kinderprogramm und Essensstände." },
        { by: PETERSEN, daysAgo: 16, hour: 19, body: "Der Sportverein Lindach bietet ein Fußballturnier für Kinder an." },
        { by: AYDIN, daysAgo: 15, hour: 11, body: "Die Genehmigung für den Marktplatz beantrage ich bei der Gemeinde." },
      ],
    },
    {
      title: "Fahrradwerkstatt Auenstadt sucht Helfende",
      posts: [
        {
          by: PETERSEN,
          daysAgo: 4,
          hour: 17,
          body: "Die Fahrradwerkstatt repariert jeden Samstag gespendete Räder für Neuzugezogene. Wir brauchen noch zwei, drei Menschen mit etwas Schrauberfahrung.",
        },
        { by: DEMIR, daysAgo: 2, hour: 13, body: "Mein Mann kommt gern vorbei. Ab wann seid ihr samstags da?" },
        { by: PETERSEN, daysAgo: 1, hour: 19, body: "Wir sind ab 10 Uhr im Hof hinter dem Jugendzentrum Auenstadt. Einfach vorbeikommen!" },
      ],
    },
  ],
};

const DAY_MS = 86_400_000;

/** A time in the past: that many days ago, at about that hour in Germany. */
function at(daysAgo: number, hour: number): Date {
  const date = new Date(Date.now() - daysAgo * DAY_MS);
  date.setUTCHours(hour - 1, (daysAgo * 7) % 60, 0, 0);
  return date;
}

/** Demo data: threads with replies in the demo groups. Running it again adds nothing twice. */
export async function seedGroupThreads(db: Database): Promise<void> {
  const groups = await db
    .select({ id: workingGroups.id, slug: workingGroups.slug })
    .from(workingGroups)
    .where(inArray(workingGroups.slug, Object.keys(demoThreads)));
  const people = await userIdsByEmail(db);
  for (const group of groups) {
    const [existing] = await db.select({ value: count() }).from(groupThreads).where(eq(groupThreads.groupId, group.id));
    if ((existing?.value ?? 0) > 0) continue;
    await db.transaction(async (tx) => {
      for (const thread of demoThreads[group.slug] ?? []) {
        const posts = thread.posts.map((post) => ({ authorId: people.get(post.by) ?? null, body: post.body, createdAt: at(post.daysAgo, post.hour) }));
        const first = posts[0]!;
        const last = posts[posts.length - 1]!;
        const [row] = await tx
          .insert(groupThreads)
          .values({
            groupId: group.id,
            title: thread.title,
            authorId: first.authorId,
            pinnedAt: thread.pinned ? first.createdAt : null,
            lastPostAt: last.createdAt,
            createdAt: first.createdAt,
            updatedAt: last.createdAt,
          })
          .returning({ id: groupThreads.id });
        await tx.insert(groupPosts).values(posts.map((post) => ({ ...post, threadId: row!.id })));
      }
    });
  }
}
