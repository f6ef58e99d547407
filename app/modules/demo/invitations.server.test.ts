import { asc } from "drizzle-orm";
import { db } from "#db/client";
import { invitations, partners } from "#db/schema";
import { createUser } from "#app/modules/auth/users.server";
import { linkFrom, waitForMail } from "#test/mail";
import { seedDemoInvitations } from "./invitations.server";

test("the demo coordinator's two open invitations are sent like any others, in their languages, once", async () => {
  await createUser(db, { email: "koordination@auental.example", displayName: "Selin Aydın", password: "ein langer Testsatz 2026", role: "coordinator", emailVerified: true });
  await db.insert(partners).values({ slug: "vhs-auental", name: "Volkshochschule Auental", kind: "bildungstraeger" });
  await seedDemoInvitations(db);
  await seedDemoInvitations(db);
  const rows = await db
    .select({ email: invitations.email, locale: invitations.locale, partnerFunction: invitations.partnerFunction, acceptedAt: invitations.acceptedAt })
    .from(invitations)
    .orderBy(asc(invitations.email));
  expect(rows).toEqual([
    { email: "o.kovalenko@auental.example", locale: "en", partnerFunction: "", acceptedAt: null },
    { email: "r.yilmaz@auental.example", locale: "de", partnerFunction: "Kursleitung Integrationskurse", acceptedAt: null },
  ]);
  expect(linkFrom(await waitForMail("r.yilmaz@auental.example"))).toMatch(/^\/einladung\/[\w-]{43}$/);
  expect(await waitForMail("o.kovalenko@auental.example")).toMatch(/invit/i);
});
