import { eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { groupMemberships, groupTaskAssignees, groupTasks, groupThreads, topics, workingGroups } from "#db/schema";
import { demoGroups } from "#app/modules/demo/groups.server";
import { action as taskAction, loader as taskLoader } from "#app/routes/arbeitsgruppen.$slug_.aufgaben.$id";
import { action as boardAction, loader as boardLoader } from "#app/routes/arbeitsgruppen.$slug_.aufgaben._index/route";
import { action as newAction, loader as newLoader } from "#app/routes/arbeitsgruppen.$slug_.aufgaben.neu";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, withParams } from "#test/factories";
import { berlinDay, isOverdue } from "./task-dates";
import { parseTaskQuery, TaskFormSchema } from "./task-schemas";
import { createTask, getTaskChoices, listTasks } from "./tasks.server";

const PUBLIC = "sprache-bildung";
const OTHER = "arbeit-ausbildung";
const PRIVATE = "ankommen-wohnen";

type Person = { id: string; cookie: string };
const groupIds: Record<string, string> = {};
let coordinator: Person; // coordinator of PUBLIC and PRIVATE
let member: Person; // member of PUBLIC and PRIVATE
let colleague: Person; // member of PUBLIC
let outsider: Person; // member of OTHER only
let networkCoordinator: Person; // network coordination, in no group

async function person(memberships: [slug: string, role: "member" | "coordinator"][], role: "member" | "coordinator" = "member"): Promise<Person> {
  const user = await createTestUser({ role, displayName: `Person ${Math.random().toString(36).slice(2, 7)}` });
  for (const [slug, groupRole] of memberships) await db.insert(groupMemberships).values({ groupId: groupIds[slug]!, userId: user.id, role: groupRole });
  return { id: user.id, cookie: await sessionCookieFor(user.id) };
}

beforeAll(async () => {
  const rows = await db.insert(workingGroups).values(demoGroups).returning({ id: workingGroups.id, slug: workingGroups.slug });
  for (const row of rows) groupIds[row.slug] = row.id;
  coordinator = await person([
    [PUBLIC, "coordinator"],
    [PRIVATE, "coordinator"],
  ]);
  member = await person([
    [PUBLIC, "member"],
    [PRIVATE, "member"],
  ]);
  colleague = await person([[PUBLIC, "member"]]);
  outsider = await person([[OTHER, "member"]]);
  networkCoordinator = await person([], "coordinator");
});

const input = (values: Partial<Parameters<typeof createTask>[2]> = {}) => ({ title: "Aufgabe", description: "", assignees: [], dueDate: null, threadId: null, topicId: null, ...values });

async function makeTask(slug: string, values: Partial<Parameters<typeof createTask>[2]> = {}, createdBy = coordinator.id): Promise<string> {
  const result = await createTask(groupIds[slug]!, createdBy, input(values));
  if (!result.ok) throw new Error("task not created");
  return result.id;
}

async function makeThread(slug: string, title = "Ein Thema"): Promise<string> {
  const [thread] = await db.insert(groupThreads).values({ groupId: groupIds[slug]!, title }).returning({ id: groupThreads.id });
  return thread!.id;
}

async function taskRow(id: string) {
  const [row] = await db.select().from(groupTasks).where(eq(groupTasks.id, id));
  return row;
}

async function assigneeIds(taskId: string) {
  return (await db.select({ userId: groupTaskAssignees.userId }).from(groupTaskAssignees).where(eq(groupTaskAssignees.taskId, taskId))).map((row) => row.userId).sort();
}

async function syncJobFor(taskId: string): Promise<boolean> {
  const rows = await db.execute<{ key: string }>(sql`select key from graphile_worker.jobs where key = ${`group_content:task:${taskId}`}`);
  return rows.length === 1;
}

async function clearSyncJobs() {
  await db.execute(sql`delete from graphile_worker._private_jobs`);
}

const board = (slug: string, query = "", cookie?: string) => run(withParams(boardLoader, { slug }), getRequest(`/arbeitsgruppen/${slug}/aufgaben${query}`, { cookie }));
const move = (slug: string, fields: Record<string, string>, cookie?: string, query = "") =>
  run(withParams(boardAction, { slug }), formRequest(`/arbeitsgruppen/${slug}/aufgaben${query}`, { intent: "status", ...fields }, { cookie }));
