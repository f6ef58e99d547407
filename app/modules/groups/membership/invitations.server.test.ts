import { randomBytes } from "node:crypto";
import type { ActionFunctionArgs } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { db } from "#db/client";
import { groupInvitations, groupJoinRequests, groupMemberships, users, workingGroups, type GroupRole, type UserRole } from "#db/schema";
import { loader as homeLoader } from "#app/routes/_index";
import { action as groupAction, loader as groupLoader } from "#app/routes/arbeitsgruppen.$slug/route";
import { action as membersAction, loader as membersLoader } from "#app/routes/arbeitsgruppen.$slug_.mitglieder";
import { action as invitationAction, loader as invitationLoader } from "#app/routes/arbeitsgruppen.einladungen.$id";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, uniqueEmail, withParams } from "#test/factories";
import { linkFrom, waitForMail } from "#test/mail";

type Person = { id: string; email: string; cookie: string };

async function person(options: { role?: UserRole; email?: string; verified?: boolean; displayName?: string } = {}): Promise<Person> {
  const user = await createTestUser(options);
  return { id: user.id, email: user.email, cookie: await sessionCookieFor(user.id) };
}

async function makeGroup(visibility: "public" | "private") {
  const suffix = randomBytes(4).toString("hex");
  const name = `Runder Tisch ${suffix}`;
  const [group] = await db
    .insert(workingGroups)
    .values({ slug: `runder-tisch-${suffix}`, name, focus: "Absprachen", visibility })
    .returning({ id: workingGroups.id, slug: workingGroups.slug });
  const coordinator = await person({ displayName: "Clara Koordination" });
  await join(group!.id, coordinator, "coordinator");
  return { id: group!.id, slug: group!.slug, name, coordinator };
}

async function join(groupId: string, who: Person, role: GroupRole = "member") {
  await db.insert(groupMemberships).values({ groupId, userId: who.id, role });
}

async function roleIn(groupId: string, userId: string): Promise<GroupRole | null> {
  const [row] = await db
    .select({ role: groupMemberships.role })
    .from(groupMemberships)
    .where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId)));
  return row?.role ?? null;
}

const cookieOf = (who?: Person) => (who ? { cookie: who.cookie } : {});
const post = (handler: (args: ActionFunctionArgs) => Promise<unknown>, params: Record<string, string>, path: string, fields: Record<string, string>, who?: Person) =>
  run(withParams(handler, params), formRequest(path, fields, cookieOf(who)));

async function invite(group: { slug: string }, email: string, by: Person | undefined, message = "") {
  return post(membersAction, { slug: group.slug }, `/arbeitsgruppen/${group.slug}/mitglieder`, { intent: "invite", email, message }, by);
}

async function invitationsTo(email: string) {
  return db.select().from(groupInvitations).where(eq(groupInvitations.email, email.toLowerCase()));
}

async function invitationStatus(id: string) {
  const [row] = await db.select({ status: groupInvitations.status }).from(groupInvitations).where(eq(groupInvitations.id, id));
  return row?.status;
}

const page = (id: string, who?: Person) => run(withParams(invitationLoader, { id }), getRequest(`/arbeitsgruppen/einladungen/${id}`, cookieOf(who)));
const answer = (id: string, intent: "accept" | "decline", who?: Person) => post(invitationAction, { id }, `/arbeitsgruppen/einladungen/${id}`, { intent }, who);

/** A group with an open invitation to a new account's address. */
async function invited(visibility: "public" | "private" = "private") {
  const group = await makeGroup(visibility);
  const guest = await person({ displayName: "Ida Eingeladen" });
  expect((await invite(group, guest.email, group.coordinator)).status).toBe(303);
  const [invitation] = await invitationsTo(guest.email);
  return { group, guest, id: invitation!.id };
}

