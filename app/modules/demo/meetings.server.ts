import { count, eq, inArray, isNull } from "drizzle-orm";
import { addDays, berlinDate, berlinWallTimeToUtc, weekdayOf } from "#app/modules/calendar/berlin-time";
import type { Database } from "#db/client";
import { meetingAttendance, meetings, users, workingGroups } from "#db/schema";

type DemoMeeting = {
  title: string;
  /** Days from the day the seed runs, moved forward to the weekday below. */
  inDays: number;
  weekday: number;
  from: string;
  to: string;
  place?: string;
  onlineUrl?: string;
  agenda: string;
  minutes?: { by: string; text: string };
  yes?: string[];
  no?: string[];
};

const COORDINATION = "koordination@auental.example";
const ONLINE = "https://meet.example/auental";

// Invented meetings of the invented district Auental (Auenstadt, Weidenfeld, Lindach): two past
// ones with minutes and one or two to come per group, placed relative to the day of seeding.
const demoMeetings: Record<string, DemoMeeting[]> = {
  "sprache-bildung": [
    {
      title: "AG-Treffen: Wartelisten der Integrationskurse",
      inDays: -49,
      weekday: 2,
      from: "16:00",
      to: "17:30",
      place: "VHS Auental, Raum 2.04, Bahnhofstraße 12, Auenstadt",
      agenda: "- Stand der Wartelisten in Auenstadt, Weidenfeld und Lindach\n- Abendkurse für Berufstätige\n- Kinderbetreuung während der Kurse\n- Verschiedenes",
      minutes: {
        by: "h.albers@auental.example",
        text: "**Anwesend:** Koordination, VHS, Kita Sonnenblume, Ehrenamt\n\n1. **Wartelisten:** In Auenstadt warten 46 Personen auf einen Platz im allgemeinen Integrationskurs, in Weidenfeld 18, in Lindach 9. Die VHS prüft einen zusätzlichen Kurs ab dem nächsten Quartal.\n2. **Abendkurse:** Der B1-Abendkurs in Weidenfeld ist voll. Nachfrage besteht vor allem bei Beschäftigten in Schichtarbeit.\n3. **Kinderbetreuung:** Die Kita Sonnenblume kann an zwei Vormittagen eine Betreuung während der Kurszeiten anbieten.\n\n**Beschlüsse:**\n- Die VHS beantragt einen weiteren Kurs beim BAMF (Frau Albers).\n- Die Koordination sammelt bis Monatsende die Wartelisten aller Träger in einer Übersicht.",
      },
      yes: [COORDINATION, "h.albers@auental.example", "f.demir@auental.example", "mitglied@auental.example"],
      no: ["a.haddad@auental.example"],
    },
    {
      title: "AG-Treffen: Vorbereitung der Bildungskonferenz",
      inDays: -21,
      weekday: 2,
      from: "16:00",
      to: "17:30",
      place: "Kreishaus Auenstadt, Raum 114, Marktplatz 1, Auenstadt",
      onlineUrl: "https://meet.example/ag-sprache-bildung",
      agenda: "- Termin und Ort der Bildungskonferenz\n- Themen der Workshops\n- Einladung der Schulen",
      minutes: {
        by: "mitglied@auental.example",
        text: "1. **Termin:** Die Bildungskonferenz findet im Frühjahr in der Gesamtschule Weidenfeld statt; die Aula ist angefragt.\n2. **Workshops:** Übergang Kita–Grundschule, Sprachförderung in der Ausbildung, Elternarbeit mit Sprachmittlung.\n3. **Einladung:** Die Schulen werden über das Schulamt eingeladen, die Kitas über den Träger.\n\n**Beschlüsse:**\n- Entwurf der Einladung bis zum nächsten Treffen (Koordination).\n- Die Kita Sonnenblume übernimmt den Workshop zum Übergang Kita–Grundschule.",
      },
      yes: [COORDINATION, "mitglied@auental.example", "f.demir@auental.example"],
      no: ["h.albers@auental.example"],
    },
    {
      title: "AG-Treffen: Kita-Plätze und Sprachförderung",
      inDays: 9,
      weekday: 2,
      from: "16:00",
      to: "17:30",
      place: "Kita Sonnenblume, Lindenallee 3, Weidenfeld",
      agenda: "- Kita-Platz-Vergabe für neu zugezogene Familien\n- Sprachförderung im letzten Kita-Jahr\n- Bericht aus der Vorbereitungsgruppe Bildungskonferenz",
      yes: [COORDINATION, "mitglied@auental.example", "f.demir@auental.example"],
      no: ["a.haddad@auental.example"],
    },
    {
      title: "Bildungskonferenz: letzte Absprachen",
      inDays: 37,
      weekday: 2,
      from: "16:00",
      to: "17:00",
      onlineUrl: "https://meet.example/ag-sprache-bildung",
      agenda: "- Ablauf des Tages\n- Moderation der Workshops\n- Material und Sprachmittlung",
      yes: ["h.albers@auental.example"],
    },
  ],
  "arbeit-ausbildung": [
    {
      title: "Anerkennung ausländischer Abschlüsse: Wege und Wartezeiten",
      inDays: -42,
      weekday: 4,
      from: "14:00",
      to: "15:30",
      place: "Jobcenter Auental, Besprechungsraum EG, Industriestraße 7, Weidenfeld",
      agenda: "- Wartezeiten bei der Anerkennung\n- Beratung zur Anpassungsqualifizierung\n- Austausch mit den Kammern",
      minutes: {
        by: "t.wendt@auental.example",
        text: "1. **Wartezeiten:** Verfahren in Pflegeberufen dauern derzeit vier bis sechs Monate. Vollständige Unterlagen verkürzen die Bearbeitung deutlich.\n2. **Beratung:** Die Migrationsberatung bietet eine Checkliste für die Unterlagen an; sie wird ins Verzeichnis aufgenommen.\n3. **Kammern:** Die IHK-Geschäftsstelle Auenstadt stellt ihr Beratungsangebot beim nächsten Treffen vor.\n\n**Beschlüsse:**\n- Die Checkliste wird übersetzt (Arabisch, Ukrainisch, Dari).\n- Herr Wendt klärt, ob das Jobcenter Übersetzungskosten übernehmen kann.",
      },
      yes: [COORDINATION, "t.wendt@auental.example", "a.haddad@auental.example", "h.albers@auental.example"],
    },
    {
      title: "Azubi-Speed-Dating: Planung",
      inDays: -14,
      weekday: 4,
      from: "14:00",
      to: "15:30",
      onlineUrl: "https://meet.example/ag-arbeit-ausbildung",
      agenda: "- Rückblick auf das letzte Speed-Dating\n- Betriebe ansprechen\n- Vorbereitung der Teilnehmenden",
      minutes: {
        by: "a.haddad@auental.example",
        text: "- Im letzten Jahr kamen 34 Jugendliche und 12 Betriebe; 7 Ausbildungsverträge sind daraus entstanden.\n- Für dieses Jahr sollen mehr Handwerksbetriebe aus Lindach gewonnen werden.\n- Die Jugendlichen bereiten sich in zwei Bewerbungswerkstätten vor (Jugendmigrationsdienst, VHS).\n\n**Beschluss:** Das Speed-Dating findet wieder in der Berufsschule Auenstadt statt. Die Koordination fragt den Raum an.",
      },
      yes: [COORDINATION, "t.wendt@auental.example", "a.haddad@auental.example"],
      no: ["h.albers@auental.example"],
    },
    {
      title: "Azubi-Speed-Dating: Ablauf und teilnehmende Betriebe",
      inDays: 14,
      weekday: 4,
      from: "14:00",
      to: "15:30",
      place: "IHK-Geschäftsstelle Auenstadt, Am Markt 5, Auenstadt",
      agenda: "- Liste der Betriebe\n- Ablauf am Veranstaltungstag\n- Öffentlichkeitsarbeit",
      yes: [COORDINATION, "t.wendt@auental.example"],
    },
  ],
  "ankommen-wohnen": [
    {
      title: "Fallbesprechung Unterbringung",
      inDays: -35,
      weekday: 3,
      from: "15:00",
      to: "16:30",
      place: "Migrationsberatung Auental, Beratungsraum 1, Schillerstraße 21, Auenstadt",
      agenda: "- Belegung der Gemeinschaftsunterkunft Weidenfeld\n- Auszüge in eigene Wohnungen\n- Vertrauliche Einzelfälle",
      minutes: {
        by: "a.haddad@auental.example",
        text: "- Die Gemeinschaftsunterkunft Weidenfeld ist zu 92 % belegt. Für Familien mit Kindern werden abgeschlossene Wohneinheiten bevorzugt.\n- Sechs Haushalte haben eine Wohnung in Aussicht; die Mietübernahme ist bei vier Haushalten geklärt.\n- Zwei Einzelfälle wurden besprochen (vertraulich, nicht protokolliert).\n\n**Beschluss:** Die Migrationsberatung und das Jobcenter stimmen die Mietobergrenzen für Lindach bis zum nächsten Treffen ab.",
      },
      yes: [COORDINATION, "a.haddad@auental.example", "t.wendt@auental.example"],
    },
    {
      title: "Wohnungslotsen: Zwischenstand",
      inDays: -7,
      weekday: 3,
      from: "15:00",
      to: "16:00",
      onlineUrl: "https://meet.example/ag-ankommen-wohnen",
      agenda: "- Bericht der Wohnungslotsen\n- Kontakt zu Vermieterinnen und Vermietern\n- Schulung für neue Lotsinnen und Lotsen",
      minutes: {
        by: "t.wendt@auental.example",
        text: "- Die Wohnungslotsen begleiten derzeit 14 Haushalte. Drei Mietverträge wurden im letzten Monat unterschrieben.\n- Die Wohnungsbaugenossenschaft Auenstadt ist zu einem Gespräch bereit.\n\n**Beschlüsse:**\n- Die Schulung für neue Lotsinnen und Lotsen findet im Gemeindehaus Lindach statt.\n- Frau Haddad bereitet das Gespräch mit der Genossenschaft vor.",
      },
      yes: ["a.haddad@auental.example", "t.wendt@auental.example"],
      no: [COORDINATION],
    },
    {
      title: "Absprachen zur Gemeinschaftsunterkunft Weidenfeld",
      inDays: 12,
      weekday: 3,
      from: "15:00",
      to: "16:30",
      place: "Migrationsberatung Auental, Beratungsraum 1, Schillerstraße 21, Auenstadt",
      agenda: "- Belegung und Auszüge\n- Gespräch mit der Wohnungsbaugenossenschaft\n- Vertrauliche Einzelfälle",
      yes: [COORDINATION, "a.haddad@auental.example"],
    },
  ],
  "engagement-zusammenleben": [
    {
      title: "Planung des Begegnungsfests in Lindach",
      inDays: -56,
      weekday: 1,
      from: "18:00",
      to: "19:30",
      place: "Gemeindehaus St. Martin, Kirchweg 4, Lindach",
      agenda: "- Termin und Ort\n- Programm: Musik, Essen, Spiele für Kinder\n- Helferinnen und Helfer",
      minutes: {
        by: "l.petersen@auental.example",
        text: "- Das Begegnungsfest findet auf der Wiese hinter dem Gemeindehaus statt, bei Regen im Saal.\n- Der Sportverein Lindach bietet Spiele für Kinder an, die Kirchengemeinde stellt Bänke und Tische.\n- Essen: Jede und jeder bringt etwas mit; die Initiative „Lindach hilft“ organisiert Getränke.\n\n**Beschluss:** Herr Petersen erstellt einen Helferplan; die Kita Sonnenblume gestaltet die Einladung in mehreren Sprachen.",
      },
      yes: [COORDINATION, "l.petersen@auental.example", "f.demir@auental.example"],
    },
    {
      title: "Patenschaftsprogramm: Auswertung",
      inDays: -28,
      weekday: 1,
      from: "18:00",
      to: "19:30",
      onlineUrl: "https://meet.example/ag-engagement",
      agenda: "- Rückmeldungen der Patinnen und Paten\n- Neue Tandems\n- Ehrenamtskarte",
      minutes: {
        by: "f.demir@auental.example",
        text: "- 21 Tandems sind aktiv, 5 neue Anfragen liegen vor.\n- Die Paten wünschen sich ein regelmäßiges Austauschtreffen.\n\n**Beschlüsse:**\n- Ab sofort gibt es jeden zweiten Monat einen Ehrenamtsstammtisch.\n- Die Koordination informiert über die Ehrenamtskarte des Landkreises.",
      },
      yes: ["l.petersen@auental.example", "f.demir@auental.example"],
      no: [COORDINATION],
    },
    {
      title: "Begegnungsfest: Helferplan",
      inDays: 6,
      weekday: 1,
      from: "18:00",
      to: "19:30",
      place: "Gemeindehaus St. Martin, Kirchweg 4, Lindach",
      agenda: "- Helferplan durchgehen\n- Aufbau und Abbau\n- Einladungen verteilen",
      yes: [COORDINATION, "l.petersen@auental.example"],
      no: ["f.demir@auental.example"],
    },
    {
      title: "Ehrenamtsstammtisch",
      inDays: 34,
      weekday: 1,
      from: "19:00",
      to: "21:00",
      place: "Café Weidenblick, Uferweg 2, Weidenfeld",
      agenda: "Offener Austausch für alle Ehrenamtlichen, ohne feste Tagesordnung.",
      yes: ["l.petersen@auental.example"],
    },
  ],
};

