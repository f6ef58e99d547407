import { randomBytes } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "#db/client";
import { partners, services, serviceTerms, taxonomyTerms, termMappings, topics, userTopics } from "#db/schema";
import { createTestUser } from "#test/factories";
import { addTerm, listTerms, mergeTerms, moveTerm, renameTerm, setTermRetired } from "./taxonomy.server";

const tag = () => randomBytes(3).toString("hex");

async function makeTerm(kind: "category" | "target_group", label: string) {
  const added = await addTerm({ kind, labels: { de: label } });
  if (!added.ok) throw new Error(added.error);
  return added.id;
}

async function makeService(termIds: string[]) {
  const t = tag();
  const [partner] = await db
    .insert(partners)
    .values({ slug: `partner-${t}`, name: `Partner ${t}`, kind: "verein" })
    .returning({ id: partners.id });
  const [service] = await db
    .insert(services)
    .values({ partnerId: partner!.id, slug: `angebot-${t}`, name: `Angebot ${t}` })
    .returning({ id: services.id });
  if (termIds.length) await db.insert(serviceTerms).values(termIds.map((termId) => ({ serviceId: service!.id, termId })));
  return { serviceId: service!.id, partnerId: partner!.id };
}

const jobKeys = async (prefix: string) => (await db.execute<{ key: string }>(sql`select key from graphile_worker.jobs where key like ${`${prefix}:%`}`)).map((row) => row.key);
const termsOf = async (serviceId: string) => (await db.select({ id: serviceTerms.termId }).from(serviceTerms).where(eq(serviceTerms.serviceId, serviceId))).map((row) => row.id).sort();

beforeEach(async () => {
  await db.execute(sql`delete from graphile_worker._private_jobs`);
});

describe("adding a term", () => {
  test("a new term gets its slug from the German label, all its labels and the last position of its kind", async () => {
    const t = tag();
    const first = await makeTerm("category", `Erste Ä ${t}`);
    const added = await addTerm({ kind: "category", labels: { de: `Müllabfuhr ${t}`, en: `Waste ${t}` } });
    expect(added).toMatchObject({ ok: true, slug: `muellabfuhr-${t}` });
    const rows = await listTerms();
    const mine = rows.find((row) => row.id === (added.ok ? added.id : ""))!;
    expect(mine.labels).toEqual({ de: `Müllabfuhr ${t}`, en: `Waste ${t}` });
    expect(mine.services).toBe(0);
    expect(mine.position).toBeGreaterThan(rows.find((row) => row.id === first)!.position);
  });

  test("a slug the kind has already is refused, and nothing is added; the other kind may have it", async () => {
    const label = `Doppelt ${tag()}`;
    await makeTerm("category", label);
    const before = await db.$count(taxonomyTerms);
    expect(await addTerm({ kind: "category", labels: { de: label.toUpperCase() } })).toEqual({ ok: false, error: "slugTaken" });
    expect(await db.$count(taxonomyTerms)).toBe(before);
    expect(await addTerm({ kind: "target_group", labels: { de: label } })).toMatchObject({ ok: true });
  });
});

describe("changing a term", () => {
  test("renaming changes the labels, keeps the slug and re-indexes its services, their partners and the people naming it", async () => {
    const termId = await makeTerm("category", `Umbenennen ${tag()}`);
    const [before] = await db.select().from(taxonomyTerms).where(eq(taxonomyTerms.id, termId));
    const { serviceId, partnerId } = await makeService([termId]);
    const person = await createTestUser();
    await db.insert(userTopics).values({ userId: person.id, termId });
    expect(await renameTerm(termId, { de: "Neu", en: "New" })).toEqual({ ok: true });
    const [after] = await db.select().from(taxonomyTerms).where(eq(taxonomyTerms.id, termId));
    expect(after!.labels).toEqual({ de: "Neu", en: "New" });
    expect(after!.slug).toBe(before!.slug);
    expect(await jobKeys("services")).toContain(`services:${serviceId}`);
    expect(await jobKeys("partners")).toContain(`partners:${partnerId}`);
    expect(await jobKeys("people")).toContain(`people:${person.id}`);
  });

  test("moving up and down swaps a term with its neighbour, and the ends stay put", async () => {
    const t = tag();
    const ids = [await makeTerm("target_group", `Reihe A ${t}`), await makeTerm("target_group", `Reihe B ${t}`), await makeTerm("target_group", `Reihe C ${t}`)];
    const order = async () => (await listTerms()).filter((row) => ids.includes(row.id)).map((row) => row.id);
    await moveTerm(ids[2]!, "up");
    expect(await order()).toEqual([ids[0], ids[2], ids[1]]);
    await moveTerm(ids[0]!, "down");
    expect(await order()).toEqual([ids[2], ids[0], ids[1]]);
    await moveTerm(ids[1]!, "down");
    expect(await order()).toEqual([ids[2], ids[0], ids[1]]);
  });

  test("retiring sets retiredAt, the services keep the term and are re-indexed; bringing it back clears it", async () => {
    const termId = await makeTerm("category", `Ruhestand ${tag()}`);
    const { serviceId } = await makeService([termId]);
    await setTermRetired(termId, true);
    const [retired] = await db.select({ retiredAt: taxonomyTerms.retiredAt }).from(taxonomyTerms).where(eq(taxonomyTerms.id, termId));
    expect(retired!.retiredAt).toBeInstanceOf(Date);
    expect(await termsOf(serviceId)).toEqual([termId]);
    expect(await jobKeys("services")).toContain(`services:${serviceId}`);
    await setTermRetired(termId, false);
    const [back] = await db.select({ retiredAt: taxonomyTerms.retiredAt }).from(taxonomyTerms).where(eq(taxonomyTerms.id, termId));
    expect(back!.retiredAt).toBeNull();
  });
});

