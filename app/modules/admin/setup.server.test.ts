import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { adminLog, adminSetupTokens, users } from "#db/schema";
import { action as setupAction, loader as setupLoader } from "#app/routes/einrichten.$token";
import { createTestUser, formRequest, getRequest, run, TEST_PASSWORD, uniqueEmail, withParams } from "#test/factories";
import { announceSetupLink, SETUP_LINK_LIFETIME_MS } from "./setup.server";

const tokenOf = (link: string) => link.split("/einrichten/")[1]!;
const page = (token: string) => run(withParams(setupLoader, { token }), getRequest(`/einrichten/${token}`));
const submit = (token: string, fields: Record<string, string>) => run(withParams(setupAction, { token }), formRequest(`/einrichten/${token}`, fields));

describe("the one-time setup link of an empty installation", () => {
  test("is printed when no admin exists, stored only as a hash, and each start replaces the last one", async () => {
    const lines: string[] = [];
    const link = await announceSetupLink(db, "http://localhost:3000/", (line) => lines.push(line));
    expect(link).toMatch(/^http:\/\/localhost:3000\/einrichten\/[\w-]{43}$/);
    expect(lines.join("\n")).toContain(link);
    const rows = await db.select().from(adminSetupTokens);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toContain(tokenOf(link!));
    expect(rows[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now() + SETUP_LINK_LIFETIME_MS - 60_000);
    const next = await announceSetupLink(db, "http://localhost:3000", () => {});
    expect((await page(tokenOf(link!))).status).toBe(404);
    expect((await page(tokenOf(next!))).status).toBe(200);
  });

  test("bad input keeps what was typed except the password; the link creates the admin once, signs them in and is gone", async () => {
    const token = tokenOf((await announceSetupLink(db, "http://localhost:3000", () => {}))!);
    const email = uniqueEmail("erste-admin");
    const bad = await submit(token, { displayName: "Erika Einrichtung", email: "keine-adresse", password: TEST_PASSWORD });
    expect(bad.status).toBe(400);
    const { result } = (await bad.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    expect(result.error.email).toEqual(["validation.email"]);
    expect(result.initialValue).toMatchObject({ displayName: "Erika Einrichtung", email: "keine-adresse" });
    expect(result.initialValue.password).toBeUndefined();

    // An address that has an account already: the link stays usable.
    const member = await createTestUser();
    expect((await submit(token, { displayName: "Erika", email: member.email, password: TEST_PASSWORD })).status).toBe(400);
    expect((await page(token)).status).toBe(200);

    const done = await submit(token, { displayName: "Erika Einrichtung", email, password: TEST_PASSWORD });
    expect(done.status).toBe(303);
    expect(done.headers.get("Location")).toBe("/verwaltung/personen");
    expect(done.headers.getSetCookie().some((cookie) => cookie.startsWith("kw_session="))).toBe(true);
    const [admin] = await db.select().from(users).where(eq(users.email, email));
    expect(admin).toMatchObject({ role: "admin", displayName: "Erika Einrichtung" });
    expect(admin!.emailVerifiedAt).not.toBeNull();
    expect(await db.select().from(adminLog).where(eq(adminLog.targetUserId, admin!.id))).toEqual([expect.objectContaining({ action: "setup_completed", actorId: admin!.id })]);
    expect(await db.select().from(adminSetupTokens)).toEqual([]);
    expect((await page(token)).status).toBe(404);
    expect((await submit(token, { displayName: "Zweite", email: uniqueEmail(), password: TEST_PASSWORD })).status).toBe(404);
    // With an admin, no new link.
    expect(await announceSetupLink(db, "http://localhost:3000", () => {})).toBeNull();
  });

  test("an unknown or expired link is a 404", async () => {
    expect((await page("gibt-es-nicht")).status).toBe(404);
    await db.update(users).set({ role: "member" }).where(eq(users.role, "admin"));
    const token = tokenOf((await announceSetupLink(db, "http://localhost:3000", () => {}))!);
    await db.update(adminSetupTokens).set({ expiresAt: new Date(Date.now() - 1000) });
    expect((await page(token)).status).toBe(404);
    expect((await submit(token, { displayName: "Spät", email: uniqueEmail(), password: TEST_PASSWORD })).status).toBe(404);
  });
});
