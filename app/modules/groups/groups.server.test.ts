import type { ActionFunctionArgs } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { groupTasks, groupThreads, meetings, workingGroups } from "#db/schema";
import { demoGroups } from "#app/modules/demo/groups.server";
import { action as groupAction, loader as groupLoader } from "#app/routes/arbeitsgruppen.$slug/route";
import { action as editAction, loader as editLoader } from "#app/routes/arbeitsgruppen.$slug_.bearbeiten";
import { action as newAction, loader as newLoader } from "#app/routes/arbeitsgruppen.neu";
import { formRequest, getRequest, run, withParams } from "#test/factories";
import { cookieOf, groupId, join, listed, makeGroup, pageStatus, person, roleIn, type Person } from "#test/group-fixtures";

const post = (handler: (args: ActionFunctionArgs) => Promise<unknown>, params: Record<string, string>, path: string, fields: Record<string, string>, who?: Person) =>
  run(withParams(handler, params), formRequest(path, fields, cookieOf(who)));

/** The search sync jobs waiting for these documents (the worker does not run in unit tests). */
async function syncJobKeys(keys: string[]): Promise<string[]> {
  const rows = await db.execute<{ key: string }>(
    sql`select key from graphile_worker.jobs where task_identifier = 'search_sync' and key in ${sql`(${sql.join(
      keys.map((key) => sql`${key}`),
      sql`, `,
    )})`}`,
  );
  return rows.map((row) => row.key).sort();
}

async function removeJobs(keys: string[]) {
  for (const key of keys) await db.execute(sql`select graphile_worker.remove_job(${key})`);
}

beforeAll(async () => {
  await db.insert(workingGroups).values(demoGroups);
});

describe("group list", () => {
  test("a private group is listed for its members only — not for guests, outsiders, network coordination or admins", async () => {
    const { slug, coordinator } = await makeGroup("private");
    const member = await person();
    await join(await groupId(slug), member);
    for (const who of [undefined, await person(), await person("coordinator"), await person("admin")]) {
      expect((await listed(who)).map((group) => group.slug)).not.toContain(slug);
    }
    expect((await listed(member)).map((group) => group.slug)).toContain(slug);
    expect((await listed(coordinator)).map((group) => group.slug)).toContain(slug);
    expect((await listed()).map((group) => group.slug)).toContain("sprache-bildung");
  });

  test("shows members, the next meeting that is not over or cancelled, and the open tasks", async () => {
    const group = await makeGroup("public");
    const hour = 3_600_000;
    const now = Date.now();
    await db.insert(meetings).values([
      { groupId: group.id, title: "Vorbei", startsAt: new Date(now - 48 * hour), endsAt: new Date(now - 47 * hour) },
      { groupId: group.id, title: "Abgesagt", startsAt: new Date(now + 1 * hour), endsAt: new Date(now + 2 * hour), cancelledAt: new Date() },
      { groupId: group.id, title: "Nächstes", startsAt: new Date(now + 24 * hour), endsAt: new Date(now + 25 * hour) },
      { groupId: group.id, title: "Später", startsAt: new Date(now + 72 * hour), endsAt: new Date(now + 73 * hour) },
    ]);
    await db.insert(groupTasks).values([
      { groupId: group.id, title: "Offen", status: "open" },
      { groupId: group.id, title: "In Arbeit", status: "in_progress" },
      { groupId: group.id, title: "Erledigt", status: "done" },
    ]);
    const row = (await listed()).find((entry) => entry.slug === group.slug)!;
    expect(row.members).toBe(1);
    expect(row.openTasks).toBe(2);
    expect(row.nextMeetingAt).toBe(new Date(now + 24 * hour).toISOString());
    const empty = await makeGroup("public");
    expect((await listed()).find((entry) => entry.slug === empty.slug)).toMatchObject({ nextMeetingAt: null, openTasks: 0 });
  });
});

