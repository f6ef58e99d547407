import { asc, count, eq, inArray } from "drizzle-orm";
import { berlinDay } from "#app/modules/groups/tasks/task-dates";
import type { Database } from "#db/client";
import { groupTaskAssignees, groupTasks, groupThreads, users, workingGroups, type TaskStatus } from "#db/schema";

type DemoTask = {
  title: string;
  description: string;
  status: TaskStatus;
  /** Days from the day of seeding (negative: in the past, so open tasks are overdue); null: no due date. */
  due: number | null;
  assignees: string[];
  /** Linked to the group's first thread, when the group has one. */
  thread?: boolean;
};

const C = "koordination@auental.example";

/** Tasks of each demo group, in every state; the people are members of that group (db/seed/groups.ts). */
const demoTasks: Record<string, DemoTask[]> = {
  "sprache-bildung": [
    {
      title: "Warteliste Integrationskurse Weidenfeld zusammenführen",
      description: "VHS, Bildungswerk und Migrationsberatung führen eigene Listen. Doppelte Anmeldungen abgleichen und eine gemeinsame Liste für den Kursstart im Herbst erstellen.",
      status: "in_progress",
      due: -5,
      assignees: ["h.albers@auental.example", "mitglied@auental.example"],
      thread: true,
    },
    { title: "Einladung zur Bildungskonferenz verschicken", description: "Verteiler aus dem letzten Jahr prüfen, Schulen und Kitas in Lindach ergänzen.", status: "open", due: -2, assignees: [C] },
    {
      title: "Raum für das Sprachcafé Lindach ab Herbst klären",
      description: "Anfrage beim Gemeindezentrum und bei der Stadtbibliothek stellen.",
      status: "open",
      due: 14,
      assignees: ["mitglied@auental.example"],
    },
    { title: "Übersicht Kita-Plätze mit Sprachförderung aktualisieren", description: "", status: "open", due: null, assignees: ["f.demir@auental.example"] },
    {
      title: "Flyer zum Elternabend auf Arabisch und Ukrainisch übersetzen lassen",
      description: "Übersetzung über den Sprachmittlerpool des Landkreises.",
      status: "done",
      due: -10,
      assignees: ["a.haddad@auental.example"],
    },
    { title: "Termine der Einstufungstests an der VHS sammeln", description: "", status: "done", due: null, assignees: ["h.albers@auental.example"] },
  ],
  "arbeit-ausbildung": [
    {
      title: "Checkliste Anerkennungsverfahren für Pflegekräfte abstimmen",
      description: "Entwurf der Migrationsberatung mit Jobcenter und Anerkennungsberatung durchgehen; offene Fragen zur Kenntnisprüfung sammeln.",
      status: "in_progress",
      due: 7,
      assignees: ["t.wendt@auental.example", "a.haddad@auental.example"],
      thread: true,
    },
    {
      title: "Ansprechpersonen der Kammern ins Verzeichnis eintragen",
      description: "Handwerkskammer und IHK haben neue Zuständigkeiten für Auenstadt und Weidenfeld.",
      status: "open",
      due: -3,
      assignees: [C],
    },
    {
      title: "Jobmesse Auenstadt: Stand der Migrationsberatung planen",
      description: "Mehrsprachige Infomaterialien und Dolmetschende für den Messetag einplanen.",
      status: "open",
      due: 30,
      assignees: ["a.haddad@auental.example"],
    },
    { title: "Bedarf an Berufssprachkursen B2 bei Betrieben abfragen", description: "", status: "open", due: null, assignees: ["h.albers@auental.example", "t.wendt@auental.example"] },
    { title: "Infoblatt Beschäftigungserlaubnis aktualisieren", description: "Neue Regeln seit März eingearbeitet.", status: "done", due: -14, assignees: ["t.wendt@auental.example"] },
  ],
  "ankommen-wohnen": [
    {
      title: "Wohnungsangebote der Kreisbau an die Beratungsstellen weitergeben",
      description: "Liste wöchentlich aktualisieren, nur mit Einverständnis der Vermietenden.",
      status: "in_progress",
      due: -1,
      assignees: ["a.haddad@auental.example"],
      thread: true,
    },
    { title: "Belegung der Gemeinschaftsunterkunft Weidenfeld für Mai abstimmen", description: "", status: "open", due: 10, assignees: [C, "t.wendt@auental.example"] },
    { title: "Liste der Möbelspenden aktualisieren", description: "Abholtermine mit dem Sozialkaufhaus Lindach klären.", status: "open", due: null, assignees: [] },
    {
      title: "Willkommensmappe für Neuankommende überarbeiten",
      description: "Neue Öffnungszeiten der Ausländerbehörde und Kontakte der Wohnungslotsen ergänzt.",
      status: "done",
      due: -20,
      assignees: ["a.haddad@auental.example"],
    },
  ],
  "engagement-zusammenleben": [
    {
      title: "Treffen der neuen Patinnen und Paten vorbereiten",
      description: "Kennenlernabend im Familienzentrum Auenstadt: Programm, Getränke, Namensschilder.",
      status: "in_progress",
      due: 5,
      assignees: ["l.petersen@auental.example"],
      thread: true,
    },
    {
      title: "Sommerfest Lindach: Genehmigung beim Ordnungsamt beantragen",
      description: "Antrag auf Sondernutzung des Marktplatzes, Ausschank ohne Alkohol.",
      status: "open",
      due: -4,
      assignees: ["l.petersen@auental.example", C],
    },
    { title: "Antragsformulare für die Ehrenamtskarte an Vereine verteilen", description: "", status: "open", due: null, assignees: ["f.demir@auental.example"] },
    {
      title: "Nachbarschaftsfrühstück Auenstadt auswerten",
      description: "Rückmeldungen der Gäste sammeln und Termine für das nächste Halbjahr vorschlagen.",
      status: "done",
      due: -7,
      assignees: ["f.demir@auental.example"],
    },
  ],
};