const newPage = (slug: string, cookie?: string, query = "") => run(withParams(newLoader, { slug }), getRequest(`/arbeitsgruppen/${slug}/aufgaben/neu${query}`, { cookie }));
const create = (slug: string, fields: Record<string, string | string[]>, cookie?: string) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
  const request = formRequest(`/arbeitsgruppen/${slug}/aufgaben/neu`, {}, { cookie });
  return run(withParams(newAction, { slug }), new Request(request.url, { method: "POST", headers: request.headers, body: body.toString() }));
};
const taskPage = (slug: string, id: string, cookie?: string, query = "") => run(withParams(taskLoader, { slug, id }), getRequest(`/arbeitsgruppen/${slug}/aufgaben/${id}${query}`, { cookie }));
const taskPost = (slug: string, id: string, fields: Record<string, string | string[]>, cookie?: string) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
  const request = formRequest(`/arbeitsgruppen/${slug}/aufgaben/${id}`, {}, { cookie });
  return run(withParams(taskAction, { slug, id }), new Request(request.url, { method: "POST", headers: request.headers, body: body.toString() }));
};

type BoardData = {
  query: { view: string; mine: boolean; overdue: boolean; status: string | null };
  canWrite: boolean;
  tasks: { id: string; title: string; status: string; overdue: boolean; assigneeNames: string[] | null; assigneeCount: number }[];
};
const boardData = async (response: Response) => (await response.json()) as BoardData;
const isSignInRedirect = (response: Response) => response.status === 302 && (response.headers.get("Location") ?? "").startsWith("/anmelden?redirectTo=");

describe("overdue, by the calendar in Berlin", () => {
  test("the day changes at midnight in Berlin, not in UTC, in winter and in summer", () => {
    expect(berlinDay(new Date("2026-01-15T22:59:59Z"))).toBe("2026-01-15");
    expect(berlinDay(new Date("2026-01-15T23:00:00Z"))).toBe("2026-01-16");
    expect(berlinDay(new Date("2026-07-15T21:59:59Z"))).toBe("2026-07-15");
    expect(berlinDay(new Date("2026-07-15T22:00:00Z"))).toBe("2026-07-16");
    // The night the clocks go forward (29 March 2026, 02:00 → 03:00).
    expect(berlinDay(new Date("2026-03-28T22:59:59Z"))).toBe("2026-03-28");
    expect(berlinDay(new Date("2026-03-28T23:00:00Z"))).toBe("2026-03-29");
  });

  test("a task due today is not overdue; from the next Berlin day on it is, unless it is done", () => {
    const task = { dueDate: "2026-01-15", status: "open" };
    expect(isOverdue(task, berlinDay(new Date("2026-01-15T22:59:59Z")))).toBe(false);
    expect(isOverdue(task, berlinDay(new Date("2026-01-15T23:00:00Z")))).toBe(true);
    expect(isOverdue({ ...task, status: "in_progress" }, "2026-01-16")).toBe(true);
    expect(isOverdue({ ...task, status: "done" }, "2026-01-16")).toBe(false);
    expect(isOverdue({ dueDate: null, status: "open" }, "2026-01-16")).toBe(false);
  });

  test("the overdue filter of the list uses the day it is given", async () => {
    const id = await makeTask(OTHER, { title: "Stichtag 15. Januar", dueDate: "2026-01-15" });
    await makeTask(OTHER, { title: "Erledigt vor Stichtag", dueDate: "2026-01-10" }).then((done) => db.update(groupTasks).set({ status: "done" }).where(eq(groupTasks.id, done)));
    expect((await listTasks(groupIds[OTHER]!, { overdueOn: "2026-01-15" })).map((task) => task.id)).not.toContain(id);
    const overdue = await listTasks(groupIds[OTHER]!, { overdueOn: "2026-01-16" });
    expect(overdue.map((task) => task.title)).toEqual(["Stichtag 15. Januar"]);
  });
});

describe("the form and the query string", () => {
  test("unknown filter values are ignored", () => {
    expect(parseTaskQuery(new URLSearchParams("ansicht=tabelle&status=kaputt&filter=alle"))).toEqual({ view: "board", mine: false, overdue: false, status: null });
    expect(parseTaskQuery(new URLSearchParams("ansicht=liste&status=in-arbeit&filter=meine&filter=ueberfaellig"))).toEqual({ view: "liste", mine: true, overdue: true, status: "in_progress" });
  });

  test("title, description and due date are checked", () => {
    const errors = (values: Record<string, unknown>) => {
      const parsed = TaskFormSchema.safeParse({ title: "Titel", ...values });
      return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]));
    };
    expect(errors({ title: "x".repeat(201) })).toEqual({ title: "validation.tooLong" });
    expect(errors({ title: "x".repeat(200), description: "y".repeat(10_000) })).toEqual({});
    expect(errors({ description: "y".repeat(10_001) })).toEqual({ description: "validation.tooLong" });
    expect(errors({ dueDate: "2026-02-30" })).toEqual({ dueDate: "tasks.validation.dueDate" });
    expect(errors({ dueDate: "31.03.2026" })).toEqual({ dueDate: "tasks.validation.dueDate" });
    expect(errors({ dueDate: "2028-02-29" })).toEqual({});
    expect(errors({ assignees: ["nicht-eine-id"] })).toEqual({ assignees: "tasks.validation.assignees" });
    expect(errors({ threadId: "1; drop table" })).toEqual({ threadId: "tasks.validation.thread" });
  });
});