describe("group page", () => {
  test("a private group answers 404 to guests, outsiders, network coordination and admins who are not members — like a missing group", async () => {
    const group = await makeGroup("private");
    expect(await pageStatus(group.slug)).toBe(404);
    for (const who of [await person(), await person("coordinator"), await person("admin")]) {
      expect(await pageStatus(group.slug, who)).toBe(404);
      expect(await pageStatus("gibt-es-nicht", who)).toBe(404);
      // Actions as well: nothing is joined, left or decided.
      expect((await post(groupAction, { slug: group.slug }, `/arbeitsgruppen/${group.slug}`, { intent: "join" }, who)).status).toBe(404);
      expect((await post(groupAction, { slug: group.slug }, `/arbeitsgruppen/${group.slug}`, { intent: "leave" }, who)).status).toBe(404);
    }
    expect(await pageStatus(group.slug, group.coordinator)).toBe(200);
  });

  test("guests read a public group with its count, but neither its members nor its requests; actions send them to sign in", async () => {
    const page = (await (await run(withParams(groupLoader, { slug: "arbeit-ausbildung" }), getRequest("/arbeitsgruppen/arbeit-ausbildung"))).json()) as Record<string, unknown>;
    expect(page).toMatchObject({ role: null, signedIn: false, coordinates: false, requests: [], news: null });
    expect(page).not.toHaveProperty("members");
    const response = await post(groupAction, { slug: "arbeit-ausbildung" }, "/arbeitsgruppen/arbeit-ausbildung", { intent: "join" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toContain("/anmelden");
  });
});

describe("new group", () => {
  test("only network coordination and admins set groups up; guests are sent to sign in", async () => {
    const guest = await run(newLoader, getRequest("/arbeitsgruppen/neu"));
    expect(guest.status).toBe(302);
    const member = await person();
    expect((await run(newLoader, getRequest("/arbeitsgruppen/neu", cookieOf(member)))).status).toBe(403);
    // Coordinating a group does not make someone network coordination.
    const { coordinator } = await makeGroup("public");
    expect((await run(newLoader, getRequest("/arbeitsgruppen/neu", cookieOf(coordinator)))).status).toBe(403);
    const fields = { name: "Gesundheit & Pflege", focus: "Gesundheitsversorgung", description: "", visibility: "public" };
    expect((await post(newAction, {}, "/arbeitsgruppen/neu", fields, member)).status).toBe(403);
    expect((await post(newAction, {}, "/arbeitsgruppen/neu", fields, coordinator)).status).toBe(403);
    expect(await db.select().from(workingGroups).where(eq(workingGroups.name, "Gesundheit & Pflege"))).toEqual([]);
    for (const role of ["coordinator", "admin"] as const) {
      expect((await run(newLoader, getRequest("/arbeitsgruppen/neu", cookieOf(await person(role))))).status).toBe(200);
    }
  });

  test("the slug comes from the name, numbered when taken; the creator coordinates the new group", async () => {
    const creator = await person("coordinator");
    const fields = { name: "Sprache & Bildung", focus: "Noch eine Sprachgruppe", description: "Zweiter Versuch", visibility: "private" };
    const created = await post(newAction, {}, "/arbeitsgruppen/neu", fields, creator);
    expect(created.status).toBe(303);
    expect(created.headers.get("Location")).toBe("/arbeitsgruppen/sprache-bildung-2");
    const [group] = await db.select().from(workingGroups).where(eq(workingGroups.slug, "sprache-bildung-2"));
    expect(group).toMatchObject({ name: "Sprache & Bildung", focus: "Noch eine Sprachgruppe", description: "Zweiter Versuch", visibility: "private" });
    expect(await roleIn(group!.id, creator.id)).toBe("coordinator");
    expect(await pageStatus("sprache-bildung-2", creator)).toBe(200);
    // A name that would make a page's path gets a number instead.
    const reserved = await post(newAction, {}, "/arbeitsgruppen/neu", { ...fields, name: "Neu", visibility: "public" }, await person("admin"));
    expect(reserved.headers.get("Location")).toBe("/arbeitsgruppen/neu-2");
  });

  test("bad input is answered at the fields, with what was typed", async () => {
    const response = await post(newAction, {}, "/arbeitsgruppen/neu", { name: "AG", focus: "Ein Schwerpunkt", visibility: "geheim" }, await person("admin"));
    expect(response.status).toBe(400);
    const { result } = (await response.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    expect(result.error.name).toEqual(["groupAdmin.validation.nameShort"]);
    expect(result.error.visibility).toEqual(["groupAdmin.validation.visibility"]);
    expect(result.initialValue.focus).toBe("Ein Schwerpunkt");
  });
});

describe("editing and archiving", () => {
  const editPath = (slug: string) => `/arbeitsgruppen/${slug}/bearbeiten`;
  const editStatus = async (slug: string, who?: Person) => (await run(withParams(editLoader, { slug }), getRequest(editPath(slug), cookieOf(who)))).status;

  test("who may open the edit page", async () => {
    const open = await makeGroup("public");
    const closed = await makeGroup("private");
    const member = await person();
    await join(open.id, member);
    await join(closed.id, member);
    expect(await editStatus(open.slug)).toBe(302);
    expect(await editStatus(open.slug, member)).toBe(403);
    expect(await editStatus(closed.slug, member)).toBe(403);
    expect(await editStatus(open.slug, await person())).toBe(403);
    expect(await editStatus(closed.slug, await person())).toBe(404);
    expect(await editStatus(open.slug, open.coordinator)).toBe(200);
    expect(await editStatus(closed.slug, closed.coordinator)).toBe(200);
    // Network coordination and admins coordinate every group they can see — a private one only as members.
    for (const role of ["coordinator", "admin"] as const) {
      const networkPerson = await person(role);
      expect(await editStatus(open.slug, networkPerson)).toBe(200);
      expect(await editStatus(closed.slug, networkPerson)).toBe(404);
      expect((await post(editAction, { slug: closed.slug }, editPath(closed.slug), { name: "Übernommen", focus: "x".repeat(5), visibility: "public" }, networkPerson)).status).toBe(404);
    }
    expect(await editStatus("gibt-es-nicht", await person("admin"))).toBe(404);
  });

  test("members cannot change or archive the group", async () => {
    const group = await makeGroup("public");
    const member = await person();
    await join(group.id, member);
    expect((await post(editAction, { slug: group.slug }, editPath(group.slug), { name: "Gekapert", focus: "Anderer Schwerpunkt", visibility: "private" }, member)).status).toBe(403);
    expect((await post(editAction, { slug: group.slug }, editPath(group.slug), { intent: "archive", confirm: "on" }, member)).status).toBe(403);
    const [row] = await db.select({ name: workingGroups.name, visibility: workingGroups.visibility, archivedAt: workingGroups.archivedAt }).from(workingGroups).where(eq(workingGroups.id, group.id));
    expect(row).toEqual({ name: group.name, visibility: "public", archivedAt: null });
  });

  test("a new name keeps the slug; name and visibility changes queue every document of the group for the index", async () => {
    const group = await makeGroup("public");
    const [thread] = await db.insert(groupThreads).values({ groupId: group.id, title: "Ein Thema" }).returning({ id: groupThreads.id });
    const [task] = await db.insert(groupTasks).values({ groupId: group.id, title: "Eine Aufgabe" }).returning({ id: groupTasks.id });
    const [meeting] = await db.insert(meetings).values({ groupId: group.id, title: "Ein Treffen", startsAt: new Date(), endsAt: new Date() }).returning({ id: meetings.id });
    const expected = [`group_content:thread:${thread!.id}`, `group_content:task:${task!.id}`, `group_content:meeting:${meeting!.id}`].sort();

    // Only the description changes: the documents stay as they are.
    const described = await post(
      editAction,
      { slug: group.slug },
      editPath(group.slug),
      { name: group.name, focus: "Ein Schwerpunkt", description: "Neu beschrieben", visibility: "public" },
      group.coordinator,
    );
    expect(described.status).toBe(303);
    expect(await syncJobKeys(expected)).toEqual([]);

    const closed = await post(editAction, { slug: group.slug }, editPath(group.slug), { name: group.name, focus: "Ein Schwerpunkt", description: "", visibility: "private" }, group.coordinator);
    expect(closed.headers.get("Location")).toBe(`/arbeitsgruppen/${group.slug}`);
    expect(await syncJobKeys(expected)).toEqual(expected);
    expect(await pageStatus(group.slug, await person())).toBe(404);

    await removeJobs(expected);
    expect(await syncJobKeys(expected)).toEqual([]);
    await post(editAction, { slug: group.slug }, editPath(group.slug), { name: "Ganz neuer Name", focus: "Ein Schwerpunkt", visibility: "private" }, group.coordinator);
    expect(await syncJobKeys(expected)).toEqual(expected);
    const [row] = await db.select({ slug: workingGroups.slug, name: workingGroups.name }).from(workingGroups).where(eq(workingGroups.id, group.id));
    expect(row).toEqual({ slug: group.slug, name: "Ganz neuer Name" });
  });

  test("archiving asks for confirmation; then the group is gone from lists and pages, and its documents are queued", async () => {
    const group = await makeGroup("public");
    const [thread] = await db.insert(groupThreads).values({ groupId: group.id, title: "Bleibt in der Datenbank" }).returning({ id: groupThreads.id });
    const keys = [`group_content:thread:${thread!.id}`];
    const unconfirmed = await post(editAction, { slug: group.slug }, editPath(group.slug), { intent: "archive" }, group.coordinator);
    expect(unconfirmed.status).toBe(400);
    expect(((await unconfirmed.json()) as { archiveResult: { error: Record<string, string[]> } }).archiveResult.error.confirm).toEqual(["groupAdmin.validation.confirmArchive"]);
    expect(await pageStatus(group.slug)).toBe(200);
    expect(await syncJobKeys(keys)).toEqual([]);

    const archived = await post(editAction, { slug: group.slug }, editPath(group.slug), { intent: "archive", confirm: "on" }, group.coordinator);
    expect(archived.status).toBe(303);
    expect(archived.headers.get("Location")).toBe("/arbeitsgruppen");
    expect(await syncJobKeys(keys)).toEqual(keys);
    expect(await pageStatus(group.slug)).toBe(404);
    expect(await pageStatus(group.slug, group.coordinator)).toBe(404);
    expect(await editStatus(group.slug, group.coordinator)).toBe(404);
    expect((await listed(group.coordinator)).map((entry) => entry.slug)).not.toContain(group.slug);
  });
});
