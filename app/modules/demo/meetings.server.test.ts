import { eq, isNull } from "drizzle-orm";
import { createUser } from "#app/modules/auth/users.server";
import { utcToBerlinWallTime, weekdayOf } from "#app/modules/calendar/berlin-time";
import { db } from "#db/client";
import { groupMemberships, meetingAttendance, meetings, workingGroups } from "#db/schema";
import { DEMO_PASSWORD, demoUsers } from "./demo-users.server";
import { seedGroups } from "./groups.server";
import { seedMeetings } from "./meetings.server";

test("every demo group gets two past meetings with minutes and upcoming ones answered by its members; the network its monthly exchange — once", async () => {
  for (const user of demoUsers) await createUser(db, { ...user, password: DEMO_PASSWORD, emailVerified: true, locale: "de" });
  await seedGroups(db);
  await seedMeetings(db);
  const now = Date.now();
  const groups = await db.select({ id: workingGroups.id, slug: workingGroups.slug }).from(workingGroups);
  expect(groups).toHaveLength(4);
  for (const group of groups) {
    const held = await db.select().from(meetings).where(eq(meetings.groupId, group.id));
    const past = held.filter((meeting) => meeting.endsAt.getTime() < now);
    const upcoming = held.filter((meeting) => meeting.startsAt.getTime() > now);
    expect(past.length, group.slug).toBe(2);
    expect(
      past.every((meeting) => meeting.minutes.length > 100 && meeting.minutesBy !== null && meeting.minutesAt!.getTime() <= now),
      group.slug,
    ).toBe(true);
    expect(upcoming.length, group.slug).toBeGreaterThanOrEqual(1);
    expect(upcoming.length, group.slug).toBeLessThanOrEqual(2);
    expect(
      upcoming.every((meeting) => meeting.minutes === ""),
      group.slug,
    ).toBe(true);
    expect(held.every((meeting) => meeting.place !== "" || meeting.onlineUrl !== null)).toBe(true);
    // Only the group's own people answer.
    const members = new Set((await db.select({ userId: groupMemberships.userId }).from(groupMemberships).where(eq(groupMemberships.groupId, group.id))).map((row) => row.userId));
    const answers = (await Promise.all(upcoming.map((meeting) => db.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, meeting.id))))).flat();
    expect(answers.length, group.slug).toBeGreaterThan(0);
    expect(
      answers.every((answer) => members.has(answer.userId)),
      group.slug,
    ).toBe(true);
  }

  const network = await db.select().from(meetings).where(isNull(meetings.groupId));
  const monthly = network.filter((event) => event.title === "Monatlicher Online-Austausch des Netzwerks");
  expect(monthly.some((event) => event.startsAt.getTime() < now)).toBe(true);
  expect(monthly.some((event) => event.startsAt.getTime() > now)).toBe(true);
  for (const event of monthly) {
    const start = utcToBerlinWallTime(event.startsAt);
    // The first Wednesday of its month, 10:00–11:30 Berlin time, summer or winter.
    expect(weekdayOf(start.slice(0, 10))).toBe(3);
    expect(Number(start.slice(8, 10))).toBeLessThanOrEqual(7);
    expect(start.slice(11)).toBe("10:00");
    expect(utcToBerlinWallTime(event.endsAt).slice(11)).toBe("11:30");
    expect(event.onlineUrl).toBe("https://meet.example/auental");
  }
  expect(network.filter((event) => event.title.startsWith("Netzwerktreffen") && event.place !== "")).toHaveLength(1);

  const before = (await db.select({ id: meetings.id }).from(meetings)).length;
  const answersBefore = (await db.select({ id: meetingAttendance.meetingId }).from(meetingAttendance)).length;
  await seedMeetings(db);
  expect((await db.select({ id: meetings.id }).from(meetings)).length).toBe(before);
  expect((await db.select({ id: meetingAttendance.meetingId }).from(meetingAttendance)).length).toBe(answersBefore);
});