describe("inviting", () => {
  test("a coordinator invites an address (kept in lower case) and a German mail links to the invitation", async () => {
    const group = await makeGroup("private");
    const address = uniqueEmail("Neu.Person");
    const response = await invite(group, address, group.coordinator, "Wir treffen uns jeden ersten Dienstag.");
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/arbeitsgruppen/${group.slug}/mitglieder`);
    const [row] = await invitationsTo(address);
    expect(row).toMatchObject({ groupId: group.id, email: address.toLowerCase(), status: "pending", invitedBy: group.coordinator.id, message: "Wir treffen uns jeden ersten Dienstag." });
    const mail = await waitForMail(address.toLowerCase());
    expect(mail).toContain("Guten Tag,");
    expect(mail).toContain(`Clara Koordination lädt Sie in die Arbeitsgruppe „${group.name}“ bei Kurze Wege ein.`);
    expect(mail).toContain("Wir treffen uns jeden ersten Dienstag.");
    expect(linkFrom(mail)).toBe(`/arbeitsgruppen/einladungen/${row!.id}`);
    // The coordinators see it among the open invitations.
    const members = (await (await run(withParams(membersLoader, { slug: group.slug }), getRequest(`/arbeitsgruppen/${group.slug}/mitglieder`, cookieOf(group.coordinator)))).json()) as {
      invitations: { id: string; email: string }[];
    };
    expect(members.invitations).toEqual([expect.objectContaining({ id: row!.id, email: address.toLowerCase() })]);
  });

  test("the mail is in the language of the invited person's account", async () => {
    const group = await makeGroup("public");
    const english = await person({ displayName: "Emma English" });
    await db.update(users).set({ locale: "en" }).where(eq(users.id, english.id));
    await invite(group, english.email, group.coordinator);
    const mail = await waitForMail(english.email);
    expect(mail).toContain(`Clara Koordination invites you to the working group “${group.name}” on Kurze Wege.`);
    expect(mail).toContain("Hello Emma English,");
  });

  test("members, addresses of members and addresses invited already get no invitation", async () => {
    const group = await makeGroup("public");
    const member = await person();
    await join(group.id, member);
    const target = uniqueEmail("ziel");
    expect((await invite(group, target, member)).status).toBe(403);
    expect((await invite(group, target, await person())).status).toBe(403);
    expect((await invite(group, target, undefined)).status).toBe(302);
    expect(await invitationsTo(target)).toEqual([]);

    const already = await invite(group, member.email.toUpperCase(), group.coordinator);
    expect(already.status).toBe(400);
    expect(((await already.json()) as { inviteResult: { error: Record<string, string[]> } }).inviteResult.error.email).toEqual(["groupAdmin.invite.alreadyMember"]);
    await invite(group, target, group.coordinator);
    const twice = await invite(group, target, group.coordinator);
    expect(((await twice.json()) as { inviteResult: { error: Record<string, string[]> } }).inviteResult.error.email).toEqual(["groupAdmin.invite.alreadyInvited"]);
    expect(await invitationsTo(target)).toHaveLength(1);
    const bad = await invite(group, "keine-adresse", group.coordinator);
    expect(bad.status).toBe(400);
  });

  test("a private group's invitations cannot be made or withdrawn from outside", async () => {
    const { group, id } = await invited("private");
    for (const who of [await person(), await person({ role: "coordinator" }), await person({ role: "admin" })]) {
      expect((await invite(group, uniqueEmail(), who)).status).toBe(404);
      expect((await post(membersAction, { slug: group.slug }, `/arbeitsgruppen/${group.slug}/mitglieder`, { intent: "revoke", invitationId: id }, who)).status).toBe(404);
    }
    expect(await invitationStatus(id)).toBe("pending");
  });
});

describe("the invitation page", () => {
  test("only the invited address sees it; everyone else gets 404 and changes nothing", async () => {
    const { group, guest, id } = await invited();
    const own = await page(id, guest);
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ confirmFirst: false, invitation: { id, group: { slug: group.slug, name: group.name } } });

    expect((await page(id)).status).toBe(302);
    for (const who of [await person(), group.coordinator, await person({ role: "admin" })]) {
      expect((await page(id, who)).status).toBe(404);
      expect((await answer(id, "accept", who)).status).toBe(404);
      expect(await roleIn(group.id, who.id)).toBe(who === group.coordinator ? "coordinator" : null);
    }
    expect((await page("00000000-0000-4000-8000-000000000000", guest)).status).toBe(404);
    expect((await page("kein-uuid", guest)).status).toBe(404);
    expect(await invitationStatus(id)).toBe("pending");
  });

  test("accepting makes the invited person a member and settles their open request", async () => {
    const { group, guest, id } = await invited();
    await db.insert(groupJoinRequests).values({ groupId: group.id, userId: guest.id, message: "Ich möchte mitarbeiten." });
    const accepted = await answer(id, "accept", guest);
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("Location")).toBe(`/arbeitsgruppen/${group.slug}`);
    expect(await roleIn(group.id, guest.id)).toBe("member");
    expect(await invitationStatus(id)).toBe("accepted");
    const [request] = await db.select({ status: groupJoinRequests.status }).from(groupJoinRequests).where(eq(groupJoinRequests.userId, guest.id));
    expect(request?.status).toBe("approved");
    // The link now leads to the group; a second answer changes nothing.
    const again = await page(id, guest);
    expect(again.status).toBe(302);
    expect(again.headers.get("Location")).toBe(`/arbeitsgruppen/${group.slug}`);
    expect((await answer(id, "decline", guest)).status).toBe(404);
    expect(await invitationStatus(id)).toBe("accepted");

    // Leaving a private group: its invitation link is a 404 like the group itself.
    expect((await post(groupAction, { slug: group.slug }, `/arbeitsgruppen/${group.slug}`, { intent: "leave" }, guest)).status).toBe(303);
    expect((await page(id, guest)).status).toBe(404);
    expect((await run(withParams(groupLoader, { slug: group.slug }), getRequest(`/arbeitsgruppen/${group.slug}`, cookieOf(guest)))).status).toBe(404);
  });

  test("declining leaves the person outside; the link is gone afterwards", async () => {
    const { group, guest, id } = await invited();
    const declined = await answer(id, "decline", guest);
    expect(declined.status).toBe(303);
    expect(declined.headers.get("Location")).toBe("/");
    expect(await invitationStatus(id)).toBe("declined");
    expect(await roleIn(group.id, guest.id)).toBeNull();
    expect((await page(id, guest)).status).toBe(404);
    expect((await answer(id, "accept", guest)).status).toBe(404);
    expect(await roleIn(group.id, guest.id)).toBeNull();
  });

  test("a withdrawn invitation can no longer be accepted; another group's coordinator cannot withdraw it", async () => {
    const { group, guest, id } = await invited();
    const other = await makeGroup("public");
    const foreign = await post(membersAction, { slug: other.slug }, `/arbeitsgruppen/${other.slug}/mitglieder`, { intent: "revoke", invitationId: id }, other.coordinator);
    expect(foreign.status).toBe(404);
    expect(await invitationStatus(id)).toBe("pending");
    const member = await person();
    await join(group.id, member);
    expect((await post(membersAction, { slug: group.slug }, `/arbeitsgruppen/${group.slug}/mitglieder`, { intent: "revoke", invitationId: id }, member)).status).toBe(403);
    expect(await invitationStatus(id)).toBe("pending");

    const revoked = await post(membersAction, { slug: group.slug }, `/arbeitsgruppen/${group.slug}/mitglieder`, { intent: "revoke", invitationId: id }, group.coordinator);
    expect(revoked.status).toBe(303);
    expect(await invitationStatus(id)).toBe("revoked");
    expect((await page(id, guest)).status).toBe(404);
    expect((await answer(id, "accept", guest)).status).toBe(404);
    expect(await roleIn(group.id, guest.id)).toBeNull();
  });

  test("an account whose address is not confirmed learns nothing about the group and cannot accept", async () => {
    const group = await makeGroup("private");
    const claimer = await person({ verified: false });
    await invite(group, claimer.email, group.coordinator);
    const [invitation] = await invitationsTo(claimer.email);
    const response = await page(invitation!.id, claimer);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ confirmFirst: true, invitation: null });
    expect(body).not.toContain(group.name);
    expect((await answer(invitation!.id, "accept", claimer)).status).toBe(404);
    expect(await roleIn(group.id, claimer.id)).toBeNull();
    const home = await (await run(homeLoader, getRequest("/", cookieOf(claimer)))).text();
    expect(home).not.toContain(group.name);
  });

  test("an invitation to an archived group is a 404", async () => {
    const { group, guest, id } = await invited("public");
    await db.update(workingGroups).set({ archivedAt: new Date() }).where(eq(workingGroups.id, group.id));
    expect((await page(id, guest)).status).toBe(404);
    expect((await answer(id, "accept", guest)).status).toBe(404);
    expect(await roleIn(group.id, guest.id)).toBeNull();
  });

  test("the start page shows open invitations to the person's own address only", async () => {
    const { group, guest, id } = await invited();
    const own = (await (await run(homeLoader, getRequest("/", cookieOf(guest)))).json()) as { invitations: { id: string; groupName: string }[] };
    expect(own.invitations).toEqual([expect.objectContaining({ id, groupName: group.name })]);
    const someoneElse = await (await run(homeLoader, getRequest("/", cookieOf(await person())))).text();
    expect(someoneElse).not.toContain(group.name);
    expect(await (await run(homeLoader, getRequest("/"))).text()).not.toContain(group.name);
    await answer(id, "accept", guest);
    const after = (await (await run(homeLoader, getRequest("/", cookieOf(guest)))).json()) as { invitations: unknown[] };
    expect(after.invitations).toEqual([]);
  });
});
