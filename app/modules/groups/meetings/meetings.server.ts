import { and, asc, desc, eq, gt, gte, isNotNull, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { db } from "#db/client";
import { meetingAttendance, meetings, users, workingGroups, type AttendanceResponse } from "#db/schema";
import { enqueueGroupContentSync } from "#search/group-content-sync";
import { isUuid } from "#app/utils/uuid";
import { groupReadableBy } from "../group-visibility.server";
import type { MeetingInput } from "./meeting-schemas";

/** Which meetings: those of one group, or the network-wide events (no group). */
const inScope = (groupId: string | null): SQL => (groupId === null ? isNull(meetings.groupId) : eq(meetings.groupId, groupId));

const yesCount = sql<number>`(select count(*) from ${meetingAttendance} where ${meetingAttendance.meetingId} = ${meetings.id} and ${meetingAttendance.response} = 'yes')::int`;

const listColumns = {
  id: meetings.id,
  title: meetings.title,
  startsAt: meetings.startsAt,
  endsAt: meetings.endsAt,
  place: meetings.place,
  online: sql<boolean>`${meetings.onlineUrl} is not null`,
  cancelledAt: meetings.cancelledAt,
  hasMinutes: sql<boolean>`${meetings.minutes} <> ''`,
  yes: yesCount,
};

/** A group's meetings: the ones still to come (or under way), soonest first, and the past ones, newest first. */
export async function listGroupMeetings(groupId: string, now = new Date()) {
  const [upcoming, past] = await Promise.all([
    db
      .select(listColumns)
      .from(meetings)
      .where(and(eq(meetings.groupId, groupId), gte(meetings.endsAt, now)))
      .orderBy(asc(meetings.startsAt)),
    db
      .select(listColumns)
      .from(meetings)
      .where(and(eq(meetings.groupId, groupId), lt(meetings.endsAt, now)))
      .orderBy(desc(meetings.startsAt))
      .limit(100),
  ]);
  return { upcoming, past };
}

/**
 * One meeting, looked up together with its group (or, for `null`, as a network-wide event): an id
 * from another group finds nothing.
 */
export async function getMeeting(groupId: string | null, meetingId: string | undefined) {
  if (!isUuid(meetingId)) return null;
  const [row] = await db
    .select({
      id: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
      place: meetings.place,
      onlineUrl: meetings.onlineUrl,
      agenda: meetings.agenda,
      minutes: meetings.minutes,
      minutesAt: meetings.minutesAt,
      minutesByName: users.displayName,
      cancelledAt: meetings.cancelledAt,
      sequence: meetings.sequence,
      createdAt: meetings.createdAt,
      updatedAt: meetings.updatedAt,
    })
    .from(meetings)
    .leftJoin(users, eq(users.id, meetings.minutesBy))
    .where(and(eq(meetings.id, meetingId), inScope(groupId)));
  return row ?? null;
}

export type MeetingRow = NonNullable<Awaited<ReturnType<typeof getMeeting>>>;

/** Who answered a meeting, with their answer, by name. */
export async function getAttendance(meetingId: string) {
  return db
    .select({ userId: meetingAttendance.userId, displayName: users.displayName, response: meetingAttendance.response })
    .from(meetingAttendance)
    .innerJoin(users, eq(users.id, meetingAttendance.userId))
    .where(eq(meetingAttendance.meetingId, meetingId))
    .orderBy(asc(users.displayName));
}

const meetingValues = (input: MeetingInput) => ({
  title: input.title,
  startsAt: input.startsAt,
  endsAt: input.endsAt,
  place: input.place,
  onlineUrl: input.onlineUrl,
  agenda: input.agenda,
});

/** Plans a meeting of a group, or (groupId null) a network-wide event; returns its id. */
export async function createMeeting(groupId: string | null, userId: string, input: MeetingInput): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(meetings)
      .values({ groupId, createdBy: userId, ...meetingValues(input) })
      .returning({ id: meetings.id });
    await enqueueGroupContentSync(tx, "meeting", row!.id);
    return row!.id;
  });
}

export type UpdateOutcome = "saved" | "conflict" | "missing";

