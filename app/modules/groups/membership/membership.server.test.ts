import type { ActionFunctionArgs } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { db } from "#db/client";
import { groupJoinRequests, groupMemberships, workingGroups } from "#db/schema";
import { demoGroups } from "#app/modules/demo/groups.server";
import { action as groupAction, loader as groupLoader } from "#app/routes/arbeitsgruppen.$slug/route";
import { loader as editLoader } from "#app/routes/arbeitsgruppen.$slug_.bearbeiten";
import { action as membersAction, loader as membersLoader } from "#app/routes/arbeitsgruppen.$slug_.mitglieder";
import { action as requestAction } from "#app/routes/arbeitsgruppen.anfragen.$slug";
import { formRequest, getRequest, run, withParams } from "#test/factories";
import { cookieOf, groupId, join, listed, makeGroup, pageStatus, person, roleIn, type Person } from "#test/group-fixtures";

const PRIVATE = "ankommen-wohnen";

const post = (handler: (args: ActionFunctionArgs) => Promise<unknown>, params: Record<string, string>, path: string, fields: Record<string, string>, who?: Person) =>
  run(withParams(handler, params), formRequest(path, fields, cookieOf(who)));

let demoCoordinator: Person;

beforeAll(async () => {
  await db.insert(workingGroups).values(demoGroups);
  demoCoordinator = await person("member", "Demo-Koordination");
  await join(await groupId(PRIVATE), demoCoordinator, "coordinator");
});

describe("joining and leaving", () => {
  test("request → approval → the member reads; after leaving, 404 again", async () => {
    const member = await person("member", "Nora Anfrage");
    const sent = await post(requestAction, { slug: PRIVATE }, `/arbeitsgruppen/anfragen/${PRIVATE}`, { message: "Ich koordiniere die Wohnungslotsen." }, member);
    expect(sent.status).toBe(200);
    // The same answer for a group that does not exist.
    const none = await post(requestAction, { slug: "gibt-es-nicht" }, "/arbeitsgruppen/anfragen/gibt-es-nicht", { message: "Hallo" }, member);
    expect(await none.json()).toEqual(await sent.clone().json());
    expect(await pageStatus(PRIVATE, member)).toBe(404);

    const page = (await (await run(withParams(groupLoader, { slug: PRIVATE }), getRequest(`/arbeitsgruppen/${PRIVATE}`, cookieOf(demoCoordinator)))).json()) as {
      requests: { id: string; displayName: string; message: string }[];
    };
    expect(page.requests).toEqual([expect.objectContaining({ displayName: "Nora Anfrage", message: "Ich koordiniere die Wohnungslotsen." })]);
    const approved = await post(groupAction, { slug: PRIVATE }, `/arbeitsgruppen/${PRIVATE}`, { intent: "approve", requestId: page.requests[0]!.id }, demoCoordinator);
    expect(approved.status).toBe(303);
    expect(await pageStatus(PRIVATE, member)).toBe(200);
    expect((await listed(member)).map((group) => group.slug)).toContain(PRIVATE);

    const left = await post(groupAction, { slug: PRIVATE }, `/arbeitsgruppen/${PRIVATE}`, { intent: "leave" }, member);
    expect(left.status).toBe(303);
    expect(left.headers.get("Location")).toBe("/arbeitsgruppen");
    // Every URL of the group this module answers is gone for the former member.
    expect(await pageStatus(PRIVATE, member)).toBe(404);
    expect((await run(withParams(membersLoader, { slug: PRIVATE }), getRequest(`/arbeitsgruppen/${PRIVATE}/mitglieder`, cookieOf(member)))).status).toBe(404);
    expect((await run(withParams(editLoader, { slug: PRIVATE }), getRequest(`/arbeitsgruppen/${PRIVATE}/bearbeiten`, cookieOf(member)))).status).toBe(404);
    expect((await post(groupAction, { slug: PRIVATE }, `/arbeitsgruppen/${PRIVATE}`, { intent: "leave" }, member)).status).toBe(404);
    expect((await listed(member)).map((group) => group.slug)).not.toContain(PRIVATE);
  });

  test("only the group's coordinators decide requests; a request of another group is a 404 and stays open", async () => {
    const group = await makeGroup("private");
    const other = await makeGroup("private");
    const plain = await person();
    await join(group.id, plain);
    const asker = await person();
    const [request] = await db.insert(groupJoinRequests).values({ groupId: group.id, userId: asker.id }).returning({ id: groupJoinRequests.id });
    expect((await post(groupAction, { slug: group.slug }, `/arbeitsgruppen/${group.slug}`, { intent: "approve", requestId: request!.id }, plain)).status).toBe(403);
    // The coordinator of another group names this group's request in their own group's form.
    expect((await post(groupAction, { slug: other.slug }, `/arbeitsgruppen/${other.slug}`, { intent: "approve", requestId: request!.id }, other.coordinator)).status).toBe(404);
    const [row] = await db.select({ status: groupJoinRequests.status }).from(groupJoinRequests).where(eq(groupJoinRequests.id, request!.id));
    expect(row?.status).toBe("pending");
    expect(await roleIn(group.id, asker.id)).toBeNull();
    expect(await roleIn(other.id, asker.id)).toBeNull();
    const declined = await post(groupAction, { slug: group.slug }, `/arbeitsgruppen/${group.slug}`, { intent: "decline", requestId: request!.id }, group.coordinator);
    expect(declined.status).toBe(303);
    expect(await roleIn(group.id, asker.id)).toBeNull();
  });

  test("a public group is joined with one click and left again; a private one never with a click", async () => {
    const member = await person();
    expect((await post(groupAction, { slug: "arbeit-ausbildung" }, "/arbeitsgruppen/arbeit-ausbildung", { intent: "join" }, member)).status).toBe(303);
    const page = (await (await run(withParams(groupLoader, { slug: "arbeit-ausbildung" }), getRequest("/arbeitsgruppen/arbeit-ausbildung", cookieOf(member)))).json()) as { role: string };
    expect(page.role).toBe("member");
    expect((await post(groupAction, { slug: "arbeit-ausbildung" }, "/arbeitsgruppen/arbeit-ausbildung", { intent: "leave" }, member)).status).toBe(303);
    expect(await roleIn(await groupId("arbeit-ausbildung"), member.id)).toBeNull();
    const group = await makeGroup("private");
    const inside = await person();
    await join(group.id, inside);
    expect((await post(groupAction, { slug: group.slug }, `/arbeitsgruppen/${group.slug}`, { intent: "join" }, group.coordinator)).status).toBe(403);
  });

  test("the last coordinator cannot leave; with a second one they can", async () => {
    const group = await makeGroup("private");
    const response = await post(groupAction, { slug: group.slug }, `/arbeitsgruppen/${group.slug}`, { intent: "leave" }, group.coordinator);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "groupAdmin.members.lastCoordinatorLeave" });
    expect(await roleIn(group.id, group.coordinator.id)).toBe("coordinator");
    const second = await person();
    await join(group.id, second, "coordinator");
    expect((await post(groupAction, { slug: group.slug }, `/arbeitsgruppen/${group.slug}`, { intent: "leave" }, group.coordinator)).status).toBe(303);
    expect(await roleIn(group.id, group.coordinator.id)).toBeNull();
  });
});

