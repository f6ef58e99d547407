import type { TopicStatus } from "#db/schema";
import { ALBERS, DEMIR, HADDAD, KOWALCZYK, PETERSEN, WENDT } from "./demo-users.server";

// The demo network's Open Mic as data; db/seed/open-mic.ts stores it.

/**
 * Demo people who speak for their organisation ("Antwort von Jobcenter Auental"): the editors of
 * these partners. The directory seed has none, so the Open Mic brings them.
 */
export const DEMO_PARTNER_MEMBERS: [email: string, partnerSlug: string][] = [
  [WENDT, "jobcenter-auental"],
  [ALBERS, "vhs-auental"],
  [HADDAD, "caritas-auental"],
  [DEMIR, "kita-sonnenblume-weidenfeld"],
];

type DemoReply = {
  by: string;
  /** Days before today. */
  ago: number;
  body: string;
  /** Written in the name of this partner (the author is one of its editors). */
  partner?: string;
  anonymous?: boolean;
  hidden?: string;
  flag?: { by: string; reason: "spam" | "offensive" | "personal_data" | "other"; note: string };
  /** The language the author chose; left out, it is detected from the text, as in the form. */
  language?: string;
};

type DemoChange = {
  to: TopicStatus;
  ago: number;
  answer: string;
  /** A short summary of the answer in plain language, shown before it. */
  plainSummary?: string;
  /** Directory services the answer points to (by slug). */
  services?: string[];
  /** Routing: the group (by slug), the next review (days from today) and an optional task there. */
  group?: string;
  review?: number;
  task?: { title: string; description: string; status?: "open" | "in_progress"; assignees?: string[] };
};

export type DemoTopic = {
  key: string;
  title: string;
  body: string;
  category: string;
  town?: string;
  /** A member's topic; a guest's has `guest` instead (`language`: the page they wrote from, German if left out). */
  by?: string;
  anonymous?: boolean;
  guest?: { name?: string; email?: string; pending?: boolean; language?: string };
  /** The language the author chose; left out, it is detected from the text, as in the form. */
  language?: string;
  ago: number;
  changes?: DemoChange[];
  replies?: DemoReply[];
  supporters?: string[];
  followers?: string[];
  mergedInto?: string;
  locked?: boolean;
};

