import { and, eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { groupMemberships, groupTasks, partners, services, topicAnswerServices, topicEvents, topics, topicStatusChanges, workingGroups } from "#db/schema";
import { demoGroups } from "#app/modules/demo/groups.server";
import { addDays } from "#app/modules/calendar/berlin-time";
import { berlinDay } from "#app/modules/groups/tasks/task-dates";
import { action as statusAction, loader as statusLoader } from "#app/routes/open-mic.$id_.status";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, withParams } from "#test/factories";
import { canMove, eventKindFor, StatusChangeSchema, TRANSITIONS } from "./coordination-schemas";
import { changeTopicStatus } from "./status-change.server";

type Person = { id: string; cookie: string };
let member: Person;
let coordinator: Person;
let admin: Person;
const groupIds: Record<string, string> = {};
let serviceId: string;
let secondServiceId: string;
let archivedServiceId: string;
let archivedGroupId: string;

async function person(role: "member" | "coordinator" | "admin"): Promise<Person> {
  const user = await createTestUser({ role, displayName: `Person ${Math.random().toString(36).slice(2, 7)}` });
  return { id: user.id, cookie: await sessionCookieFor(user.id) };
}

beforeAll(async () => {
  for (const row of await db.insert(workingGroups).values(demoGroups).returning({ id: workingGroups.id, slug: workingGroups.slug })) groupIds[row.slug] = row.id;
  const [archived] = await db.insert(workingGroups).values({ slug: "alte-ag", name: "Alte AG", focus: "Archiv", visibility: "public", archivedAt: new Date() }).returning({ id: workingGroups.id });
  archivedGroupId = archived!.id;
  member = await person("member");
  coordinator = await person("coordinator");
  admin = await person("admin");
  // The coordinator belongs to the private group; the admin does not.
  await db.insert(groupMemberships).values({ groupId: groupIds["ankommen-wohnen"]!, userId: coordinator.id, role: "coordinator" });
  const [partner] = await db.insert(partners).values({ slug: "jobcenter-test", name: "Jobcenter Test", kind: "behoerde" }).returning({ id: partners.id });
  const rows = await db
    .insert(services)
    .values([
      { partnerId: partner!.id, slug: "integrationskurs-test", name: "Integrationskurs Test" },
      { partnerId: partner!.id, slug: "sprachcafe-test", name: "Sprachcafé Test" },
      { partnerId: partner!.id, slug: "altes-angebot", name: "Altes Angebot", status: "archived" },
    ])
    .returning({ id: services.id, slug: services.slug });
  serviceId = rows.find((row) => row.slug === "integrationskurs-test")!.id;
  secondServiceId = rows.find((row) => row.slug === "sprachcafe-test")!.id;
  archivedServiceId = rows.find((row) => row.slug === "altes-angebot")!.id;
});

async function makeTopic(values: Partial<typeof topics.$inferInsert> = {}): Promise<number> {
  const [topic] = await db
    .insert(topics)
    .values({ title: "Wartezeiten für Integrationskurse in Weidenfeld", body: "Die Wartelisten sind lang.", authorId: member.id, approvedAt: new Date(), ...values })
    .returning({ id: topics.id });
  return topic!.id;
}

const topicRow = async (id: number) => (await db.select().from(topics).where(eq(topics.id, id)))[0]!;
const changesOf = (id: number) => db.select().from(topicStatusChanges).where(eq(topicStatusChanges.topicId, id));
const eventsOf = (id: number) => db.select().from(topicEvents).where(eq(topicEvents.topicId, id));
const tasksOf = (id: number) => db.select().from(groupTasks).where(eq(groupTasks.topicId, id));

async function hasJob(key: string): Promise<boolean> {
  const rows = await db.execute<{ key: string }>(sql`select key from graphile_worker.jobs where key = ${key}`);
  return rows.length === 1;
}

const page = (id: number | string, cookie?: string) => run(withParams(statusLoader, { id: String(id) }), getRequest(`/open-mic/${id}/status`, { cookie }));
const post = (id: number | string, fields: Record<string, string | string[]>, cookie?: string) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
  const request = formRequest(`/open-mic/${id}/status`, {}, { cookie });
  return run(withParams(statusAction, { id: String(id) }), new Request(request.url, { method: "POST", headers: request.headers, body: body.toString() }));
};
const isSignInRedirect = (response: Response) => response.status === 302 && (response.headers.get("Location") ?? "").startsWith("/anmelden?redirectTo=");
type Reply = { result: { status: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } };
const errorsOf = async (response: Response) => ((await response.json()) as Reply).result.error ?? {};

