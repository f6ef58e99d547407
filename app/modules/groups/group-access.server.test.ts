import { db } from "#db/client";
import { groupMemberships, workingGroups } from "#db/schema";
import { getOptionalUser, type SessionUser } from "#app/modules/auth/session.server";
import { createTestUser, getRequest, sessionCookieFor } from "#test/factories";
import { PRIVATE, PUBLIC, setUpMeetingWorld } from "#test/meetings-fixtures";
import { getGroupAccess, requireGroupAccess } from "./group-access.server";

type World = Awaited<ReturnType<typeof setUpMeetingWorld>>;
let world: World;
let people: Record<"guest" | "member" | "outsider" | "coordinator" | "network" | "admin", SessionUser | null>;

const sessionUser = async (cookie: string) => getOptionalUser(getRequest("/", { cookie }));

beforeAll(async () => {
  world = await setUpMeetingWorld();
  const admin = await createTestUser({ role: "admin", displayName: "Ada Admin" });
  people = {
    guest: null,
    member: await sessionUser(world.cookie.member),
    outsider: await sessionUser(world.cookie.outsider),
    coordinator: await sessionUser(world.cookie.coordinator),
    network: await sessionUser(world.cookie.network),
    admin: await sessionUser(await sessionCookieFor(admin.id)),
  };
});

/** The flags of the access, without the group's columns. */
async function flags(slug: string, who: SessionUser | null) {
  const access = await getGroupAccess(slug, who);
  if (!access) return null;
  const { group: _group, ...rest } = access;
  return rest;
}

async function statusOf(slug: string | undefined, who: SessionUser | null): Promise<number | "readable"> {
  try {
    await requireGroupAccess(slug, who);
    return "readable";
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

const nobody = { role: null, isMember: false, coordinates: false, seesPeople: false, canWriteMinutes: false };

describe("who may do what in a group", () => {
  test("a guest reads a public group and may do nothing in it; a private group is a 404", async () => {
    expect(await flags(PUBLIC, people.guest)).toEqual(nobody);
    expect(await flags(PRIVATE, people.guest)).toBeNull();
    expect(await statusOf(PRIVATE, people.guest)).toBe(404);
  });

  test("a member posts, sees the group's people and writes minutes, in a public and a private group, but does not coordinate", async () => {
    const member = { role: "member", isMember: true, coordinates: false, seesPeople: true, canWriteMinutes: true };
    expect(await flags(PUBLIC, people.member)).toEqual(member);
    expect(await flags(PRIVATE, people.member)).toEqual(member);
  });

  test("a signed-in non-member reads a public group like a guest; a private group is a 404 to them", async () => {
    expect(await flags(PUBLIC, people.outsider)).toEqual(nobody);
    expect(await statusOf(PRIVATE, people.outsider)).toBe(404);
  });

  test("the group's coordinator is a member who coordinates", async () => {
    const coordinator = { role: "coordinator", isMember: true, coordinates: true, seesPeople: true, canWriteMinutes: true };
    expect(await flags(PUBLIC, people.coordinator)).toEqual(coordinator);
    expect(await flags(PRIVATE, people.coordinator)).toEqual(coordinator);
  });

  test("network coordination coordinates a public group without being in it, but a private one it is not in is a 404", async () => {
    expect(await flags(PUBLIC, people.network)).toEqual({ role: null, isMember: false, coordinates: true, seesPeople: true, canWriteMinutes: true });
    expect(await statusOf(PRIVATE, people.network)).toBe(404);
  });

  test("an admin is network coordination: the same rights, and the same 404 for a private group", async () => {
    expect(await flags(PUBLIC, people.admin)).toEqual(await flags(PUBLIC, people.network));
    expect(await statusOf(PRIVATE, people.admin)).toBe(404);
  });

  test("an archived group and a missing one are a 404 for everyone, its former coordinator included", async () => {
    const [archived] = await db.insert(workingGroups).values({ slug: "archiviert", name: "Archiviert", focus: "Vorbei", archivedAt: new Date() }).returning({ id: workingGroups.id });
    await db.insert(groupMemberships).values({ groupId: archived!.id, userId: people.coordinator!.id, role: "coordinator" });
    for (const who of Object.values(people)) {
      expect(await statusOf("archiviert", who)).toBe(404);
      expect(await statusOf("gibt-es-nicht", who)).toBe(404);
      expect(await statusOf(undefined, who)).toBe(404);
    }
  });

  test("the access carries the group's columns the pages show, its id included", async () => {
    const access = await requireGroupAccess(PUBLIC, people.member);
    expect(access.group).toEqual({ id: world.groupId[PUBLIC], slug: PUBLIC, name: expect.any(String), focus: expect.any(String), description: expect.any(String), visibility: "public" });
  });
});
