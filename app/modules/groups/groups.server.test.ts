import { eq } from "drizzle-orm";
import { db } from "../../../db/client";
import { groupJoinRequests, groupMemberships, workingGroups } from "../../../db/schema";
import { demoGroups } from "../../../db/seed/groups";
import { loader as listLoader } from "~/routes/arbeitsgruppen._index";
import { action as groupAction, loader as groupLoader } from "~/routes/arbeitsgruppen.$slug";
import { action as requestAction } from "~/routes/arbeitsgruppen.anfragen.$slug";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, withParams } from "../../../test/factories";

const PRIVATE = "ankommen-wohnen";

let coordinatorCookie: string;

beforeAll(async () => {
  await db.insert(workingGroups).values(demoGroups);
  const coordinator = await createTestUser({ displayName: "Gruppenkoordination" });
  const [group] = await db.select({ id: workingGroups.id }).from(workingGroups).where(eq(workingGroups.slug, PRIVATE));
  await db.insert(groupMemberships).values({ groupId: group!.id, userId: coordinator.id, role: "coordinator" });
  coordinatorCookie = await sessionCookieFor(coordinator.id);
});

async function status(slug: string, cookie?: string) {
  return (await run(withParams(groupLoader, { slug: slug }), getRequest(`/arbeitsgruppen/${slug}`, { cookie }))).status;
}

async function listedSlugs(cookie?: string) {
  const { groups } = (await (await run(listLoader, getRequest("/arbeitsgruppen", { cookie }))).json()) as { groups: { slug: string }[] };
  return groups.map((group) => group.slug);
}

describe("working groups", () => {
  test("a private group is invisible to guests and other members: not listed, and 404 like a missing one", async () => {
    const outsider = await sessionCookieFor((await createTestUser()).id);
    expect(await listedSlugs()).not.toContain(PRIVATE);
    expect(await listedSlugs(outsider)).not.toContain(PRIVATE);
    expect(await listedSlugs(outsider)).toContain("sprache-bildung");
    expect(await status(PRIVATE)).toBe(404);
    expect(await status(PRIVATE, outsider)).toBe(404);
    expect(await status("gibt-es-nicht", outsider)).toBe(404);
    // Actions too: joining with a click or deciding requests reveals and changes nothing.
    expect((await run(withParams(groupAction, { slug: PRIVATE }), formRequest(`/arbeitsgruppen/${PRIVATE}`, { intent: "join" }, { cookie: outsider }))).status).toBe(404);
  });

  test("request → approval → the member reads; after leaving, 404 again", async () => {
    const member = await createTestUser({ displayName: "Nora Anfrage" });
    const cookie = await sessionCookieFor(member.id);
    const sent = await run(withParams(requestAction, { slug: PRIVATE }), formRequest(`/arbeitsgruppen/anfragen/${PRIVATE}`, { message: "Ich koordiniere die Wohnungslotsen." }, { cookie }));
    expect(sent.status).toBe(200);
    // The same answer for a group that does not exist.
    const none = await run(withParams(requestAction, { slug: "gibt-es-nicht" }), formRequest("/arbeitsgruppen/anfragen/gibt-es-nicht", { message: "Hallo" }, { cookie }));
    expect(await none.json()).toEqual(await sent.clone().json());
    expect(await status(PRIVATE, cookie)).toBe(404);

    const page = (await (await run(withParams(groupLoader, { slug: PRIVATE }), getRequest(`/arbeitsgruppen/${PRIVATE}`, { cookie: coordinatorCookie }))).json()) as { requests: { id: string; displayName: string; message: string }[] };
    expect(page.requests).toEqual([expect.objectContaining({ displayName: "Nora Anfrage", message: "Ich koordiniere die Wohnungslotsen." })]);
    const approved = await run(withParams(groupAction, { slug: PRIVATE }), formRequest(`/arbeitsgruppen/${PRIVATE}`, { intent: "approve", requestId: page.requests[0]!.id }, { cookie: coordinatorCookie }));
    expect(approved.status).toBe(303);
    expect(await status(PRIVATE, cookie)).toBe(200);
    expect(await listedSlugs(cookie)).toContain(PRIVATE);

    const left = await run(withParams(groupAction, { slug: PRIVATE }), formRequest(`/arbeitsgruppen/${PRIVATE}`, { intent: "leave" }, { cookie }));
    expect(left.status).toBe(303);
    expect(await status(PRIVATE, cookie)).toBe(404);
    expect(await listedSlugs(cookie)).not.toContain(PRIVATE);
  });

  test("members of a group cannot decide its requests; only its coordinators can", async () => {
    const [group] = await db.select({ id: workingGroups.id }).from(workingGroups).where(eq(workingGroups.slug, PRIVATE));
    const plain = await createTestUser();
    await db.insert(groupMemberships).values({ groupId: group!.id, userId: plain.id, role: "member" });
    const asker = await createTestUser();
    const [request] = await db.insert(groupJoinRequests).values({ groupId: group!.id, userId: asker.id }).returning({ id: groupJoinRequests.id });
    const response = await run(withParams(groupAction, { slug: PRIVATE }), formRequest(`/arbeitsgruppen/${PRIVATE}`, { intent: "approve", requestId: request!.id }, { cookie: await sessionCookieFor(plain.id) }));
    expect(response.status).toBe(403);
    const [row] = await db.select({ status: groupJoinRequests.status }).from(groupJoinRequests).where(eq(groupJoinRequests.id, request!.id));
    expect(row?.status).toBe("pending");
  });

  test("a public group is joined with one click and left again", async () => {
    const member = await createTestUser();
    const cookie = await sessionCookieFor(member.id);
    expect((await run(withParams(groupAction, { slug: "arbeit-ausbildung" }), formRequest("/arbeitsgruppen/arbeit-ausbildung", { intent: "join" }, { cookie }))).status).toBe(303);
    const page = (await (await run(withParams(groupLoader, { slug: "arbeit-ausbildung" }), getRequest("/arbeitsgruppen/arbeit-ausbildung", { cookie }))).json()) as { role: string };
    expect(page.role).toBe("member");
    expect((await run(withParams(groupAction, { slug: "arbeit-ausbildung" }), formRequest("/arbeitsgruppen/arbeit-ausbildung", { intent: "leave" }, { cookie }))).status).toBe(303);
    expect(((await (await run(withParams(groupLoader, { slug: "arbeit-ausbildung" }), getRequest("/arbeitsgruppen/arbeit-ausbildung", { cookie }))).json()) as { role: string | null }).role).toBeNull();
    // Guests read a public group but not who is in it.
    const guest = (await (await run(withParams(groupLoader, { slug: "arbeit-ausbildung" }), getRequest("/arbeitsgruppen/arbeit-ausbildung"))).json()) as { members: unknown[] };
    expect(guest.members).toEqual([]);
  });
});