describe("the allowed moves", () => {
  test("forward moves, rejection from every waiting state, reopening of finished ones", () => {
    expect(canMove("new", "clarifying")).toBe(true);
    expect(canMove("clarifying", "routed")).toBe(true);
    expect(canMove("routed", "answered")).toBe(true);
    expect(canMove("answered", "closed")).toBe(true);
    for (const from of ["new", "clarifying", "routed"] as const) expect(canMove(from, "rejected")).toBe(true);
    for (const from of ["answered", "implemented", "closed", "rejected"] as const) expect(canMove(from, "clarifying")).toBe(true);
    expect(canMove("closed", "answered")).toBe(false);
    expect(canMove("clarifying", "new")).toBe(false);
    expect(canMove("implemented", "rejected")).toBe(false);
    expect(Object.values(TRANSITIONS).every((targets) => !targets.includes("new"))).toBe(true);
  });

  test("answers, implementations and rejections are official answers; other moves are status changes", () => {
    expect(["answered", "implemented", "rejected"].map((to) => eventKindFor(to as "answered"))).toEqual(["answer", "answer", "answer"]);
    expect(["clarifying", "routed", "closed"].map((to) => eventKindFor(to as "closed"))).toEqual(["status", "status", "status"]);
  });

  test("routing needs a group and a review date; a task needs a title", () => {
    const parsed = StatusChangeSchema.safeParse({ toStatus: "routed", answer: "Geht an die AG", createTask: "on" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => issue.path.join("."))).toEqual(["groupId", "nextReviewAt", "taskTitle"]);
    expect(StatusChangeSchema.safeParse({ toStatus: "answered", answer: "  " }).success).toBe(false);
  });
});