/**
 * Changes a meeting of this scope; calendars take the change because its SEQUENCE rises. With
 * `seenSequence` (the SEQUENCE the form was loaded with) it saves only if nobody changed the meeting
 * since — an edit, a cancellation or a topic put on the agenda all raise it — and answers
 * "conflict" otherwise, changing nothing.
 */
export async function updateMeeting(groupId: string | null, meetingId: string, input: MeetingInput, seenSequence?: number): Promise<UpdateOutcome> {
  if (!isUuid(meetingId)) return "missing";
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(meetings)
      .set({ ...meetingValues(input), sequence: sql`${meetings.sequence} + 1`, updatedAt: new Date() })
      .where(and(eq(meetings.id, meetingId), inScope(groupId), seenSequence === undefined ? undefined : eq(meetings.sequence, seenSequence)))
      .returning({ id: meetings.id });
    if (!row) {
      const [exists] = await tx
        .select({ id: meetings.id })
        .from(meetings)
        .where(and(eq(meetings.id, meetingId), inScope(groupId)));
      return exists ? "conflict" : "missing";
    }
    await enqueueGroupContentSync(tx, "meeting", row.id);
    return "saved";
  });
}

/**
 * Cancels a meeting (it stays, marked "abgesagt") or takes the cancellation back. Only a real change
 * raises the SEQUENCE, so a second click changes nothing.
 */
export async function setMeetingCancelled(groupId: string | null, meetingId: string, cancelled: boolean): Promise<boolean> {
  if (!isUuid(meetingId)) return false;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(meetings)
      .set({ cancelledAt: cancelled ? new Date() : null, sequence: sql`${meetings.sequence} + 1`, updatedAt: new Date() })
      .where(and(eq(meetings.id, meetingId), inScope(groupId), cancelled ? isNull(meetings.cancelledAt) : isNotNull(meetings.cancelledAt)))
      .returning({ id: meetings.id });
    if (!row) return false;
    await enqueueGroupContentSync(tx, "meeting", row.id);
    return true;
  });
}

export type MinutesOutcome = "saved" | "conflict" | "closed";

/**
 * Writes (or rewrites) the minutes of a group's meeting that has begun and was not cancelled — only
 * if they are still the ones the writer saw: `seenMinutesAt` is the minutesAt the form was loaded
 * with (null: there were none). Otherwise "conflict", and nothing changes. Minutes are not part of
 * the calendar entry, so the SEQUENCE stays.
 */
export async function saveMinutes(groupId: string, meetingId: string, userId: string, minutes: string, seenMinutesAt: Date | null, now = new Date()): Promise<MinutesOutcome> {
  if (!isUuid(meetingId)) return "closed";
  const open = and(eq(meetings.id, meetingId), eq(meetings.groupId, groupId), lte(meetings.startsAt, now), isNull(meetings.cancelledAt));
  // Compared to the millisecond: what a page receives of the stored time.
  const unchanged = seenMinutesAt ? sql`date_trunc('milliseconds', ${meetings.minutesAt}) = ${seenMinutesAt.toISOString()}::timestamptz` : isNull(meetings.minutesAt);
  return db.transaction(async (tx) => {
    const [row] = await tx.update(meetings).set({ minutes, minutesBy: userId, minutesAt: now, updatedAt: now }).where(and(open, unchanged)).returning({ id: meetings.id });
    if (!row) {
      const [exists] = await tx.select({ id: meetings.id }).from(meetings).where(open);
      return exists ? "conflict" : "closed";
    }
    await enqueueGroupContentSync(tx, "meeting", row.id);
    return "saved";
  });
}

/**
 * A member's zusagen/absagen to a meeting of their group, until it ends; a cancelled meeting takes
 * no answers. The answer is not part of the search document, so nothing is queued for the index.
 */