describe("members page", () => {
  const membersPath = (slug: string) => `/arbeitsgruppen/${slug}/mitglieder`;
  const membersPage = async (slug: string, who?: Person) => run(withParams(membersLoader, { slug }), getRequest(membersPath(slug), cookieOf(who)));

  test("members see who is in the group; others of a public group only how many; a private group is 404 to outsiders", async () => {
    const open = await makeGroup("public");
    const closed = await makeGroup("private");
    const member = await person("member", "Maria Mitglied");
    await join(open.id, member);
    await join(closed.id, member);
    const guest = (await (await membersPage(open.slug)).json()) as { memberCount: number; members: unknown[]; invitations: unknown[] };
    expect(guest).toMatchObject({ memberCount: 2, members: [], invitations: [] });
    const outsider = (await (await membersPage(open.slug, await person())).json()) as { members: unknown[] };
    expect(outsider.members).toEqual([]);
    const inside = (await (await membersPage(closed.slug, member)).json()) as { members: { displayName: string; role: string }[]; invitations: unknown[]; coordinates: boolean };
    expect(inside.members.map((entry) => [entry.displayName, entry.role])).toEqual([
      ["Gruppenkoordination", "coordinator"],
      ["Maria Mitglied", "member"],
    ]);
    expect(inside.coordinates).toBe(false);
    expect(inside.invitations).toEqual([]);
    expect((await membersPage(closed.slug)).status).toBe(404);
    for (const who of [await person(), await person("coordinator"), await person("admin")]) expect((await membersPage(closed.slug, who)).status).toBe(404);
    // The admin coordinates a public group without being in it.
    const admin = (await (await membersPage(open.slug, await person("admin"))).json()) as { members: unknown[]; coordinates: boolean };
    expect(admin.coordinates).toBe(true);
    expect(admin.members).toHaveLength(2);
  });

  test("coordinators change roles and remove members; members, outsiders and guests change nothing", async () => {
    const group = await makeGroup("private");
    const member = await person();
    const other = await person();
    await join(group.id, member);
    await join(group.id, other);
    const path = membersPath(group.slug);
    expect((await post(membersAction, { slug: group.slug }, path, { intent: "role", userId: other.id, role: "coordinator" }, member)).status).toBe(403);
    expect((await post(membersAction, { slug: group.slug }, path, { intent: "remove", userId: other.id }, member)).status).toBe(403);
    expect((await post(membersAction, { slug: group.slug }, path, { intent: "remove", userId: other.id }, await person("admin"))).status).toBe(404);
    expect((await post(membersAction, { slug: group.slug }, path, { intent: "remove", userId: other.id })).status).toBe(302);
    expect(await roleIn(group.id, other.id)).toBe("member");

    expect((await post(membersAction, { slug: group.slug }, path, { intent: "role", userId: member.id, role: "coordinator" }, group.coordinator)).status).toBe(303);
    expect(await roleIn(group.id, member.id)).toBe("coordinator");
    expect((await post(membersAction, { slug: group.slug }, path, { intent: "remove", userId: other.id }, member)).status).toBe(303);
    expect(await roleIn(group.id, other.id)).toBeNull();
  });

  test("a membership of another group named in the form is a 404 and changes nothing", async () => {
    const group = await makeGroup("public");
    const other = await makeGroup("private");
    const stranger = await person();
    await join(other.id, stranger);
    const path = membersPath(group.slug);
    expect((await post(membersAction, { slug: group.slug }, path, { intent: "role", userId: stranger.id, role: "coordinator" }, group.coordinator)).status).toBe(404);
    expect((await post(membersAction, { slug: group.slug }, path, { intent: "remove", userId: stranger.id }, group.coordinator)).status).toBe(404);
    expect((await post(membersAction, { slug: group.slug }, path, { intent: "remove", userId: other.coordinator.id }, group.coordinator)).status).toBe(404);
    expect((await post(membersAction, { slug: group.slug }, path, { intent: "remove", userId: "kein-uuid" }, group.coordinator)).status).toBe(404);
    expect(await roleIn(other.id, stranger.id)).toBe("member");
    expect(await roleIn(other.id, other.coordinator.id)).toBe("coordinator");
    expect(await roleIn(group.id, stranger.id)).toBeNull();
  });

  test("the last coordinator can be neither demoted nor removed, until there is another", async () => {
    const group = await makeGroup("public");
    const path = membersPath(group.slug);
    const admin = await person("admin");
    const demoted = await post(membersAction, { slug: group.slug }, path, { intent: "role", userId: group.coordinator.id, role: "member" }, admin);
    expect(demoted.status).toBe(400);
    expect(await demoted.json()).toMatchObject({ error: "groupAdmin.members.lastCoordinatorDemote" });
    const removed = await post(membersAction, { slug: group.slug }, path, { intent: "remove", userId: group.coordinator.id }, group.coordinator);
    expect(removed.status).toBe(400);
    expect(await removed.json()).toMatchObject({ error: "groupAdmin.members.lastCoordinatorRemove" });
    expect(await roleIn(group.id, group.coordinator.id)).toBe("coordinator");

    const next = await person();
    await join(group.id, next);
    await post(membersAction, { slug: group.slug }, path, { intent: "role", userId: next.id, role: "coordinator" }, group.coordinator);
    expect((await post(membersAction, { slug: group.slug }, path, { intent: "role", userId: group.coordinator.id, role: "member" }, group.coordinator)).status).toBe(303);
    expect(await roleIn(group.id, group.coordinator.id)).toBe("member");
  });

  test("two coordinators demoting each other at the same moment leave one coordinator", async () => {
    const group = await makeGroup("public");
    const second = await person();
    await join(group.id, second, "coordinator");
    const path = membersPath(group.slug);
    await Promise.all([
      post(membersAction, { slug: group.slug }, path, { intent: "role", userId: second.id, role: "member" }, group.coordinator),
      post(membersAction, { slug: group.slug }, path, { intent: "role", userId: group.coordinator.id, role: "member" }, second),
    ]);
    const coordinators = await db
      .select()
      .from(groupMemberships)
      .where(and(eq(groupMemberships.groupId, group.id), eq(groupMemberships.role, "coordinator")));
    expect(coordinators).toHaveLength(1);
  });
});
