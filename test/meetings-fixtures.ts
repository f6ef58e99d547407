import { inArray } from "drizzle-orm";
import ICAL from "ical.js";
import { db } from "#db/client";
import { groupMemberships, meetings, workingGroups } from "#db/schema";
import { demoGroups } from "#app/modules/demo/groups.server";
import { createTestUser, sessionCookieFor } from "./factories";

export const PUBLIC = "sprache-bildung";
export const OTHER = "arbeit-ausbildung";
export const PRIVATE = "ankommen-wohnen";

const HOUR = 60 * 60 * 1000;

/** The demo groups and five people: a group coordinator, a member, an outsider, network coordination, and a member of the other public group. */
export async function setUpMeetingWorld() {
  await db.insert(workingGroups).values(demoGroups).onConflictDoNothing();
  const rows = await db
    .select({ id: workingGroups.id, slug: workingGroups.slug })
    .from(workingGroups)
    .where(inArray(workingGroups.slug, [PUBLIC, OTHER, PRIVATE]));
  const groupId = Object.fromEntries(rows.map((row) => [row.slug, row.id])) as Record<string, string>;
  const coordinator = await createTestUser({ displayName: "Carla Koordina" });
  const member = await createTestUser({ displayName: "Mia Mitglied" });
  const outsider = await createTestUser({ displayName: "Otto Außen" });
  const network = await createTestUser({ role: "coordinator", displayName: "Nora Netzwerk" });
  const otherMember = await createTestUser({ displayName: "Ole Anders" });
  await db.insert(groupMemberships).values([
    { groupId: groupId[PUBLIC]!, userId: coordinator.id, role: "coordinator" },
    { groupId: groupId[PRIVATE]!, userId: coordinator.id, role: "coordinator" },
    { groupId: groupId[PUBLIC]!, userId: member.id, role: "member" },
    { groupId: groupId[PRIVATE]!, userId: member.id, role: "member" },
    { groupId: groupId[OTHER]!, userId: otherMember.id, role: "member" },
  ]);
  const cookie = {
    coordinator: await sessionCookieFor(coordinator.id),
    member: await sessionCookieFor(member.id),
    outsider: await sessionCookieFor(outsider.id),
    network: await sessionCookieFor(network.id),
    otherMember: await sessionCookieFor(otherMember.id),
  };
  return { groupId, users: { coordinator, member, outsider, network, otherMember }, cookie };
}

/** A meeting straight in the table, starting `inHours` from now (negative: in the past). */
export async function insertMeeting(
  groupId: string | null,
  options: { title?: string; inHours?: number; hours?: number; place?: string; onlineUrl?: string | null; agenda?: string; cancelled?: boolean } = {},
) {
  const startsAt = new Date(Math.round((Date.now() + (options.inHours ?? 24) * HOUR) / 60_000) * 60_000);
  const [row] = await db
    .insert(meetings)
    .values({
      groupId,
      title: options.title ?? "Testtreffen",
      startsAt,
      endsAt: new Date(startsAt.getTime() + (options.hours ?? 1.5) * HOUR),
      place: options.place ?? "VHS Auenstadt, Raum 1",
      onlineUrl: options.onlineUrl ?? null,
      agenda: options.agenda ?? "",
      cancelledAt: options.cancelled ? new Date() : null,
    })
    .returning();
  return row!;
}

export type ParsedEvent = { uid: string; start: Date; end: Date; summary: string; status: string | null; sequence: number; url: string | null; location: string | null; description: string | null };

/** Parses an iCalendar text with ical.js (a real parser, not ours) into its events. */
export function parseIcs(text: string): { name: string | null; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      summary: event.summary,
      status: (component.getFirstPropertyValue("status") as string | null) ?? null,
      sequence: event.sequence,
      url: (component.getFirstPropertyValue("url") as string | null) ?? null,
      location: event.location ?? null,
      description: event.description ?? null,
    };
  });
  return { name: (calendar.getFirstPropertyValue("x-wr-calname") as string | null) ?? null, events };
}
