import { eq, inArray } from "drizzle-orm";
import { db } from "#db/client";
import { accessibilityFeedback } from "#db/schema";
import { eraseAccount } from "#app/modules/privacy/account-deletion.server";
import { gatherPersonalData } from "#app/modules/privacy/export-data.server";
import { renderExportHtml } from "#app/modules/privacy/export-file.server";
import { daysBefore, RETENTION } from "#app/modules/privacy/retention-periods";
import { enforceRetention, retentionPeriods } from "#app/modules/privacy/retention.server";
import { createTestUser } from "#test/factories";
import { submitFeedback } from "./feedback.server";

const now = new Date();
const HOUR = 60 * 60 * 1000;
const ids = async () => (await db.select({ id: accessibilityFeedback.id }).from(accessibilityFeedback)).map((row) => row.id);

async function feedback(values: Partial<typeof accessibilityFeedback.$inferInsert> = {}) {
  const [row] = await db
    .insert(accessibilityFeedback)
    .values({ message: "Eine Barriere", language: "de", ...values })
    .returning({ id: accessibilityFeedback.id });
  return row!.id;
}

describe("retention", () => {
  test("the daily job deletes handled feedback a year after it was handled; open feedback stays, however old", async () => {
    const period = RETENTION.accessibilityFeedbackDays;
    const longDone = await feedback({ createdAt: daysBefore(now, period + 30), handledAt: new Date(daysBefore(now, period).getTime() - HOUR) });
    const recentlyDone = await feedback({ createdAt: daysBefore(now, period + 30), handledAt: new Date(daysBefore(now, period).getTime() + HOUR) });
    const oldOpen = await feedback({ createdAt: daysBefore(now, period * 3) });
    const report = await enforceRetention(db, now);
    expect(report.accessibilityFeedback).toBe(1);
    const left = await ids();
    expect(left).not.toContain(longDone);
    expect(left).toEqual(expect.arrayContaining([recentlyDone, oldOpen]));
    // The privacy notice reads the same number the job enforces.
    expect(retentionPeriods().accessibilityFeedbackDays).toBe(period);
  });
});

describe("a member's data", () => {
  test("the export holds what they sent while signed in, with its own heading, and nothing of a guest's", async () => {
    const member = await createTestUser();
    await submitFeedback(
      { message: "Die Karte der Standorte fehlt als Text.", pageUrl: "/verzeichnis", name: "Maja", email: "maja@test.example" },
      { user: member, clientAddress: "10.1.2.3", language: "pl" },
    );
    await submitFeedback({ message: "Von einem Gast", pageUrl: null, name: null, email: "gast@test.example" }, { user: null, clientAddress: "10.1.2.4", language: "de" });
    const data = (await gatherPersonalData(db, member.id, now))!;
    expect(data.accessibilityFeedback).toEqual([
      expect.objectContaining({ message: "Die Karte der Standorte fehlt als Text.", pageUrl: "/verzeichnis", name: "Maja", email: "maja@test.example", language: "pl", handledAt: null }),
    ]);
    const html = renderExportHtml(JSON.parse(JSON.stringify(data)) as typeof data, "de");
    expect(html).toContain("<h2>Ihre Rückmeldungen zur Barrierefreiheit</h2>");
    expect(html).toContain('<th scope="col">Sprache der Seite</th>');
    expect(html).not.toContain("Von einem Gast");
  });

  test("deleting the account removes name, address and the link from the feedback; with 'delete my posts' the feedback goes", async () => {
    const keeper = await createTestUser();
    const kept = await feedback({ senderId: keeper.id, name: "Kim", email: "kim@test.example", message: "Schrift zu klein" });
    await db.transaction((tx) => eraseAccount(tx, { targetId: keeper.id, actorId: keeper.id, deletePosts: false }));
    const [row] = await db.select().from(accessibilityFeedback).where(eq(accessibilityFeedback.id, kept));
    expect(row).toMatchObject({ message: "Schrift zu klein", name: null, email: null, senderId: null });

    const leaver = await createTestUser();
    const gone = await feedback({ senderId: leaver.id, name: "Lea", message: "Kein Untertitel" });
    const other = await feedback({ name: "Jemand anderes" });
    await db.transaction((tx) => eraseAccount(tx, { targetId: leaver.id, actorId: leaver.id, deletePosts: true }));
    const left = (
      await db
        .select({ id: accessibilityFeedback.id })
        .from(accessibilityFeedback)
        .where(inArray(accessibilityFeedback.id, [gone, other]))
    ).map((item) => item.id);
    expect(left).toEqual([other]);
  });
});
