import path from "node:path";
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { services, taxonomyTerms, termMappings } from "#db/schema";
import { action as mappingAction, loader as mappingLoader } from "#app/routes/verzeichnis.import_.zuordnung";
import { loader as templateLoader } from "#app/routes/verzeichnis.import_.vorlage[.]csv";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor } from "#test/factories";
import { collectLog } from "./import-test-support.server";
import { runImport } from "./import.server";

const SECOND_DISTRICT = path.resolve(process.cwd(), "test/fixtures/hsds/second-district.hsds.json");
const PAGE = "/verzeichnis/import/zuordnung";

async function cookieFor(role: "member" | "coordinator" | "admin") {
  const user = await createTestUser(role === "member" ? {} : { role });
  return sessionCookieFor(user.id);
}

const mappingOf = async (code: string) => (await db.select().from(termMappings).where(eq(termMappings.code, code)))[0]!;

beforeAll(async () => {
  await runImport(db, SECOND_DISTRICT, { skipInvalid: false, dryRun: false }, collectLog());
});

describe("the mapping page /verzeichnis/import/zuordnung", () => {
  test("a guest is sent to sign in and a member is refused, on the page and on a direct POST; nothing changes", async () => {
    const mapping = await mappingOf("PG-ALL");
    const guestPage = await run(mappingLoader, getRequest(PAGE));
    expect(guestPage.status).toBe(302);
    expect(guestPage.headers.get("Location")).toMatch(/^\/anmelden/);
    const guestPost = await run(mappingAction, formRequest(PAGE, { mappingId: mapping.id, decision: "ignore" }));
    expect(guestPost.status).toBe(302);

    const member = await cookieFor("member");
    expect((await run(mappingLoader, getRequest(PAGE, { cookie: member }))).status).toBe(403);
    expect((await run(mappingAction, formRequest(PAGE, { mappingId: mapping.id, decision: "ignore" }, { cookie: member }))).status).toBe(403);
    expect((await mappingOf("PG-ALL")).decision).toBeNull();
  });

  test.each(["coordinator", "admin"] as const)("a %s sees the unknown terms with their counts", async (role) => {
    const response = await run(mappingLoader, getRequest(PAGE, { cookie: await cookieFor(role) }));
    expect(response.status).toBe(200);
    const data = (await response.json()) as { terms: { code: string; services: number; source: string; kind: string }[]; local: { kind: string }[] };
    expect(data.terms.find((term) => term.code === "PG-FAM")).toMatchObject({ source: "second-district", kind: "target_group" });
    expect(data.terms.every((term) => term.services > 0)).toBe(true);
    expect(data.local.some((term) => term.kind === "target_group")).toBe(true);
  });

  test("bad input is answered at the field and changes nothing", async () => {
    const cookie = await cookieFor("coordinator");
    const mapping = await mappingOf("TH-SPR");
    const noDecision = await run(mappingAction, formRequest(PAGE, { mappingId: mapping.id }, { cookie }));
    expect(noDecision.status).toBe(400);
    expect(await noDecision.json()).toMatchObject({ mappingId: mapping.id, result: { error: { decision: ["vocabularyImport.page.chooseDecision"] } } });

    const noTerm = await run(mappingAction, formRequest(PAGE, { mappingId: mapping.id, decision: "map" }, { cookie }));
    expect(noTerm.status).toBe(400);
    expect(await noTerm.json()).toMatchObject({ result: { error: { termId: ["vocabularyImport.page.chooseTerm"] }, initialValue: { decision: "map" } } });

    // A target group offered for a category is refused as well.
    const [group] = await db.select().from(taxonomyTerms).where(eq(taxonomyTerms.slug, "familien"));
    const wrongKind = await run(mappingAction, formRequest(PAGE, { mappingId: mapping.id, decision: "map", termId: group!.id }, { cookie }));
    expect(wrongKind.status).toBe(400);
    expect(await wrongKind.json()).toMatchObject({ result: { error: { termId: ["vocabularyImport.page.chooseTerm"] } } });
    expect((await mappingOf("TH-SPR")).decision).toBeNull();
  });

  test("a coordinator's decisions publish the drafts whose terms are all settled, at once", async () => {
    const cookie = await cookieFor("coordinator");
    const local = new Map((await db.select().from(taxonomyTerms)).map((term) => [term.slug, term.id]));
    const unsettled = await db.select().from(termMappings);
    for (const mapping of unsettled) {
      const fields: Record<string, string> =
        mapping.code === "PG-ALL" ? { decision: "ignore" } : mapping.code?.startsWith("PG-") ? { decision: "map", termId: local.get("familien")! } : { decision: "adopt" };
      const response = await run(mappingAction, formRequest(PAGE, { mappingId: mapping.id, ...fields }, { cookie }));
      expect(response.status).toBe(303);
      expect(response.headers.get("Location")).toBe(PAGE);
    }
    const statuses = await db.selectDistinct({ status: services.status }).from(services);
    expect(statuses).toEqual([{ status: "active" }]);
    // A term decided already is not decided again.
    const again = await run(mappingAction, formRequest(PAGE, { mappingId: unsettled[0]!.id, decision: "ignore" }, { cookie }));
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ result: { error: { decision: ["vocabularyImport.page.gone"] } } });
  });
});

describe("the CSV template download", () => {
  test("is served to coordinators and admins, not to members or guests", async () => {
    expect((await run(templateLoader, getRequest("/verzeichnis/import/vorlage.csv"))).status).toBe(302);
    expect((await run(templateLoader, getRequest("/verzeichnis/import/vorlage.csv", { cookie: await cookieFor("member") }))).status).toBe(403);
    for (const role of ["coordinator", "admin"] as const) {
      const response = await run(templateLoader, getRequest("/verzeichnis/import/vorlage.csv", { cookie: await cookieFor(role) }));
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
      expect(await response.text()).toMatch(/^partner_key,partner_name,/);
    }
  });
});