describe("the task board", () => {
  test("guests read a public group's tasks without the names of its members; outsiders of a private group get 404", async () => {
    await makeTask(PUBLIC, { title: "Öffentlich sichtbar", assignees: [member.id, colleague.id] });
    const guest = await boardData(await board(PUBLIC));
    const task = guest.tasks.find((one) => one.title === "Öffentlich sichtbar")!;
    expect(task.assigneeNames).toBeNull();
    expect(task.assigneeCount).toBe(2);
    expect(guest.canWrite).toBe(false);
    const asMember = await boardData(await board(PUBLIC, "", member.cookie));
    expect(asMember.canWrite).toBe(true);
    expect(asMember.tasks.find((one) => one.title === "Öffentlich sichtbar")!.assigneeNames).toHaveLength(2);

    await makeTask(PRIVATE, { title: "Vertraulich" });
    expect((await board(PRIVATE)).status).toBe(404);
    expect((await board(PRIVATE, "", outsider.cookie)).status).toBe(404);
    expect((await board(PRIVATE, "", networkCoordinator.cookie)).status).toBe(404);
    expect((await board("gibt-es-nicht", "", outsider.cookie)).status).toBe(404);
    expect((await boardData(await board(PRIVATE, "", member.cookie))).tasks.map((one) => one.title)).toContain("Vertraulich");
    expect((await boardData(await board(PRIVATE, "", coordinator.cookie))).tasks.map((one) => one.title)).toContain("Vertraulich");
  });

  test("filters: mine, overdue and status; mine means nothing for guests", async () => {
    const slug = "engagement-zusammenleben";
    const person1 = await person([[slug, "member"]]);
    const mine = await makeTask(slug, { title: "Meine, überfällig", assignees: [person1.id], dueDate: "2001-05-01" });
    const mineLater = await makeTask(slug, { title: "Meine, später", assignees: [person1.id], dueDate: "2999-12-31" });
    const others = await makeTask(slug, { title: "Von anderen, überfällig", dueDate: "2001-05-01" });
    const doneLate = await makeTask(slug, { title: "Erledigt, alt", assignees: [person1.id], dueDate: "2001-05-01" });
    await db.update(groupTasks).set({ status: "done" }).where(eq(groupTasks.id, doneLate));
    await db.update(groupTasks).set({ status: "in_progress" }).where(eq(groupTasks.id, mineLater));
    const ids = async (query: string, cookie?: string) => (await boardData(await board(slug, query, cookie))).tasks.map((task) => task.id).sort();

    expect(await ids("?filter=meine", person1.cookie)).toEqual([mine, mineLater, doneLate].sort());
    expect(await ids("?filter=ueberfaellig", person1.cookie)).toEqual([mine, others].sort());
    expect(await ids("?filter=meine&filter=ueberfaellig", person1.cookie)).toEqual([mine]);
    expect(await ids("?status=in-arbeit", person1.cookie)).toEqual([mineLater]);
    expect(await ids("?status=erledigt&filter=meine", person1.cookie)).toEqual([doneLate]);
    expect(await ids("?status=quatsch", person1.cookie)).toEqual([mine, mineLater, others, doneLate].sort());
    // A guest's "meine" is ignored, not an empty list.
    const guest = await boardData(await board(slug, "?filter=meine"));
    expect(guest.query.mine).toBe(false);
    expect(guest.tasks).toHaveLength(4);
    const overdue = (await boardData(await board(slug, "", person1.cookie))).tasks.filter((task) => task.overdue).map((task) => task.id);
    expect(overdue.sort()).toEqual([mine, others].sort());
  });

  test("members move tasks between statuses; done sets completedAt, reopening clears it; the index learns each change", async () => {
    const id = await makeTask(PUBLIC, { title: "Zum Verschieben" });
    await clearSyncJobs();
    const before = (await taskRow(id))!.updatedAt;
    const moved = await move(PUBLIC, { taskId: id, status: "in-arbeit" }, member.cookie, "?ansicht=liste&filter=meine&index");
    expect(moved.status).toBe(303);
    // Back to the same view with the same filters.
    expect(moved.headers.get("Location")).toBe(`/arbeitsgruppen/${PUBLIC}/aufgaben?ansicht=liste&filter=meine`);
    let row = (await taskRow(id))!;
    expect(row.status).toBe("in_progress");
    expect(row.completedAt).toBeNull();
    expect(row.updatedAt.getTime()).toBeGreaterThan(before.getTime());
    expect(await syncJobFor(id)).toBe(true);

    expect((await move(PUBLIC, { taskId: id, status: "erledigt" }, coordinator.cookie)).status).toBe(303);
    row = (await taskRow(id))!;
    expect(row.status).toBe("done");
    expect(row.completedAt).toBeInstanceOf(Date);
    expect((await move(PUBLIC, { taskId: id, status: "offen" }, member.cookie)).status).toBe(303);
    row = (await taskRow(id))!;
    expect(row.status).toBe("open");
    expect(row.completedAt).toBeNull();
  });

  test("guests are sent to sign in, non-members refused, another group's task and a private outsider get 404", async () => {
    const id = await makeTask(PUBLIC, { title: "Bleibt offen" });
    expect(isSignInRedirect(await move(PUBLIC, { taskId: id, status: "erledigt" }))).toBe(true);
    expect((await move(PUBLIC, { taskId: id, status: "erledigt" }, outsider.cookie)).status).toBe(403);
    expect((await move(PUBLIC, { taskId: id, status: "erledigt" }, networkCoordinator.cookie)).status).toBe(403);
    // A member of the private group posts the public group's task id to the private group's board.
    expect((await move(PRIVATE, { taskId: id, status: "erledigt" }, member.cookie)).status).toBe(404);
    const secret = await makeTask(PRIVATE, { title: "Vertraulich offen" });
    expect((await move(PRIVATE, { taskId: secret, status: "erledigt" }, outsider.cookie)).status).toBe(404);
    expect((await move(PUBLIC, { taskId: secret, status: "erledigt" }, member.cookie)).status).toBe(404);
    expect((await move(PUBLIC, { taskId: id, status: "fertig" }, member.cookie)).status).toBe(400);
    expect((await taskRow(id))!.status).toBe("open");
    expect((await taskRow(secret))!.status).toBe("open");
  });
});