const MONTHLY_TITLE = "Monatlicher Online-Austausch des Netzwerks";
const MONTHLY_AGENDA = "- Neues aus den Arbeitsgruppen\n- Neu im Verzeichnis: Angebote und Ansprechpersonen\n- Aktuelle Anliegen aus dem Open Mic\n- Offene Runde";

/** The first Wednesday of the month `shift` months from the one of `today` ("2026-11-04"). */
function firstWednesday(today: string, shift: number): string {
  const [year, month] = today.split("-").map(Number) as [number, number];
  const first = new Date(Date.UTC(year, month - 1 + shift, 1));
  let day = `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, "0")}-01`;
  while (weekdayOf(day) !== 3) day = addDays(day, 1);
  return day;
}

function at(day: string, time: string): Date {
  const instant = berlinWallTimeToUtc(`${day}T${time}`);
  if (!instant) throw new Error(`demo meeting at a time Berlin skips: ${day} ${time}`);
  return instant;
}

/** Demo data: past meetings with minutes, upcoming ones, network-wide events. Running it again adds nothing twice. */
export async function seedMeetings(db: Database): Promise<void> {
  const today = berlinDate(new Date());
  const people = new Map((await db.select({ id: users.id, email: users.email }).from(users)).map((user) => [user.email, user.id]));
  const coordinator = people.get(COORDINATION) ?? null;
  const groups = await db
    .select({ id: workingGroups.id, slug: workingGroups.slug })
    .from(workingGroups)
    .where(inArray(workingGroups.slug, Object.keys(demoMeetings)));

  for (const group of groups) {
    const [existing] = await db.select({ value: count() }).from(meetings).where(eq(meetings.groupId, group.id));
    if ((existing?.value ?? 0) > 0) continue;
    for (const demo of demoMeetings[group.slug] ?? []) {
      let day = addDays(today, demo.inDays);
      while (weekdayOf(day) !== demo.weekday) day = addDays(day, 1);
      const startsAt = at(day, demo.from);
      const minutesBy = demo.minutes ? (people.get(demo.minutes.by) ?? null) : null;
      const [row] = await db
        .insert(meetings)
        .values({
          groupId: group.id,
          title: demo.title,
          startsAt,
          endsAt: at(day, demo.to),
          place: demo.place ?? "",
          onlineUrl: demo.onlineUrl ?? null,
          agenda: demo.agenda,
          minutes: demo.minutes?.text ?? "",
          minutesBy,
          minutesAt: demo.minutes ? new Date(Math.min(at(day, demo.to).getTime() + 2 * 24 * 60 * 60 * 1000, Date.now())) : null,
          createdBy: coordinator,
        })
        .returning({ id: meetings.id });
      const answers = [...(demo.yes ?? []).map((email) => [email, "yes"] as const), ...(demo.no ?? []).map((email) => [email, "no"] as const)].flatMap(([email, response]) => {
        const userId = people.get(email);
        return userId ? [{ meetingId: row!.id, userId, response }] : [];
      });
      if (answers.length > 0) await db.insert(meetingAttendance).values(answers).onConflictDoNothing();
    }
  }

  const [networkEvents] = await db.select({ value: count() }).from(meetings).where(isNull(meetings.groupId));
  if ((networkEvents?.value ?? 0) > 0) return;
  const events: (typeof meetings.$inferInsert)[] = [-3, -2, -1, 0, 1, 2, 3].map((shift) => {
    const day = firstWednesday(today, shift);
    return { groupId: null, title: MONTHLY_TITLE, startsAt: at(day, "10:00"), endsAt: at(day, "11:30"), place: "", onlineUrl: ONLINE, agenda: MONTHLY_AGENDA, createdBy: coordinator };
  });
  let meetingDay = addDays(today, 45);
  while (weekdayOf(meetingDay) !== 4) meetingDay = addDays(meetingDay, 1);
  events.push({
    groupId: null,
    title: "Netzwerktreffen Integration im Landkreis Auental",
    startsAt: at(meetingDay, "14:00"),
    endsAt: at(meetingDay, "17:00"),
    place: "Kreishaus Auenstadt, Großer Sitzungssaal, Marktplatz 1, Auenstadt",
    agenda:
      "- Begrüßung durch die Integrationskoordination\n- Berichte aus den vier Arbeitsgruppen\n- Vorstellung neuer Netzwerkpartner\n- Gespräche an Thementischen: Sprache, Arbeit, Wohnen, Engagement\n- Ausblick und Termine",
    createdBy: coordinator,
  });
  await db.insert(meetings).values(events);
}