export const demoTopics: DemoTopic[] = [
  {
    key: "integrationskurse",
    title: "Wartezeiten für Integrationskurse in Weidenfeld",
    body: "Mehrere Menschen aus unserem Sprachcafé warten seit über vier Monaten auf einen Platz im Integrationskurs in Weidenfeld. Manche fahren inzwischen nach Auenstadt, was mit Kindern kaum zu schaffen ist.\n\nGibt es eine Übersicht, wo gerade Plätze frei sind? Und könnte man in Weidenfeld einen zusätzlichen **Abendkurs** einrichten?",
    category: "sprache",
    town: "Weidenfeld",
    by: KOWALCZYK,
    ago: 75,
    replies: [
      {
        by: ALBERS,
        partner: "vhs-auental",
        ago: 70,
        body: "Aktuell liegt die Wartezeit in Weidenfeld bei etwa vier Monaten. Wir planen ab September einen zusätzlichen Abendkurs in der Außenstelle Lindenweg, wenn sich genug Teilnehmende finden. Interessierte können sich schon jetzt unverbindlich vormerken lassen.",
      },
      { by: DEMIR, ago: 66, body: "Bei uns in der Kita fragen vor allem Mütter nach einem Kurs mit Kinderbetreuung. Vielleicht lässt sich beides verbinden?" },
      { by: PETERSEN, ago: 61, body: "Ich kann aus Lindach bestätigen: Auch dort warten mehrere Personen. Eine gemeinsame Warteliste für den Landkreis würde helfen." },
    ],
    changes: [
      { to: "clarifying", ago: 64, answer: "Danke für den Hinweis! Wir fragen bei der VHS und den weiteren Kursträgern nach, wie lang die Wartelisten derzeit sind." },
      {
        to: "routed",
        ago: 50,
        answer:
          "Die AG Sprache & Bildung führt die Wartelisten der Kursträger zusammen und prüft mit der VHS den zusätzlichen Abendkurs. Bis dahin finden Sie freie Plätze über die Kursübersicht der VHS.",
        services: ["integrationskurs-allgemein", "elternintegrationskurs"],
        group: "sprache-bildung",
        review: 12,
        task: {
          title: "Wartelisten der Integrationskurse in Weidenfeld zusammenführen",
          description:
            "Aus dem Open Mic: Wartezeiten für Integrationskurse in Weidenfeld. Listen von VHS, Bildungszentrum und Migrationsberatung abgleichen; Bedarf für einen Abendkurs mit Kinderbetreuung beziffern.",
          status: "in_progress",
          assignees: [ALBERS],
        },
      },
    ],
    supporters: [ALBERS, DEMIR, PETERSEN, HADDAD, WENDT],
    followers: [DEMIR, PETERSEN],
  },
  {
    key: "integrationskurse-duplikat",
    title: "Integrationskurs Weidenfeld: Warteliste viel zu lang",
    body: "Eine Familie, die ich begleite, wartet seit dem Winter auf einen Kursplatz in Weidenfeld. Wer kann da helfen?",
    category: "sprache",
    town: "Weidenfeld",
    by: HADDAD,
    ago: 58,
    mergedInto: "integrationskurse",
    supporters: [WENDT],
  },
  {
    key: "dolmetscherpool",
    title: "Dolmetscherpool für Elterngespräche",
    body: "In Elterngesprächen in der Kita verständigen wir uns oft mit Händen und Füßen oder die älteren Geschwister übersetzen. Das ist für alle unbefriedigend, gerade wenn es um Entwicklung oder Gesundheit geht.\n\nKönnte das Netzwerk einen Pool von Sprachmittlerinnen und Sprachmittlern aufbauen, den Kitas und Schulen kurzfristig anfragen können?",
    category: "kinder-familie",
    town: "Weidenfeld",
    by: DEMIR,
    ago: 120,
    replies: [
      {
        by: HADDAD,
        partner: "caritas-auental",
        ago: 116,
        body: "Die Migrationsberatung hat gute Erfahrungen mit ehrenamtlichen Sprachmittlerinnen für Arabisch, Dari und Ukrainisch gemacht. Wir unterstützen gern beim Aufbau.",
      },
      { by: KOWALCZYK, ago: 112, body: "Wichtig wäre eine kurze Schulung zu Schweigepflicht und Rollenklarheit für die Sprachmittelnden." },
      { by: DEMIR, ago: 20, body: "Wir haben den Pool jetzt dreimal gebucht, es hat sehr gut geklappt. Vielen Dank an alle!" },
    ],
    changes: [
      { to: "clarifying", ago: 110, answer: "Wir klären mit dem Integrationsbüro, ob der bestehende Sprachmittlerpool auch für Kitas und Schulen geöffnet werden kann." },
      {
        to: "answered",
        ago: 95,
        answer:
          "Der Sprachmittlerpool des Integrationsbüros vermittelt ab sofort auch für Elterngespräche in Kitas und Schulen. Bitte fragen Sie mindestens fünf Werktage vorher an; die Einsätze sind für die Einrichtungen kostenfrei.",
        services: ["dolmetscherpool-sprachmittlung"],
      },
      {
        to: "implemented",
        ago: 30,
        answer: "Umgesetzt: Seit März buchen Kitas und Schulen den Pool über ein Formular des Integrationsbüros. Im ersten Monat gab es 14 Einsätze in neun Sprachen.",
        services: ["dolmetscherpool-sprachmittlung"],
      },
    ],
    supporters: [KOWALCZYK, ALBERS, HADDAD, PETERSEN, WENDT],
    followers: [ALBERS],
  },
  {
    key: "busverbindung",
    title: "Busverbindung Lindach–Auenstadt zum Jobcenter",
    body: "Wer in Lindach wohnt und einen Termin im Jobcenter in Auenstadt hat, braucht mit dem Bus oft über eine Stunde, und der erste Bus kommt erst nach 9 Uhr an. Termine um 8 Uhr sind so kaum erreichbar.\n\nKönnten Termine für Menschen aus Lindach später gelegt oder in der Außenstelle Lindach angeboten werden?",
    category: "arbeit",
    town: "Lindach",
    by: PETERSEN,
    ago: 70,
    replies: [
      {
        by: WENDT,
        partner: "jobcenter-auental",
        ago: 66,
        body: "Montags und mittwochs sind wir vormittags in der Außenstelle im Rathaus Lindach. Bei der Terminvergabe können Sie darauf hinweisen, dass Sie aus Lindach kommen.",
      },
      { by: KOWALCZYK, ago: 52, body: "Das wissen viele nicht. Vielleicht könnte das auf der Einladung stehen?" },
    ],
    changes: [
      { to: "clarifying", ago: 63, answer: "Wir sprechen mit dem Jobcenter und dem Verkehrsverbund über die Termine und die Fahrzeiten." },
      {
        to: "routed",
        ago: 45,
        answer:
          "Die AG Arbeit & Ausbildung nimmt das Thema auf: Termine für Menschen aus Lindach sollen passend zum Fahrplan vergeben werden, und die Einladungen sollen auf die Außenstelle hinweisen.",
        services: ["jobcenter-arbeitsvermittlung", "fahrdienst-steinach"],
        group: "arbeit-ausbildung",
        review: -5,
        task: {
          title: "Jobcenter-Termine für Lindach an den Busfahrplan anpassen",
          description:
            "Aus dem Open Mic: Busverbindung Lindach–Auenstadt zum Jobcenter. Mit dem Jobcenter klären, ob Termine für Menschen aus Lindach nicht vor 9:30 Uhr liegen, und einen Hinweis auf die Außenstelle in die Einladungen aufnehmen.",
          assignees: [WENDT],
        },
      },
    ],
    supporters: [KOWALCZYK, HADDAD, DEMIR],
    followers: [KOWALCZYK],
  },
  {
    key: "wohnungsbesichtigung",
    title: "Begleitung zu Wohnungsbesichtigungen",
    body: "Familien aus der Gemeinschaftsunterkunft bekommen kaum Zusagen, wenn sie allein zu Besichtigungen gehen. Mit einer Begleitung, die Fragen der Vermietenden beantwortet, klappt es deutlich öfter.\n\nGibt es Ehrenamtliche, die Besichtigungen begleiten würden?",
    category: "wohnen",
    town: "Auenstadt",
    by: HADDAD,
    ago: 40,
    replies: [{ by: PETERSEN, ago: 36, body: "Ich wäre dabei, allerdings nur nachmittags. Eine kurze Einführung zum Mietrecht wäre hilfreich." }],
    changes: [
      {
        to: "routed",
        ago: 30,
        answer: "Eine Arbeitsgruppe des Netzwerks baut einen Begleitpool für Wohnungsbesichtigungen auf. Der Wohnführerschein des Mietervereins bereitet Wohnungssuchende zusätzlich vor.",
        services: ["wohnfuehrerschein", "wohnungsvermittlung"],
        group: "ankommen-wohnen",
        review: 20,
        task: {
          title: "Begleitpool für Wohnungsbesichtigungen aufbauen",
          description: "Aus dem Open Mic: Begleitung zu Wohnungsbesichtigungen. Ehrenamtliche gewinnen, Einführung mit dem Mieterverein planen.",
        },
      },
    ],
    supporters: [PETERSEN, KOWALCZYK],
    followers: [PETERSEN],
  },
  {
    key: "patenschaften",
    title: "Patenschaften für neu zugezogene Familien in Lindach",
    body: "In Lindach kommen gerade mehrere Familien neu an. Für den Start wären Patinnen und Paten aus dem Ort eine große Hilfe: Wo ist der Kinderarzt, wie funktioniert der Sportverein, wer hilft bei Post vom Amt?",
    category: "ehrenamt",
    town: "Lindach",
    by: KOWALCZYK,
    ago: 35,
    replies: [
      { by: PETERSEN, ago: 31, body: "Beim Treffen der Patinnen und Paten in Auenstadt können wir gern berichten, wie wir das organisieren." },
      { by: DEMIR, ago: 29, body: "Die Kita Arche Noah in Lindach würde einen Aushang machen." },
    ],
    changes: [
      {
        to: "routed",
        ago: 25,
        answer: "Die AG Engagement & Zusammenleben startet ein Patenschaftsprogramm für Lindach und sucht dafür Ehrenamtliche aus dem Ort.",
        services: ["ehrenamt-vermittlung", "sprachpatenschaften"],
        group: "engagement-zusammenleben",
        review: 6,
        task: {
          title: "Patenschaftsprogramm Lindach: Ehrenamtliche gewinnen",
          description: "Aus dem Open Mic: Patenschaften für neu zugezogene Familien in Lindach. Aufruf im Gemeindeblatt, Kennenlernabend im Mehrgenerationenhaus.",
          assignees: [PETERSEN],
        },
      },
    ],
    supporters: [PETERSEN, DEMIR, HADDAD],
  },
  {
    key: "sprachcafe-wochenende",
    title: "Sprachcafé auch am Wochenende?",
    body: "Viele Teilnehmende arbeiten unter der Woche im Schichtdienst und schaffen es nicht ins Sprachcafé. Wäre ein Termin am Samstagvormittag möglich, vielleicht abwechselnd in Auenstadt und Weidenfeld?",
    category: "sprache",
    town: "Auenstadt",
    by: PETERSEN,
    ago: 9,
    replies: [
      { by: ALBERS, ago: 8, body: "Die Räume der VHS wären samstags frei. Es bräuchte aber Ehrenamtliche für die Leitung." },
      {
        by: KOWALCZYK,
        ago: 7,
        body: "Am Wochenende haben Ehrenamtliche auch mal frei. Wer mehr will, soll halt einen Kurs bezahlen.",
        flag: { by: PETERSEN, reason: "offensive", note: "Abwertend gegenüber den Teilnehmenden." },
      },
    ],
    supporters: [ALBERS, DEMIR],
  },
  {
    key: "gast-termine",
    title: "Keine Termine bei der Ausländerbehörde online buchbar",
    body: "Seit Wochen ist im Online-Kalender der Ausländerbehörde kein Termin frei. Mein Nachbar (Tel. 0170 1234567) muss seinen Aufenthaltstitel verlängern und weiß nicht, was er tun soll. Gibt es einen anderen Weg?",
    category: "aufenthalt-recht",
    town: "Auenstadt",
    guest: { name: "Yusuf K.", email: "yusuf.k@beispiel.example", pending: true },
    ago: 2,
  },
  {
    key: "gast-fahrradkurs",
    title: "Fahrradkurs für Frauen auch in Weidenfeld",
    body: "Der Fahrradkurs für Frauen in Auenstadt ist toll, aber für uns in Weidenfeld weit weg. Könnte es den Kurs auch hier geben?",
    category: "freizeit-sport",
    town: "Weidenfeld",
    guest: { name: "Olena", pending: true },
    ago: 1,
  },
  {
    key: "psz-wartezeit",
    title: "Lange Wartezeiten auf Termine im Psychosozialen Zentrum",
    body: "Menschen, die ich berate, warten mehrere Monate auf ein Erstgespräch im Psychosozialen Zentrum. In der Zwischenzeit gibt es kaum Unterstützung. Gibt es Überbrückungsangebote, auf die wir verweisen können?",
    category: "gesundheit",
    by: HADDAD,
    anonymous: true,
    ago: 16,
    changes: [{ to: "clarifying", ago: 12, answer: "Wir fragen beim Psychosozialen Zentrum und beim Gesundheitsamt nach Überbrückungsangeboten und melden uns hier." }],
    supporters: [KOWALCZYK, PETERSEN],
  },
  {
    key: "pflege-anerkennung",
    title: "Anerkennung ausländischer Pflegeabschlüsse dauert zu lange",
    body: "Pflegefachkräfte aus dem Ausland warten oft ein Jahr auf den Bescheid zur Anerkennung. In der Zeit arbeiten sie als Hilfskräfte, obwohl die Kliniken dringend Fachkräfte suchen. Wo hakt es, und was kann das Netzwerk tun?",
    category: "anerkennung",
    by: WENDT,
    ago: 25,
    replies: [{ by: HADDAD, ago: 22, body: "Oft fehlen Unterlagen aus dem Herkunftsland. Eine frühe Beratung spart Monate." }],
    changes: [
      { to: "clarifying", ago: 15, answer: "Wir klären mit der Anerkennungsberatung und der Kreisklinik, an welcher Stelle die Verfahren stocken.", services: ["anerkennung-berufsabschluesse"] },
    ],
    supporters: [HADDAD, ALBERS],
  },
  {
    key: "wlan-unterkunft",
    title: "WLAN in der Gemeinschaftsunterkunft Weidenfeld",
    body: "In der Gemeinschaftsunterkunft Weidenfeld gibt es nur im Gemeinschaftsraum WLAN, und das bricht abends ständig ab. Für Sprachkurse online, Bewerbungen und Kontakt zur Familie ist das ein echtes Problem.",
    category: "alltag-orientierung",
    town: "Weidenfeld",
    by: PETERSEN,
    ago: 12,
    changes: [{ to: "clarifying", ago: 8, answer: "Wir haben beim Träger der Unterkunft nachgefragt, ob ein Ausbau geplant ist." }],
    supporters: [KOWALCZYK, DEMIR, HADDAD],
  },
  {
    key: "schwimmkurse",
    title: "Schwimmkurse für Kinder: lange Wartelisten",
    body: "Meine Kinder (8 und 10) können nicht schwimmen. Alle Kurse in Auenstadt sind voll. Gibt es Kurse, die für neu zugezogene Familien Plätze freihalten?",
    category: "freizeit-sport",
    town: "Auenstadt",
    guest: { name: "Nadia R.", email: "nadia.r@beispiel.example" },
    ago: 18,
    changes: [{ to: "clarifying", ago: 14, answer: "Wir fragen beim Kreissportbund und beim TSV Weidenfeld nach freien Plätzen und zusätzlichen Kursen." }],
    supporters: [DEMIR],
  },
  {
    key: "schulungen-asylrecht",
    title: "Wo finden Ehrenamtliche Schulungen zum Asylrecht?",
    body: "Als Ehrenamtliche werde ich oft nach dem Stand von Asylverfahren gefragt. Ich möchte nichts Falsches sagen. Gibt es Schulungen, die die Grundlagen erklären?",
    category: "ehrenamt",
    by: KOWALCZYK,
    ago: 50,
    replies: [{ by: PETERSEN, ago: 47, body: "Die Schulung der Freiwilligenagentur im Frühjahr war sehr gut. Rechtsberatung im Einzelfall sollten aber die Fachstellen machen." }],
    changes: [
      {
        to: "answered",
        ago: 44,
        answer:
          "Die Freiwilligenagentur bietet zweimal im Jahr eine Grundlagenschulung zum Asyl- und Aufenthaltsrecht an. Für Fragen im Einzelfall verweisen Sie bitte an die Refugee Law Clinic oder die Flüchtlingsberatung.",
        services: ["schulungen-ehrenamtliche", "rechtsberatung-asyl", "fluechtlingsberatung"],
      },
    ],
    supporters: [PETERSEN, DEMIR, ALBERS],
    followers: [PETERSEN],
  },
  {
    key: "formulare-ukraine",
    title: "Hilfe beim Ausfüllen von Formularen für Ukrainerinnen",
    body: "Viele Frauen aus der Ukraine bekommen Post vom Jobcenter und von der Familienkasse, die sie nicht verstehen. Wo können sie mit den Formularen hingehen?",
    category: "beratung",
    by: KOWALCZYK,
    ago: 65,
    replies: [
      { by: WENDT, partner: "jobcenter-auental", ago: 60, body: "Im Jobcenter hilft das Team Migration beim Ausfüllen unserer Anträge. Termine gibt es auch kurzfristig." },
      {
        by: PETERSEN,
        ago: 58,
        body: "Wer Nachhilfe beim Ausfüllen braucht: Ich mache das privat für 25 € die Stunde, meldet euch!",
        hidden: "Werbung für ein privates, kostenpflichtiges Angebot",
      },
    ],
    changes: [
      {
        to: "answered",
        ago: 55,
        answer: "Die Ukraine-Hilfe Auental bietet eine Formularsprechstunde an, die Migrationsberatung der Caritas hilft bei allen Anträgen. Beides ist kostenlos.",
        services: ["ukraine-hilfe-formulare", "mbe-caritas", "jobcenter-erstberatung-gefluechtete"],
      },
    ],
    supporters: [HADDAD, DEMIR],
  },
  {
    key: "berufsorientierung",
    title: "Berufsorientierung für Jugendliche, die spät eingereist sind",
    body: "Jugendliche, die mit 16 oder 17 Jahren ankommen, fallen oft durchs Raster: Für die Schule zu alt, für eine Ausbildung fehlt die Sprache. Welche Angebote gibt es für sie im Landkreis?",
    category: "bildung",
    by: ALBERS,
    ago: 45,
    changes: [
      {
        to: "answered",
        ago: 38,
        answer:
          "Für diese Jugendlichen gibt es die InteA-Klassen an den Beruflichen Schulen Auenstadt und die Beratung des Jugendmigrationsdienstes, der auch bei der Suche nach einem Praktikum hilft.",
        services: ["intea-vorbereitungsklasse", "jmd-beratung", "ausbildungsbegleitung"],
      },
    ],
    supporters: [HADDAD, WENDT],
  },
  {
    key: "kita-warteliste",
    title: "Kita-Plätze in Auenstadt: Wie kommen zugezogene Familien auf die Warteliste?",
    body: "Familien, die neu nach Auenstadt ziehen, wissen oft nicht, dass sie sich im Kita-Portal anmelden müssen, und verlieren so Monate. Wer erklärt ihnen das Verfahren?",
    category: "kinder-familie",
    town: "Auenstadt",
    by: DEMIR,
    ago: 55,
    replies: [
      { by: DEMIR, partner: "kita-sonnenblume-weidenfeld", ago: 52, body: "Wir nehmen Familien aus Weidenfeld auch ohne Portal-Anmeldung auf unsere interne Liste und helfen dann bei der Anmeldung." },
    ],
    changes: [
      {
        to: "answered",
        ago: 48,
        answer: "Das Kreisjugendamt berät zur Kita-Platz-Vergabe und zur Kindertagespflege, auch mit Sprachmittlung. Bis ein Platz frei wird, helfen Eltern-Kind-Gruppen im Familienzentrum.",
        services: ["kita-platz-vergabe", "kindertagespflege-vermittlung", "eltern-kind-gruppe"],
      },
    ],
    supporters: [KOWALCZYK, HADDAD, ALBERS],
  },
  {
    key: "computerkurs",
    title: "Computerkurs für ältere Zugewanderte",
    body: "Ältere Zugewanderte sollen immer mehr online erledigen: Termine buchen, Formulare hochladen. Viele haben nie mit einem Computer gearbeitet. Gibt es dafür einfache Kurse, gern in Lindach?",
    category: "bildung",
    town: "Lindach",
    by: KOWALCZYK,
    ago: 32,
    changes: [
      {
        to: "answered",
        ago: 26,
        answer: "Die Stadtbibliothek bietet eine Digital-Sprechstunde an, der Internationale Frauentreff einen Computerkurs für Frauen. In Lindach prüft das Mehrgenerationenhaus ein eigenes Angebot.",
        services: ["computer-sprechstunde", "frauen-computerkurs"],
      },
    ],
    supporters: [PETERSEN],
  },
  {
    key: "arzt-video",
    title: "Arzttermine: Dolmetschen per Video?",
    body: "Beim Hausarzt wäre eine Videoverbindung zu einer Dolmetscherin oft schneller zu organisieren als eine Begleitung vor Ort. Gibt es so etwas im Landkreis?",
    category: "gesundheit",
    town: "Lindach",
    by: HADDAD,
    ago: 28,
    changes: [
      {
        to: "answered",
        ago: 21,
        answer: "Das MVZ Lindach bietet eine mehrsprachige Hausarztsprechstunde an und nutzt in Einzelfällen Videodolmetschen. Für andere Praxen kann der Sprachmittlerpool angefragt werden.",
        services: ["hausarztsprechstunde-mehrsprachig", "dolmetscherpool-sprachmittlung"],
      },
    ],
    supporters: [DEMIR, KOWALCZYK],
  },
  {
    key: "infoabende-schule",
    title: "Mehrsprachige Infoabende zum Schulsystem",
    body: "Eltern, die neu angekommen sind, verstehen das hessische Schulsystem oft nicht: Grundschule, Förderstufe, Gesamtschule, Gymnasium. Mehrsprachige Infoabende vor den Übergängen würden viel Unsicherheit nehmen.",
    category: "bildung",
    by: DEMIR,
    ago: 100,
    changes: [
      { to: "routed", ago: 90, answer: "Die AG Sprache & Bildung plant mit dem Staatlichen Schulamt Infoabende in mehreren Sprachen.", group: "sprache-bildung", review: -60 },
      {
        to: "implemented",
        ago: 40,
        answer: "Umgesetzt: Im April fanden die ersten Infoabende auf Arabisch, Ukrainisch und Dari statt, mit über 60 Eltern. Im Herbst folgen weitere Termine.",
        services: ["schulanmeldung-seiteneinsteiger"],
      },
    ],
    supporters: [ALBERS, HADDAD, KOWALCZYK, PETERSEN],
  },
  {
    key: "ehrenamtskarte",
    title: "Ehrenamtskarte auch für Sprachpatinnen und Sprachpaten",
    body: "Sprachpatinnen und Sprachpaten engagieren sich oft viele Stunden im Monat, bekommen aber keine Ehrenamtskarte, weil sie keinem Verein angehören. Kann man das ändern?",
    category: "ehrenamt",
    by: PETERSEN,
    ago: 85,
    changes: [
      { to: "clarifying", ago: 80, answer: "Wir klären mit der Freiwilligenagentur, ob Patenschaften über das Netzwerk anerkannt werden können." },
      {
        to: "implemented",
        ago: 35,
        answer: "Umgesetzt: Die Freiwilligenagentur bestätigt Sprachpatenschaften ab sofort für den Antrag auf die Ehrenamtskarte.",
        services: ["sprachpatenschaften", "ehrenamt-vermittlung"],
      },
    ],
    supporters: [KOWALCZYK, DEMIR],
  },
  {
    key: "mittagstisch",
    title: "Mittagstisch in Lindach auch für Familien öffnen",
    body: "Der Mittagstisch im Mehrgenerationenhaus Lindach ist für Seniorinnen und Senioren gedacht. Familien aus der Nachbarschaft würden gern dazukommen, es wäre ein guter Ort zum Kennenlernen.",
    category: "alltag-orientierung",
    town: "Lindach",
    by: KOWALCZYK,
    ago: 60,
    changes: [{ to: "implemented", ago: 42, answer: "Umgesetzt: Mittwochs ist der Mittagstisch jetzt für alle offen, Kinder essen kostenlos mit.", services: ["mittagstisch-senioren"] }],
    supporters: [PETERSEN, DEMIR, HADDAD],
  },
  {
    key: "infoveranstaltung-buergergeld",
    title: "Infoveranstaltung zum Bürgergeld für Geflüchtete aus der Ukraine",
    body: "Nach dem Rechtskreiswechsel haben viele Fragen zum Bürgergeld: Was muss gemeldet werden, welche Pflichten gibt es? Eine Infoveranstaltung auf Ukrainisch wäre sehr hilfreich.",
    category: "arbeit",
    by: WENDT,
    ago: 110,
    changes: [
      { to: "answered", ago: 100, answer: "Das Jobcenter lädt am ersten Dienstag im Monat zu einer Infoveranstaltung mit Dolmetscherin ein.", services: ["buergergeld-antrag"] },
      { to: "closed", ago: 70, answer: "Die Veranstaltungen laufen regelmäßig; wir schließen das Anliegen. Danke für die Anregung!" },
    ],
    supporters: [HADDAD],
  },
  {
    key: "wohnsitz-anmeldung",
    title: "Termine im Bürgerbüro für die Anmeldung des Wohnsitzes",
    body: "Für die Anmeldung des Wohnsitzes gibt es im Bürgerbüro Auenstadt erst in sechs Wochen Termine. Ohne Anmeldung geht aber nichts weiter: kein Konto, kein Kita-Antrag.",
    category: "alltag-orientierung",
    town: "Auenstadt",
    by: HADDAD,
    ago: 95,
    changes: [
      {
        to: "answered",
        ago: 88,
        answer: "Das Bürgerbüro hält ab sofort jeden Donnerstag Termine für Neuzugezogene frei, die über die Migrationsberatung vergeben werden.",
        services: ["wohnsitz-anmelden"],
      },
      { to: "closed", ago: 60, answer: "Die Regelung hat sich bewährt; das Anliegen ist erledigt." },
    ],
    supporters: [KOWALCZYK, PETERSEN, DEMIR],
    locked: true,
  },
  {
    key: "sprechstunde-arabisch",
    title: "Sprechstunde im Jobcenter auf Arabisch",
    body: "Eine Sprechstunde mit arabischsprachigen Mitarbeitenden würde viele Missverständnisse vermeiden.",
    category: "arbeit",
    by: HADDAD,
    ago: 130,
    changes: [
      {
        to: "closed",
        ago: 115,
        answer: "Das Jobcenter bietet im Team Migration Beratung auf Arabisch an; Termine lassen sich direkt dort vereinbaren. Wir schließen das Anliegen.",
        services: ["jobcenter-erstberatung-gefluechtete"],
      },
    ],
  },
  {
    key: "fuehrerschein",
    title: "Kostenlose Führerscheine für alle Geflüchteten",
    body: "Ohne Führerschein kommt man in den Dörfern des Landkreises kaum zur Arbeit. Der Landkreis sollte allen Geflüchteten den Führerschein bezahlen.",
    category: "arbeit",
    by: PETERSEN,
    ago: 48,
    changes: [
      {
        to: "rejected",
        ago: 40,
        answer:
          "Eine allgemeine Kostenübernahme für Führerscheine kann das Netzwerk nicht leisten; dafür gibt es keine Mittel. Im Einzelfall kann das Jobcenter einen Führerschein fördern, wenn er für eine konkrete Arbeitsstelle nötig ist. Sprechen Sie dazu die Arbeitsvermittlung an; ausländische Führerscheine schreibt das Bürgerbüro um.",
        services: ["jobcenter-arbeitsvermittlung", "fuehrerschein-umschreiben"],
      },
    ],
    supporters: [DEMIR],
  },
  {
    key: "nur-online",
    title: "Deutschkurse nur noch online anbieten",
    body: "Online-Kurse sparen Fahrzeit und Räume. Warum bieten die Kursträger nicht alles online an?",
    category: "sprache",
    by: WENDT,
    ago: 38,
    changes: [
      {
        to: "rejected",
        ago: 33,
        answer:
          "Die Kursträger bleiben bei Präsenzkursen: Gerade am Anfang lernen die meisten besser in der Gruppe, und viele haben zu Hause kein Gerät oder kein stabiles Internet. Ergänzend gibt es die Lernecke der Stadtbibliothek.",
        services: ["deutsch-lernen-mit-medien"],
      },
    ],
  },
  {
    key: "muettertreff",
    title: "Treffpunkt für junge Mütter in Weidenfeld",
    body: "Junge Mütter, die neu in Weidenfeld sind, kennen oft niemanden. Ein offener Treff mit Kinderbetreuung, vielleicht einmal pro Woche, würde helfen, Anschluss zu finden.",
    category: "kinder-familie",
    town: "Weidenfeld",
    by: DEMIR,
    ago: 5,
    replies: [{ by: HADDAD, ago: 4, body: "Die Migrationsberatung würde einmal im Monat dazukommen und Fragen beantworten." }],
    supporters: [KOWALCZYK, HADDAD],
  },
  {
    key: "saisonkraefte",
    title: "Beratung zu Arbeitsrecht für Saisonkräfte",
    body: "Auf den Höfen rund um Lindach arbeiten im Sommer viele Saisonkräfte aus Osteuropa. Sie wissen oft nicht, welche Rechte sie haben, etwa beim Lohn oder bei Unterkunftskosten.",
    category: "arbeit",
    town: "Lindach",
    by: WENDT,
    ago: 3,
    replies: [
      {
        by: ALBERS,
        ago: 2,
        body: "Many of the seasonal workers who come to our evening classes speak English better than German. A short leaflet in English, Romanian and Polish on pay, working hours and housing costs would already help a lot, and we would gladly hand it out.",
      },
    ],
    supporters: [HADDAD],
  },
  {
    key: "kinderbetreuung-kurse",
    title: "Mehr Sprachkurse mit Kinderbetreuung",
    body: "Viele Mütter können nur an einem Kurs teilnehmen, wenn ihre Kinder betreut werden. Die wenigen Kurse mit Kinderbetreuung sind schnell voll.",
    category: "sprache",
    by: ALBERS,
    ago: 6,
    supporters: [DEMIR, KOWALCZYK, HADDAD],
  },
  {
    key: "schulbriefe-arabisch",
    title: "رسائل المدرسة بالعربية أيضًا",
    body: "تصلنا من المدرسة رسائل كثيرة باللغة الألمانية عن الرحلات والمواعيد واجتماعات أولياء الأمور. كثير من الأهالي لا يفهمونها، فتفوتهم أمور مهمة لأطفالهم.\n\nهل يمكن أن ترسل المدارس الرسائل المهمة بالعربية أيضًا؟ أو أن يكون هناك مكان نسأل فيه عن معنى الرسالة؟",
    category: "kinder-familie",
    town: "Auenstadt",
    by: HADDAD,
    ago: 9,
    replies: [
      { by: DEMIR, ago: 8, body: "Das kennen wir aus der Kita auch. Vielleicht können die Sprachmittlerinnen aus dem Pool auch kurze Elternbriefe übersetzen?" },
      { by: HADDAD, ago: 7, body: "فكرة جيدة. يكفي أحيانًا ملخص قصير من ثلاث جمل بالعربية." },
    ],
    changes: [
      {
        to: "clarifying",
        ago: 6,
        answer: "Wir fragen beim Schulamt nach, ob es Vorlagen für Elternbriefe in mehreren Sprachen gibt, und beim Integrationsbüro, ob der Sprachmittlerpool kurze Briefe übersetzen kann.",
        plainSummary: "Wir fragen beim Schulamt und beim Integrationsbüro nach. Wir schreiben hier, was wir erfahren.",
      },
    ],
    supporters: [DEMIR, KOWALCZYK],
  },
  {
    key: "kinderarzt-ukrainisch",
    title: "Де знайти дитячого лікаря, який бере нових пацієнтів?",
    body: "Ми з двома дітьми живемо в Ліндаху з весни. Усі дитячі лікарі, яким я телефонувала, кажуть, що нових пацієнтів не приймають. Куди звернутися, якщо дитина захворіє або для школи потрібні щеплення?",
    category: "gesundheit",
    town: "Lindach",
    guest: { name: "Olha M.", email: "olha.m@beispiel.example", language: "uk" },
    ago: 11,
    changes: [
      {
        to: "answered",
        ago: 7,
        answer:
          "Die Terminservicestelle der Kassenärztlichen Vereinigung vermittelt unter der Telefonnummer 116 117 Termine bei Kinderärztinnen und Kinderärzten, auch für Familien ohne feste Praxis. Bei Fieber am Wochenende hilft der ärztliche Bereitschaftsdienst unter derselben Nummer. Die Migrationsberatung der Caritas hilft beim Anrufen.",
        plainSummary: "Rufen Sie die 116 117 an. Dort bekommen Sie einen Termin bei einer Kinderärztin oder einem Kinderarzt. Die Migrationsberatung hilft Ihnen beim Anrufen.",
        services: ["mbe-caritas"],
      },
    ],
    supporters: [PETERSEN],
  },
];