describe("a new task", () => {
  test("the form is for members: guests sign in, non-members are refused, private outsiders get 404", async () => {
    expect(isSignInRedirect(await newPage(PUBLIC))).toBe(true);
    expect((await newPage(PUBLIC, outsider.cookie)).status).toBe(403);
    expect((await newPage(PRIVATE, outsider.cookie)).status).toBe(404);
    expect((await newPage(PUBLIC, coordinator.cookie)).status).toBe(200);
    const threadHere = await makeThread(PUBLIC, "Kursplanung Herbst");
    const threadElsewhere = await makeThread(OTHER, "Jobmesse");
    const page = (await (await newPage(PUBLIC, member.cookie, "?titel=Aus%20dem%20Protokoll&beschreibung=Zeile%201%0AZeile%202")).json()) as {
      prefill: { title: string; description: string };
      choices: { members: { userId: string }[]; threads: { id: string }[] };
    };
    expect(page.prefill).toEqual({ title: "Aus dem Protokoll", description: "Zeile 1\nZeile 2", topicId: "" });
    const memberIds = page.choices.members.map((one) => one.userId);
    expect(memberIds).toEqual(expect.arrayContaining([coordinator.id, member.id, colleague.id]));
    expect(memberIds).not.toContain(outsider.id);
    expect(page.choices.threads.map((one) => one.id)).toContain(threadHere);
    expect(page.choices.threads.map((one) => one.id)).not.toContain(threadElsewhere);
  });

  test("a member creates a task with assignees, due date and thread; the index learns it", async () => {
    const thread = await makeThread(PUBLIC, "Warteliste");
    await clearSyncJobs();
    const response = await create(
      PUBLIC,
      { title: "  Warteliste Integrationskurse zusammenführen ", description: "Listen abgleichen", assignees: [member.id, colleague.id], dueDate: "2026-09-30", threadId: thread },
      member.cookie,
    );
    expect(response.status).toBe(303);
    const location = response.headers.get("Location")!;
    expect(location).toMatch(new RegExp(`^/arbeitsgruppen/${PUBLIC}/aufgaben/[0-9a-f-]{36}$`));
    const id = location.split("/").pop()!;
    const row = (await taskRow(id))!;
    expect(row).toMatchObject({
      groupId: groupIds[PUBLIC],
      title: "Warteliste Integrationskurse zusammenführen",
      description: "Listen abgleichen",
      status: "open",
      dueDate: "2026-09-30",
      threadId: thread,
      createdBy: member.id,
      topicId: null,
    });
    expect(await assigneeIds(id)).toEqual([member.id, colleague.id].sort());
    expect(await syncJobFor(id)).toBe(true);
  });

  test("an assignee or a thread of another group is a field error and nothing is written", async () => {
    const count = async () => (await db.select({ id: groupTasks.id }).from(groupTasks).where(eq(groupTasks.groupId, groupIds[PUBLIC]!))).length;
    const before = await count();
    const foreignThread = await makeThread(OTHER, "Fremdes Thema");
    const wrongPerson = await create(PUBLIC, { title: "Mit Fremden", assignees: [member.id, outsider.id] }, member.cookie);
    expect(wrongPerson.status).toBe(400);
    const personResult = ((await wrongPerson.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } }).result;
    expect(personResult.error.assignees).toEqual(["tasks.validation.assigneeNotMember"]);
    // What was typed comes back.
    expect(personResult.initialValue.title).toBe("Mit Fremden");
    const wrongThread = await create(PUBLIC, { title: "Mit fremdem Thema", threadId: foreignThread }, member.cookie);
    expect(wrongThread.status).toBe(400);
    expect(((await wrongThread.json()) as { result: { error: Record<string, string[]> } }).result.error.threadId).toEqual(["tasks.validation.threadNotInGroup"]);
    const badDate = await create(PUBLIC, { title: "Falsches Datum", dueDate: "2026-02-30" }, member.cookie);
    expect(badDate.status).toBe(400);
    expect(await count()).toBe(before);
  });

  test("non-members cannot create, guests are sent to sign in, private outsiders get 404", async () => {
    const count = async () => (await db.select({ id: groupTasks.id }).from(groupTasks)).length;
    const before = await count();
    expect((await create(PUBLIC, { title: "Von außen" }, outsider.cookie)).status).toBe(403);
    expect(isSignInRedirect(await create(PUBLIC, { title: "Als Gast" }))).toBe(true);
    expect((await create(PRIVATE, { title: "Von außen, vertraulich" }, outsider.cookie)).status).toBe(404);
    expect(await count()).toBe(before);
  });
});