describe("/open-mic/:id/status", () => {
  test("guests are sent to sign in, members get 403, coordinators and admins see the form", async () => {
    const id = await makeTopic();
    expect(isSignInRedirect(await page(id))).toBe(true);
    expect((await page(id, member.cookie)).status).toBe(403);
    const response = await page(id, coordinator.cookie);
    expect(response.status).toBe(200);
    const data = (await response.json()) as { allowed: string[]; groups: { id: string; name: string }[]; services: { id: string }[]; defaultReviewDay: string };
    expect(data.allowed).toEqual(TRANSITIONS.new);
    expect(data.defaultReviewDay).toBe(addDays(berlinDay(new Date()), 28));
    expect(data.services.map((service) => service.id).sort()).toEqual([serviceId, secondServiceId].sort());
    // Archived groups are no choice; a private group only for its members.
    expect(data.groups.map((group) => group.id)).not.toContain(archivedGroupId);
    expect(data.groups.map((group) => group.id)).toContain(groupIds["ankommen-wohnen"]);
    const forAdmin = (await (await page(id, admin.cookie)).json()) as { groups: { id: string }[] };
    expect(forAdmin.groups.map((group) => group.id)).not.toContain(groupIds["ankommen-wohnen"]);
    expect(forAdmin.groups).toHaveLength(3);
  });

  test("?antwort= begins the answer (at most 2 000 characters); the GET saves nothing and the form still needs a coordinator", async () => {
    const id = await makeTopic();
    const prefilled = (query: string, cookie?: string) => run(withParams(statusLoader, { id: String(id) }), getRequest(`/open-mic/${id}/status${query}`, { cookie }));
    const text = "Beschluss aus dem Treffen einer Arbeitsgruppe am 12. November 2026: ";
    const response = await prefilled(`?${new URLSearchParams({ antwort: text }).toString()}`, coordinator.cookie);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { prefilledAnswer: string }).prefilledAnswer).toBe(text);
    expect(((await (await prefilled("", coordinator.cookie)).json()) as { prefilledAnswer: string }).prefilledAnswer).toBe("");
    const long = ((await (await prefilled(`?antwort=${"ä".repeat(2_500)}`, admin.cookie)).json()) as { prefilledAnswer: string }).prefilledAnswer;
    expect(long).toBe("ä".repeat(2_000));
    // Nothing was written by reading the form.
    expect(await changesOf(id)).toHaveLength(0);
    expect((await topicRow(id)).status).toBe("new");
    // The prefilled link gives nobody else the form, and posting still needs a coordinator.
    expect((await prefilled(`?antwort=${encodeURIComponent(text)}`, member.cookie)).status).toBe(403);
    expect(isSignInRedirect(await prefilled(`?antwort=${encodeURIComponent(text)}`))).toBe(true);
    expect((await post(id, { toStatus: "answered", answer: `${text}Wir bieten einen Samstagskurs an.` }, member.cookie)).status).toBe(403);
    expect(await changesOf(id)).toHaveLength(0);
    expect((await post(id, { toStatus: "answered", answer: `${text}Wir bieten einen Samstagskurs an.` }, coordinator.cookie)).status).toBe(303);
    expect((await changesOf(id)).map((change) => change.answer)).toEqual([`${text}Wir bieten einen Samstagskurs an.`]);
  });

  test("a topic that does not exist is a 404, also for odd ids", async () => {
    expect((await page(999_999, coordinator.cookie)).status).toBe(404);
    expect((await page("abc", coordinator.cookie)).status).toBe(404);
    expect((await post("abc", { toStatus: "answered", answer: "x" }, coordinator.cookie)).status).toBe(404);
  });

  test("guests and members cannot change the status", async () => {
    const id = await makeTopic();
    expect(isSignInRedirect(await post(id, { toStatus: "answered", answer: "Antwort" }))).toBe(true);
    expect((await post(id, { toStatus: "answered", answer: "Antwort" }, member.cookie)).status).toBe(403);
    expect((await topicRow(id)).status).toBe("new");
    expect(await changesOf(id)).toHaveLength(0);
  });

  test("an answer with services is written in one go: history, cards, status, activity, event, search sync", async () => {
    const id = await makeTopic({ lastActivityAt: new Date("2026-01-01T10:00:00Z") });
    const response = await post(id, { toStatus: "answered", answer: "Die VHS bietet **ab Mai** zusätzliche Kurse an.", services: [serviceId, secondServiceId] }, coordinator.cookie);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/open-mic/${id}`);
    const topic = await topicRow(id);
    expect(topic.status).toBe("answered");
    expect(topic.lastActivityAt.getTime()).toBeGreaterThan(new Date("2026-01-02").getTime());
    const [change] = await changesOf(id);
    expect(change).toMatchObject({ fromStatus: "new", toStatus: "answered", answer: "Die VHS bietet **ab Mai** zusätzliche Kurse an.", actorId: coordinator.id, groupId: null, taskId: null });
    const cards = await db.select().from(topicAnswerServices).where(eq(topicAnswerServices.statusChangeId, change!.id));
    expect(cards.map((card) => card.serviceId).sort()).toEqual([serviceId, secondServiceId].sort());
    expect(await eventsOf(id)).toEqual([expect.objectContaining({ kind: "answer", statusChangeId: change!.id, actorId: coordinator.id })]);
    expect(await hasJob(`topics:${id}`)).toBe(true);
  });

  test("moving into clarification records a status event, not an answer", async () => {
    const id = await makeTopic();
    expect((await post(id, { toStatus: "clarifying", answer: "Wir fragen bei der VHS nach." }, admin.cookie)).status).toBe(303);
    expect((await eventsOf(id)).map((event) => event.kind)).toEqual(["status"]);
  });

  test("without an answer text nothing changes: 400, and what was typed comes back", async () => {
    const id = await makeTopic();
    const response = await post(
      id,
      { toStatus: "routed", answer: "   ", groupId: groupIds["sprache-bildung"]!, nextReviewAt: addDays(berlinDay(new Date()), 10), createTask: "on", taskTitle: "Wartelisten abgleichen" },
      coordinator.cookie,
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as Reply;
    expect(body.result.error?.answer).toEqual(["openMicCoordination.validation.answerRequired"]);
    expect(body.result.initialValue).toMatchObject({ toStatus: "routed", taskTitle: "Wartelisten abgleichen", groupId: groupIds["sprache-bildung"] });
    expect((await topicRow(id)).status).toBe("new");
    expect(await changesOf(id)).toHaveLength(0);
    expect(await tasksOf(id)).toHaveLength(0);
  });

  test("a service id that does not exist or is archived is a field error and changes nothing", async () => {
    const id = await makeTopic();
    for (const bad of ["6f1c2a4e-1111-4a5b-9c0d-123456789abc", archivedServiceId]) {
      const response = await post(id, { toStatus: "answered", answer: "Antwort", services: [serviceId, bad] }, coordinator.cookie);
      expect(response.status).toBe(400);
      expect((await errorsOf(response)).services).toEqual(["openMicCoordination.validation.serviceUnknown"]);
    }
    const malformed = await post(id, { toStatus: "answered", answer: "Antwort", services: "kein-uuid" }, coordinator.cookie);
    expect(malformed.status).toBe(400);
    expect((await topicRow(id)).status).toBe("new");
    expect(await changesOf(id)).toHaveLength(0);
    expect(await db.select().from(topicEvents).where(eq(topicEvents.topicId, id))).toHaveLength(0);
  });

  test("routing to an archived group, an unknown one or a private group the coordinator is not in is refused", async () => {
    const id = await makeTopic();
    const review = addDays(berlinDay(new Date()), 14);
    for (const [cookie, groupId] of [
      [coordinator.cookie, archivedGroupId],
      [coordinator.cookie, "6f1c2a4e-2222-4a5b-9c0d-123456789abc"],
      [admin.cookie, groupIds["ankommen-wohnen"]!],
    ] as const) {
      const response = await post(id, { toStatus: "routed", answer: "Geht an die AG", groupId, nextReviewAt: review, createTask: "on", taskTitle: "Aufgabe" }, cookie);
      expect(response.status).toBe(400);
      expect((await errorsOf(response)).groupId).toEqual(["openMicCoordination.validation.groupUnknown"]);
    }
    expect((await topicRow(id)).routedGroupId).toBeNull();
    expect(await changesOf(id)).toHaveLength(0);
    expect(await tasksOf(id)).toHaveLength(0);
    expect(await db.select().from(groupTasks).where(eq(groupTasks.groupId, archivedGroupId))).toHaveLength(0);
  });

  test("routing with a task creates the task in that group, linked to the topic, and sets owner and review date", async () => {
    const id = await makeTopic({ title: "Dolmetscherpool für Elterngespräche" });
    const review = addDays(berlinDay(new Date()), 21);
    const response = await post(
      id,
      {
        toStatus: "routed",
        answer: "Die AG Sprache & Bildung nimmt sich des Themas an.",
        groupId: groupIds["sprache-bildung"]!,
        nextReviewAt: review,
        createTask: "on",
        taskTitle: "Dolmetscherpool aufbauen",
        taskDescription: "Aus dem Open Mic",
      },
      coordinator.cookie,
    );
    expect(response.status).toBe(303);
    const [task] = await tasksOf(id);
    expect(task).toMatchObject({
      groupId: groupIds["sprache-bildung"],
      title: "Dolmetscherpool aufbauen",
      description: "Aus dem Open Mic",
      topicId: id,
      createdBy: coordinator.id,
      status: "open",
      dueDate: review,
    });
    expect(await topicRow(id)).toMatchObject({ status: "routed", routedGroupId: groupIds["sprache-bildung"], routedTaskId: task!.id, nextReviewAt: review });
    const [change] = await changesOf(id);
    expect(change).toMatchObject({ toStatus: "routed", groupId: groupIds["sprache-bildung"], taskId: task!.id });
    expect((await eventsOf(id)).map((event) => event.kind)).toEqual(["status"]);
    expect(await hasJob(`group_content:task:${task!.id}`)).toBe(true);
  });

  test("a hidden topic gets no task: its title would live on in the group and its search", async () => {
    const id = await makeTopic({ title: "Herr K. aus der Birkenstraße 3", hiddenAt: new Date(), hiddenReason: "Personenbezug" });
    const review = addDays(berlinDay(new Date()), 14);
    const fields = { toStatus: "routed", answer: "Geht an die AG", groupId: groupIds["sprache-bildung"]!, nextReviewAt: review, createTask: "on", taskTitle: "Herr K. aus der Birkenstraße 3" };
    const refused = await post(id, fields, coordinator.cookie);
    expect(refused.status).toBe(400);
    expect(await errorsOf(refused)).toMatchObject({ createTask: ["openMicCoordination.validation.hiddenNoTask"] });
    expect(await tasksOf(id)).toHaveLength(0);
    expect(await changesOf(id)).toHaveLength(0);
    expect((await topicRow(id)).status).toBe("new");
    // The status form says so before anyone tries.
    expect(((await (await page(id, coordinator.cookie)).json()) as { topic: { hidden: boolean } }).topic.hidden).toBe(true);
    // Handing it on without a task still works.
    const { createTask: _createTask, taskTitle: _taskTitle, ...withoutTask } = fields;
    expect((await post(id, withoutTask, coordinator.cookie)).status).toBe(303);
    expect(await tasksOf(id)).toHaveLength(0);
  });

  test("NUL characters in the answer are dropped before they reach the database", async () => {
    const id = await makeTopic();
    const nul = String.fromCharCode(0);
    const response = await post(id, { toStatus: "clarifying", answer: `Wir${nul} klären das.` }, coordinator.cookie);
    expect(response.status).toBe(303);
    expect((await changesOf(id))[0]).toMatchObject({ answer: "Wir klären das." });
    expect(StatusChangeSchema.parse({ toStatus: "rejected", answer: `a${nul}b` }).answer).toBe("ab");
  });

  test("routing without a task, to a private group the coordinator belongs to, creates no task", async () => {
    const id = await makeTopic();
    expect((await post(id, { toStatus: "routed", answer: "Übergeben", groupId: groupIds["ankommen-wohnen"]!, nextReviewAt: addDays(berlinDay(new Date()), 7) }, coordinator.cookie)).status).toBe(303);
    expect(await tasksOf(id)).toHaveLength(0);
    expect(await topicRow(id)).toMatchObject({ routedGroupId: groupIds["ankommen-wohnen"], routedTaskId: null });
  });

  test("a review date in the past and a move that is not allowed are field errors", async () => {
    const id = await makeTopic({ status: "closed" });
    const past = await post(id, { toStatus: "routed", answer: "x", groupId: groupIds["sprache-bildung"]!, nextReviewAt: "2020-01-01" }, coordinator.cookie);
    expect(past.status).toBe(400);
    expect(await errorsOf(past)).toMatchObject({ toStatus: ["openMicCoordination.validation.transition"], nextReviewAt: ["openMicCoordination.validation.reviewDatePast"] });
    expect((await post(id, { toStatus: "answered", answer: "x" }, coordinator.cookie)).status).toBe(400);
    expect((await topicRow(id)).status).toBe("closed");
    // A closed topic can be reopened.
    expect((await post(id, { toStatus: "clarifying", answer: "Wir schauen noch einmal darauf." }, coordinator.cookie)).status).toBe(303);
    expect((await topicRow(id)).status).toBe("clarifying");
  });

  test("a rejection needs its reason and leaves the review date behind", async () => {
    const id = await makeTopic({ status: "routed", routedGroupId: groupIds["sprache-bildung"]!, nextReviewAt: "2030-01-01" });
    expect((await post(id, { toStatus: "rejected", answer: "" }, coordinator.cookie)).status).toBe(400);
    expect((await post(id, { toStatus: "rejected", answer: "Dafür ist der Landkreis nicht zuständig." }, coordinator.cookie)).status).toBe(303);
    expect(await topicRow(id)).toMatchObject({ status: "rejected", nextReviewAt: null, routedGroupId: groupIds["sprache-bildung"] });
    expect((await eventsOf(id)).map((event) => event.kind)).toEqual(["answer"]);
  });

  test("a topic waiting for approval or merged into another cannot be answered", async () => {
    const pending = await makeTopic({ approvedAt: null, authorId: null, guestEmail: "gast@test.example" });
    const response = await post(pending, { toStatus: "answered", answer: "Antwort" }, coordinator.cookie);
    expect(response.status).toBe(400);
    expect(((await response.json()) as Reply).result.error?.[""]).toEqual(["openMicCoordination.validation.notApproved"]);
    const kept = await makeTopic();
    const duplicate = await makeTopic({ mergedIntoId: kept });
    expect((await post(duplicate, { toStatus: "answered", answer: "Antwort" }, coordinator.cookie)).status).toBe(400);
    expect(await changesOf(pending)).toHaveLength(0);
    expect(await changesOf(duplicate)).toHaveLength(0);
  });
});

describe("changeTopicStatus", () => {
  test("writes nothing at all when one reference is bad", async () => {
    const id = await makeTopic();
    const outcome = await changeTopicStatus({ id: coordinator.id, role: "coordinator" } as never, id, {
      toStatus: "routed",
      answer: "x",
      services: [archivedServiceId],
      groupId: groupIds["sprache-bildung"]!,
      nextReviewAt: "2099-01-01",
      createTask: true,
      taskTitle: "T",
      taskDescription: "",
    });
    expect(outcome).toMatchObject({ ok: false, fieldErrors: { services: ["openMicCoordination.validation.serviceUnknown"] } });
    expect(await tasksOf(id)).toHaveLength(0);
    expect(
      await db
        .select()
        .from(topicStatusChanges)
        .where(and(eq(topicStatusChanges.topicId, id))),
    ).toHaveLength(0);
  });
});