export async function respondToMeeting(groupId: string, meetingId: string, userId: string, response: AttendanceResponse, now = new Date()): Promise<boolean> {
  if (!isUuid(meetingId)) return false;
  return db.transaction(async (tx) => {
    const [open] = await tx
      .select({ id: meetings.id })
      .from(meetings)
      .where(and(eq(meetings.id, meetingId), eq(meetings.groupId, groupId), gt(meetings.endsAt, now), isNull(meetings.cancelledAt)));
    if (!open) return false;
    await tx
      .insert(meetingAttendance)
      .values({ meetingId, userId, response, updatedAt: now })
      .onConflictDoUpdate({ target: [meetingAttendance.meetingId, meetingAttendance.userId], set: { response, updatedAt: now } });
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// The calendar: network-wide events and the meetings of the groups a person may see.

/**
 * Meetings visible to this person (null: a guest, or a public feed): network-wide events, the
 * meetings of public groups and of the private groups they CURRENTLY belong to — checked in the
 * query itself, so a former member's feed loses the group at once. Archived groups are gone.
 */
function visibleTo(userId: string | null): SQL {
  return or(isNull(meetings.groupId), groupReadableBy(userId ? { id: userId } : null))!;
}

export type CalendarRange = "upcoming" | "past";

/** The calendar page's entries: upcoming (soonest first) or past (newest first), optionally of one group. */
export async function listCalendar(options: { userId: string | null; range: CalendarRange; groupId?: string | null; now?: Date; limit?: number }) {
  const now = options.now ?? new Date();
  const when = options.range === "past" ? lt(meetings.endsAt, now) : gte(meetings.endsAt, now);
  return db
    .select({ ...listColumns, groupSlug: workingGroups.slug, groupName: workingGroups.name })
    .from(meetings)
    .leftJoin(workingGroups, eq(workingGroups.id, meetings.groupId))
    .where(and(visibleTo(options.userId), when, options.groupId ? eq(meetings.groupId, options.groupId) : undefined))
    .orderBy(options.range === "past" ? desc(meetings.startsAt) : asc(meetings.startsAt))
    .limit(options.limit ?? 200);
}

const feedColumns = {
  id: meetings.id,
  title: meetings.title,
  startsAt: meetings.startsAt,
  endsAt: meetings.endsAt,
  place: meetings.place,
  onlineUrl: meetings.onlineUrl,
  agenda: meetings.agenda,
  cancelledAt: meetings.cancelledAt,
  sequence: meetings.sequence,
  createdAt: meetings.createdAt,
  updatedAt: meetings.updatedAt,
  groupSlug: workingGroups.slug,
  groupName: workingGroups.name,
};

export type FeedMeeting = {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  onlineUrl: string | null;
  agenda: string;
  cancelledAt: Date | null;
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
  groupSlug: string | null;
  groupName: string | null;
};

// Feeds reach a year back: enough for a calendar app, and they stay small.
const FEED_HISTORY_MS = 365 * 24 * 60 * 60 * 1000;

/** A calendar feed's meetings: network events, public groups, and (with a user) their current private groups. */
export async function listFeedMeetings(userId: string | null, now = new Date()): Promise<FeedMeeting[]> {
  return db
    .select(feedColumns)
    .from(meetings)
    .leftJoin(workingGroups, eq(workingGroups.id, meetings.groupId))
    .where(and(visibleTo(userId), gte(meetings.endsAt, new Date(now.getTime() - FEED_HISTORY_MS))))
    .orderBy(asc(meetings.startsAt));
}

/** One group's meetings for its feed; the caller has checked that the asker may read the group. */
export async function listGroupFeedMeetings(groupId: string, now = new Date()): Promise<FeedMeeting[]> {
  return db
    .select(feedColumns)
    .from(meetings)
    .leftJoin(workingGroups, eq(workingGroups.id, meetings.groupId))
    .where(and(eq(meetings.groupId, groupId), gte(meetings.endsAt, new Date(now.getTime() - FEED_HISTORY_MS))))
    .orderBy(asc(meetings.startsAt));
}

/** One meeting as a feed entry (for the single download), in this scope. */
export async function getFeedMeeting(groupId: string | null, meetingId: string | undefined): Promise<FeedMeeting | null> {
  if (!isUuid(meetingId)) return null;
  const [row] = await db
    .select(feedColumns)
    .from(meetings)
    .leftJoin(workingGroups, eq(workingGroups.id, meetings.groupId))
    .where(and(eq(meetings.id, meetingId), inScope(groupId)));
  return row ?? null;
}

/** Where a meeting's page is. */
export function meetingPath(meeting: { id: string; groupSlug: string | null }): string {
  return meeting.groupSlug ? `/arbeitsgruppen/${meeting.groupSlug}/treffen/${meeting.id}` : `/kalender/termine/${meeting.id}`;
}