describe("a task's page", () => {
  test("shows the task of this group only: another group's task id, a broken id and private outsiders get 404", async () => {
    const here = await makeTask(PUBLIC, { title: "Hier", assignees: [member.id] });
    const elsewhere = await makeTask(OTHER, { title: "Anderswo" });
    const secret = await makeTask(PRIVATE, { title: "Geheim" });
    expect((await taskPage(PUBLIC, here)).status).toBe(200);
    expect((await taskPage(PUBLIC, elsewhere, member.cookie)).status).toBe(404);
    expect((await taskPage(PUBLIC, secret, member.cookie)).status).toBe(404);
    expect((await taskPage(PUBLIC, "kein-uuid", member.cookie)).status).toBe(404);
    expect((await taskPage(PRIVATE, secret)).status).toBe(404);
    expect((await taskPage(PRIVATE, secret, outsider.cookie)).status).toBe(404);
    expect((await taskPage(PRIVATE, secret, member.cookie)).status).toBe(200);

    type Page = { task: { assigneeNames: string[] | null; creatorName: string | null }; edit: { values: { assignees: string[] } } | null; canDelete: boolean; confirmDelete: boolean };
    const guest = (await (await taskPage(PUBLIC, here)).json()) as Page;
    expect(guest.edit).toBeNull();
    expect(guest.task.assigneeNames).toBeNull();
    expect(guest.task.creatorName).toBeNull();
    expect(guest.canDelete).toBe(false);
    const asMember = (await (await taskPage(PUBLIC, here, member.cookie, "?loeschen=1")).json()) as Page;
    expect(asMember.edit?.values.assignees).toEqual([member.id]);
    expect(asMember.canDelete).toBe(false);
    expect(asMember.confirmDelete).toBe(false);
    const asCoordinator = (await (await taskPage(PUBLIC, here, coordinator.cookie, "?loeschen=1")).json()) as Page;
    expect(asCoordinator.confirmDelete).toBe(true);
  });

  test("members edit a task; foreign assignees or threads give field errors and change nothing", async () => {
    const thread = await makeThread(PUBLIC, "Raumsuche");
    const foreignThread = await makeThread(OTHER, "Nicht von hier");
    const id = await makeTask(PUBLIC, { title: "Vorher", assignees: [member.id], dueDate: "2026-05-01" });
    const rejected = await taskPost(PUBLIC, id, { intent: "update", title: "Nachher", assignees: [outsider.id] }, colleague.cookie);
    expect(rejected.status).toBe(400);
    expect(((await rejected.json()) as { result: { error: Record<string, string[]> } }).result.error.assignees).toEqual(["tasks.validation.assigneeNotMember"]);
    expect((await taskPost(PUBLIC, id, { intent: "update", title: "Nachher", threadId: foreignThread }, colleague.cookie)).status).toBe(400);
    expect((await taskRow(id))!.title).toBe("Vorher");
    expect(await assigneeIds(id)).toEqual([member.id]);

    await clearSyncJobs();
    const saved = await taskPost(PUBLIC, id, { intent: "update", title: "Nachher", description: "Neu", assignees: [colleague.id, coordinator.id], dueDate: "", threadId: thread }, colleague.cookie);
    expect(saved.status).toBe(303);
    expect(saved.headers.get("Location")).toBe(`/arbeitsgruppen/${PUBLIC}/aufgaben/${id}`);
    expect(await taskRow(id)).toMatchObject({ title: "Nachher", description: "Neu", dueDate: null, threadId: thread, status: "open" });
    expect(await assigneeIds(id)).toEqual([colleague.id, coordinator.id].sort());
    expect(await syncJobFor(id)).toBe(true);
  });

  test("status changes on the task page; non-members and guests change nothing", async () => {
    const id = await makeTask(PUBLIC, { title: "Statuswechsel" });
    expect((await taskPost(PUBLIC, id, { intent: "status", taskId: id, status: "erledigt" }, outsider.cookie)).status).toBe(403);
    expect((await taskPost(PUBLIC, id, { intent: "update", title: "Übernommen" }, outsider.cookie)).status).toBe(403);
    expect(isSignInRedirect(await taskPost(PUBLIC, id, { intent: "status", taskId: id, status: "erledigt" }))).toBe(true);
    expect(await taskRow(id)).toMatchObject({ status: "open", title: "Statuswechsel" });
    expect((await taskPost(PUBLIC, id, { intent: "status", taskId: id, status: "erledigt" }, member.cookie)).status).toBe(303);
    expect((await taskRow(id))!.completedAt).toBeInstanceOf(Date);
  });

  test("another group's task in the URL is 404 for every action and stays as it was", async () => {
    const elsewhere = await makeTask(OTHER, { title: "Fremd", assignees: [outsider.id] });
    const attempts: Record<string, string>[] = [{ intent: "status", taskId: elsewhere, status: "erledigt" }, { intent: "update", title: "Gekapert" }, { intent: "delete" }];
    for (const fields of attempts) {
      expect((await taskPost(PUBLIC, elsewhere, fields, coordinator.cookie)).status).toBe(404);
    }
    expect(await taskRow(elsewhere)).toMatchObject({ title: "Fremd", status: "open" });
    const secret = await makeTask(PRIVATE, { title: "Vertraulich" });
    expect((await taskPost(PRIVATE, secret, { intent: "delete" }, outsider.cookie)).status).toBe(404);
    expect((await taskPost(PRIVATE, secret, { intent: "delete" }, networkCoordinator.cookie)).status).toBe(404);
    expect(await taskRow(secret)).toBeDefined();
  });

  test("the creator and the group's coordinators delete a task, other members cannot; the index learns it", async () => {
    const byMember = await makeTask(PUBLIC, { title: "Von Marta" }, member.id);
    expect((await taskPost(PUBLIC, byMember, { intent: "delete" }, colleague.cookie)).status).toBe(403);
    expect(await taskRow(byMember)).toBeDefined();
    await clearSyncJobs();
    const deleted = await taskPost(PUBLIC, byMember, { intent: "delete" }, member.cookie);
    expect(deleted.status).toBe(303);
    expect(deleted.headers.get("Location")).toBe(`/arbeitsgruppen/${PUBLIC}/aufgaben`);
    expect(await taskRow(byMember)).toBeUndefined();
    expect(await syncJobFor(byMember)).toBe(true);

    const another = await makeTask(PUBLIC, { title: "Von jemand anderem" }, colleague.id);
    expect((await taskPost(PUBLIC, another, { intent: "delete" }, coordinator.cookie)).status).toBe(303);
    expect(await taskRow(another)).toBeUndefined();
    // Network coordination may delete in a public group it is not a member of, but not edit there.
    const third = await makeTask(PUBLIC, { title: "Dritte" }, colleague.id);
    expect((await taskPost(PUBLIC, third, { intent: "update", title: "Geändert" }, networkCoordinator.cookie)).status).toBe(403);
    expect((await taskPost(PUBLIC, third, { intent: "delete" }, networkCoordinator.cookie)).status).toBe(303);
    expect(await taskRow(third)).toBeUndefined();
  });
});