const DAY = 24 * 60 * 60 * 1000;

/** The Berlin calendar day `days` from today. */
function dayFromToday(days: number): string {
  const [year, month, day] = berlinDay(new Date()).split("-").map(Number);
  return new Date(Date.UTC(year!, month! - 1, day! + days)).toISOString().slice(0, 10);
}

/** Demo data: tasks in every state in the demo groups. Running it again adds nothing twice. */
export async function seedGroupTasks(db: Database): Promise<void> {
  const groups = await db
    .select({ id: workingGroups.id, slug: workingGroups.slug })
    .from(workingGroups)
    .where(inArray(workingGroups.slug, Object.keys(demoTasks)));
  const people = new Map((await db.select({ id: users.id, email: users.email }).from(users)).map((user) => [user.email, user.id]));
  const coordinator = people.get(C) ?? null;
  for (const group of groups) {
    const [existing] = await db.select({ value: count() }).from(groupTasks).where(eq(groupTasks.groupId, group.id));
    if ((existing?.value ?? 0) > 0) continue;
    const [thread] = await db.select({ id: groupThreads.id }).from(groupThreads).where(eq(groupThreads.groupId, group.id)).orderBy(asc(groupThreads.createdAt)).limit(1);
    await db.transaction(async (tx) => {
      for (const [index, task] of (demoTasks[group.slug] ?? []).entries()) {
        const assignees = task.assignees.flatMap((email) => (people.has(email) ? [people.get(email)!] : []));
        const createdAt = new Date(Date.now() - (30 - index) * DAY);
        const completedAt = task.status === "done" ? new Date(Date.now() - (task.due === null ? 3 : Math.abs(task.due) + 1) * DAY) : null;
        const [row] = await tx
          .insert(groupTasks)
          .values({
            groupId: group.id,
            title: task.title,
            description: task.description,
            status: task.status,
            dueDate: task.due === null ? null : dayFromToday(task.due),
            threadId: task.thread && thread ? thread.id : null,
            // Some by the coordination, some by the people who took them on.
            createdBy: (index % 2 === 0 ? coordinator : assignees[0]) ?? coordinator,
            completedAt,
            createdAt,
            updatedAt: completedAt ?? createdAt,
          })
          .returning({ id: groupTasks.id });
        if (assignees.length > 0) await tx.insert(groupTaskAssignees).values(assignees.map((userId) => ({ taskId: row!.id, userId })));
      }
    });
  }
}
