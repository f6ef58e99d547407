import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { partnerMembers, partners, userOrganizations, users } from "#db/schema";
import { createTestUser } from "#test/factories";
import { peopleFiltersFrom, peopleListHref, PEOPLE_PER_PAGE } from "./people-filters";
import { containsPattern, getPerson, listOrganisationOptions, listPeople } from "./people.server";

const DAY = 24 * 60 * 60 * 1000;
const filters = (query: string) => peopleFiltersFrom(new URLSearchParams(query));
const names = async (query: string) => (await listPeople(filters(query))).people.map((person) => person.displayName);

// A word of this file's own, so that the other tests' accounts do not count.
const tag = `Zx${randomBytes(3).toString("hex")}`;

let partnerSlug: string;

beforeAll(async () => {
  const jobcenter = await createTestUser({ displayName: `Tobias Wendt ${tag}`, email: `t.wendt-${tag}@jobcenter.example` });
  const blocked = await createTestUser({ displayName: `Berta Block ${tag}`, role: "coordinator" });
  const unconfirmed = await createTestUser({ displayName: `Uwe Unbestätigt ${tag}`, verified: false });
  const old = await createTestUser({ displayName: `Olga Alt ${tag}`, role: "admin" });
  await db.update(users).set({ blockedAt: new Date() }).where(eq(users.id, blocked.id));
  await db
    .update(users)
    .set({ lastSignInAt: new Date(Date.now() - 2 * DAY) })
    .where(eq(users.id, jobcenter.id));
  await db
    .update(users)
    .set({ lastSignInAt: new Date(Date.now() - 90 * DAY) })
    .where(eq(users.id, old.id));
  partnerSlug = `jobcenter-${tag.toLowerCase()}`;
  const [partner] = await db
    .insert(partners)
    .values({ slug: partnerSlug, name: `Jobcenter ${tag}`, kind: "behoerde" })
    .returning({ id: partners.id });
  await db.insert(partnerMembers).values({ partnerId: partner!.id, userId: jobcenter.id });
  void unconfirmed;
});

describe("the people list", () => {
  test("finds a part of a name or an address, case-insensitively, and takes % and _ literally", async () => {
    expect(await names(`q=wendt+${tag}`)).toEqual([`Tobias Wendt ${tag}`]);
    expect(await names(`q=Wendt+Tobias+${tag}`)).toEqual([]);
    expect(await names(`q=${tag.toLowerCase()}`)).toEqual([`Berta Block ${tag}`, `Olga Alt ${tag}`, `Tobias Wendt ${tag}`, `Uwe Unbestätigt ${tag}`]);
    expect(await names(`q=WENDT-${tag}@JOB`)).toEqual([`Tobias Wendt ${tag}`]);
    expect(await names(`q=%25${tag}`)).toEqual([]);
    expect(containsPattern("50%_a\\b")).toBe("%50\\%\\_a\\\\b%");
  });

  test("filters by role, status, organisation and last sign-in, together with the search", async () => {
    expect(await names(`q=${tag}&rolle=coordinator`)).toEqual([`Berta Block ${tag}`]);
    expect(await names(`q=${tag}&status=blocked`)).toEqual([`Berta Block ${tag}`]);
    expect(await names(`q=${tag}&status=unconfirmed`)).toEqual([`Uwe Unbestätigt ${tag}`]);
    expect(await names(`q=${tag}&status=active`)).toEqual([`Olga Alt ${tag}`, `Tobias Wendt ${tag}`]);
    expect(await names(`organisation=${partnerSlug}`)).toEqual([`Tobias Wendt ${tag}`]);
    expect(await names(`q=${tag}&anmeldung=recent`)).toEqual([`Tobias Wendt ${tag}`]);
    expect(await names(`q=${tag}&anmeldung=older`)).toEqual([`Olga Alt ${tag}`]);
    expect(await names(`q=${tag}&anmeldung=never`)).toEqual([`Berta Block ${tag}`, `Uwe Unbestätigt ${tag}`]);
    // Unknown values are no filter.
    expect(await names(`q=${tag}&rolle=kaiser&status=x&anmeldung=gestern&organisation=DROP%20TABLE`)).toHaveLength(4);
    const [row] = (await listPeople(filters(`organisation=${partnerSlug}`))).people;
    expect(row!.organisations).toEqual([`Jobcenter ${tag}`]);
    expect(await listOrganisationOptions()).toContainEqual({ slug: partnerSlug, name: `Jobcenter ${tag}` });
  });

  test("an organisation named in a profile counts like an editor role, and a deleted account is gone from the list", async () => {
    const own = `Px${randomBytes(3).toString("hex")}`;
    const profileOnly = await createTestUser({ displayName: `Paula Profil ${own}` });
    const deleted = await createTestUser({ displayName: `Dora Gelöscht ${own}` });
    const [partner] = await db.select({ id: partners.id }).from(partners).where(eq(partners.slug, partnerSlug));
    await db.insert(userOrganizations).values([
      { userId: profileOnly.id, partnerId: partner!.id, function: "Fallmanagement" },
      { userId: deleted.id, partnerId: partner!.id },
    ]);
    await db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, deleted.id));
    expect(await names(`q=${own}`)).toEqual([`Paula Profil ${own}`]);
    expect(await names(`q=${own}&organisation=${partnerSlug}`)).toEqual([`Paula Profil ${own}`]);
    const [row] = (await listPeople(filters(`q=${own}`))).people;
    expect(row!.organisations).toEqual([`Jobcenter ${tag}`]);
    expect((await getPerson(profileOnly.id))?.organisations).toEqual([{ slug: partnerSlug, name: `Jobcenter ${tag}`, function: "Fallmanagement", role: null }]);
  });

  test("pages of 50 in name order, with the filters in every page's address", async () => {
    const many = `Mx${randomBytes(3).toString("hex")}`;
    await db.insert(users).values(
      Array.from({ length: PEOPLE_PER_PAGE + 3 }, (_, index) => ({
        email: `${many}-${index}@test.example`,
        displayName: `${many} ${String(index).padStart(2, "0")}`,
        handle: `${many.toLowerCase()}.${index}`,
        passwordHash: "x",
      })),
    );
    const first = await listPeople(filters(`q=${many}`));
    expect(first).toMatchObject({ total: PEOPLE_PER_PAGE + 3, page: 1, pages: 2 });
    expect(first.people).toHaveLength(PEOPLE_PER_PAGE);
    const second = await listPeople(filters(`q=${many}&seite=2`));
    expect(second.people.map((person) => person.displayName)).toEqual([`${many} 50`, `${many} 51`, `${many} 52`]);
    // A page past the end shows the last one.
    expect((await listPeople(filters(`q=${many}&seite=9`))).page).toBe(2);
    expect(peopleListHref(filters(`q=${many}&rolle=member&status=active`), 2)).toBe(`/verwaltung/personen?q=${many}&rolle=member&status=active&seite=2`);
    expect(peopleListHref(filters(""), 1)).toBe("/verwaltung/personen");
  });

  test("a person's page lists their partner-editor roles, groups and open sessions", async () => {
    const [row] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.displayName, `Tobias Wendt ${tag}`));
    const detail = await getPerson(row!.id);
    expect(detail?.organisations).toEqual([{ slug: partnerSlug, name: `Jobcenter ${tag}`, function: null, role: "editor" }]);
    expect(detail?.groups).toEqual([]);
    expect(detail?.sessions).toEqual([]);
    expect(await getPerson("00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});