describe("tasks and Open Mic topics", () => {
  async function makeTopic(values: Partial<typeof topics.$inferInsert> = {}): Promise<number> {
    const [topic] = await db
      .insert(topics)
      .values({ title: "Sprachcafé am Wochenende", body: "Viele arbeiten unter der Woche.", approvedAt: new Date(), status: "routed", routedGroupId: groupIds[PUBLIC]!, ...values })
      .returning({ id: topics.id });
    return topic!.id;
  }
  const tasksCount = async () => (await db.select({ id: groupTasks.id }).from(groupTasks)).length;
  type FormReply = { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } };

  test("the form offers the topics handed to this group only and takes ?anliegen= for one of them", async () => {
    const routed = await makeTopic({ title: "Hier übergeben" });
    const elsewhere = await makeTopic({ title: "Anderswo übergeben", routedGroupId: groupIds[OTHER]! });
    const hidden = await makeTopic({ title: "Ausgeblendet", hiddenAt: new Date(), hiddenReason: "Spam" });
    const waiting = await makeTopic({ title: "Wartet auf Freigabe", approvedAt: null });
    const merged = await makeTopic({ title: "Duplikat", mergedIntoId: routed });
    type NewPage = { prefill: { topicId: string }; choices: { topics: { id: number; title: string | null }[] } };
    const page = (await (await newPage(PUBLIC, member.cookie, `?anliegen=${routed}`)).json()) as NewPage;
    const offered = page.choices.topics.map((topic) => topic.id);
    expect(offered).toContain(routed);
    for (const id of [elsewhere, hidden, waiting, merged]) expect(offered).not.toContain(id);
    expect(page.choices.topics.find((topic) => topic.id === routed)?.title).toBe("Hier übergeben");
    expect(page.prefill.topicId).toBe(String(routed));
    // Another group's topic (or nonsense) in the address is not chosen in advance.
    expect(((await (await newPage(PUBLIC, member.cookie, `?anliegen=${elsewhere}`)).json()) as NewPage).prefill.topicId).toBe("");
    expect(((await (await newPage(PUBLIC, member.cookie, "?anliegen=abc")).json()) as NewPage).prefill.topicId).toBe("");
  });

  test("a task takes a topic handed to its group; a topic of another group is a field error and nothing is written", async () => {
    const routed = await makeTopic({ title: "Wartelisten" });
    const elsewhere = await makeTopic({ title: "Bei der anderen AG", routedGroupId: groupIds[OTHER]! });
    const hidden = await makeTopic({ title: "Ausgeblendet", hiddenAt: new Date(), hiddenReason: "Spam" });
    const before = await tasksCount();
    for (const topicId of [elsewhere, hidden, 2_000_000_000]) {
      const response = await create(PUBLIC, { title: "Mit fremdem Anliegen", topicId: String(topicId) }, member.cookie);
      expect(response.status).toBe(400);
      const reply = ((await response.json()) as FormReply).result;
      expect(reply.error.topicId).toEqual(["tasks.validation.topicNotRouted"]);
      expect(reply.initialValue.title).toBe("Mit fremdem Anliegen");
    }
    const nonsense = await create(PUBLIC, { title: "Unsinn", topicId: "42abc" }, member.cookie);
    expect(nonsense.status).toBe(400);
    expect(((await nonsense.json()) as FormReply).result.error.topicId).toEqual(["tasks.validation.topic"]);
    expect(await tasksCount()).toBe(before);

    const saved = await create(PUBLIC, { title: "Wartelisten abgleichen", topicId: String(routed) }, member.cookie);
    expect(saved.status).toBe(303);
    const id = saved.headers.get("Location")!.split("/").pop()!;
    expect((await taskRow(id))!.topicId).toBe(routed);
    // The same topic is no choice in another group.
    expect((await create(OTHER, { title: "Drüben", topicId: String(routed) }, outsider.cookie)).status).toBe(400);
    expect(await tasksCount()).toBe(before + 1);
  });

  test("the task page links the topic only while everyone may see it; a merged one points to the topic kept", async () => {
    const topicId = await makeTopic({ title: "Kinderbetreuung in Kursen" });
    const id = await makeTask(PUBLIC, { title: "Kurse mit Kinderbetreuung", topicId });
    type Page = { task: { topic: { id: number; title: string } | null } };
    const shown = async () => ((await (await taskPage(PUBLIC, id)).json()) as Page).task.topic;
    const onBoard = async () => ((await boardData(await board(PUBLIC))).tasks as unknown as { id: string; topicNumber: number | null }[]).find((task) => task.id === id)?.topicNumber;
    expect(await shown()).toEqual({ id: topicId, title: "Kinderbetreuung in Kursen" });
    expect(await onBoard()).toBe(topicId);

    await db.update(topics).set({ hiddenAt: new Date(), hiddenReason: "Personenbezogene Daten" }).where(eq(topics.id, topicId));
    expect(await shown()).toBeNull();
    expect(await onBoard()).toBeNull();
    await db.update(topics).set({ hiddenAt: null, hiddenReason: null, approvedAt: null }).where(eq(topics.id, topicId));
    expect(await shown()).toBeNull();

    const kept = await makeTopic({ title: "Das behaltene Anliegen" });
    await db.update(topics).set({ approvedAt: new Date(), mergedIntoId: kept }).where(eq(topics.id, topicId));
    expect(await shown()).toEqual({ id: kept, title: "Das behaltene Anliegen" });
    expect(await onBoard()).toBe(kept);
    await db.update(topics).set({ hiddenAt: new Date(), hiddenReason: "Spam" }).where(eq(topics.id, kept));
    expect(await shown()).toBeNull();
    // A broken chain (a loop) shows nothing rather than failing.
    await db.update(topics).set({ hiddenAt: null, mergedIntoId: topicId }).where(eq(topics.id, kept));
    expect(await shown()).toBeNull();
    expect((await taskPage(PUBLIC, id)).status).toBe(200);
  });

  test("editing keeps the task's own topic when it was handed on since, but takes no other group's topic", async () => {
    const topicId = await makeTopic({ title: "Erst hier, dann weiter" });
    const id = await makeTask(PUBLIC, { title: "Mit Anliegen", topicId });
    await db.update(topics).set({ routedGroupId: groupIds[OTHER]! }).where(eq(topics.id, topicId));
    type Page = { edit: { values: { topicId: string }; choices: { topics: { id: number; title: string | null }[] } } };
    const page = (await (await taskPage(PUBLIC, id, member.cookie)).json()) as Page;
    expect(page.edit.values.topicId).toBe(String(topicId));
    expect(page.edit.choices.topics).toContainEqual({ id: topicId, title: "Erst hier, dann weiter" });
    expect((await taskPost(PUBLIC, id, { intent: "update", title: "Umbenannt", topicId: String(topicId) }, member.cookie)).status).toBe(303);
    expect(await taskRow(id)).toMatchObject({ title: "Umbenannt", topicId });

    const foreign = await makeTopic({ title: "Fremd", routedGroupId: groupIds[OTHER]! });
    const rejected = await taskPost(PUBLIC, id, { intent: "update", title: "Gekapert", topicId: String(foreign) }, member.cookie);
    expect(rejected.status).toBe(400);
    expect(((await rejected.json()) as FormReply).result.error.topicId).toEqual(["tasks.validation.topicNotRouted"]);
    expect(await taskRow(id)).toMatchObject({ title: "Umbenannt", topicId });
    // Choosing no topic unlinks it.
    expect((await taskPost(PUBLIC, id, { intent: "update", title: "Ohne", topicId: "" }, member.cookie)).status).toBe(303);
    expect((await taskRow(id))!.topicId).toBeNull();
  });
});