describe("merging terms", () => {
  test("services, people, import mappings and topics move from A to B without duplicates, A is deleted, and all of them are re-indexed", async () => {
    const t = tag();
    const a = await makeTerm("category", `Zusammen A ${t}`);
    const b = await makeTerm("category", `Zusammen B ${t}`);
    const onlyA = await makeService([a]);
    const both = await makeService([a, b]);
    const personA = await createTestUser();
    const personBoth = await createTestUser();
    await db.insert(userTopics).values([
      { userId: personA.id, termId: a },
      { userId: personBoth.id, termId: a },
      { userId: personBoth.id, termId: b },
    ]);
    const [mapping] = await db
      .insert(termMappings)
      .values({ source: `quelle-${t}`, taxonomy: "x", key: "familien", name: "Familien", decision: "map", termId: a })
      .returning({ id: termMappings.id });
    const [topic] = await db.insert(topics).values({ title: "Ein Anliegen", body: "Text", categoryId: a }).returning({ id: topics.id });

    expect(await mergeTerms(a, b)).toMatchObject({ ok: true, moved: { services: 1, people: 1 } });

    expect(await db.$count(taxonomyTerms, eq(taxonomyTerms.id, a))).toBe(0);
    expect(await termsOf(onlyA.serviceId)).toEqual([b]);
    expect(await termsOf(both.serviceId)).toEqual([b]);
    const topicRows = await db
      .select()
      .from(userTopics)
      .where(inArray(userTopics.userId, [personA.id, personBoth.id]));
    expect(topicRows.map((row) => row.termId)).toEqual([b, b]);
    expect((await db.select({ termId: termMappings.termId }).from(termMappings).where(eq(termMappings.id, mapping!.id)))[0]!.termId).toBe(b);
    expect((await db.select({ categoryId: topics.categoryId }).from(topics).where(eq(topics.id, topic!.id)))[0]!.categoryId).toBe(b);

    const serviceJobs = await jobKeys("services");
    expect(serviceJobs).toEqual(expect.arrayContaining([`services:${onlyA.serviceId}`, `services:${both.serviceId}`]));
    expect(await jobKeys("partners")).toEqual(expect.arrayContaining([`partners:${onlyA.partnerId}`, `partners:${both.partnerId}`]));
    expect(await jobKeys("people")).toEqual(expect.arrayContaining([`people:${personA.id}`, `people:${personBoth.id}`]));
    expect(await jobKeys("topics")).toContain(`topics:${topic!.id}`);
  });

  test("merging a term into itself or into a term of the other kind is refused and changes nothing", async () => {
    const t = tag();
    const a = await makeTerm("category", `Allein ${t}`);
    const other = await makeTerm("target_group", `Andere Art ${t}`);
    const { serviceId } = await makeService([a]);
    expect(await mergeTerms(a, a)).toEqual({ ok: false, error: "same" });
    expect(await mergeTerms(a, other)).toEqual({ ok: false, error: "otherKind" });
    expect(await db.$count(taxonomyTerms, and(eq(taxonomyTerms.id, a)))).toBe(1);
    expect(await termsOf(serviceId)).toEqual([a]);
    expect(await jobKeys("services")).toEqual([]);
  });
});