describe("the choices of the task form", () => {
  test("a task's own thread stays a choice however many newer threads there are; another group's never", async () => {
    const groupId = groupIds[OTHER]!;
    const old = new Date("2020-01-01T10:00:00Z");
    const [oldThread] = await db.insert(groupThreads).values({ groupId, title: "Uralter Faden", createdAt: old, lastPostAt: old, updatedAt: old }).returning({ id: groupThreads.id });
    await db.insert(groupThreads).values(Array.from({ length: 200 }, (_, index) => ({ groupId, title: `Neuerer Faden ${index}` })));
    const [foreign] = await db
      .insert(groupThreads)
      .values({ groupId: groupIds[PUBLIC]!, title: "Faden einer anderen AG", createdAt: old, lastPostAt: old, updatedAt: old })
      .returning({ id: groupThreads.id });
    const offered = async (threadId: string | null) => (await getTaskChoices(groupId, null, threadId)).threads.map((thread) => thread.id);
    expect(await offered(null)).not.toContain(oldThread!.id);
    const kept = await offered(oldThread!.id);
    expect(kept.filter((id) => id === oldThread!.id)).toHaveLength(1);
    expect(await offered(foreign!.id)).not.toContain(foreign!.id);
    expect(await offered("kein-faden")).toHaveLength(200);
  });
});
