import { and, asc, eq, inArray, isNotNull, notInArray, sql } from "drizzle-orm";
import type { TFunction } from "#app/utils/i18n";
import { db, type Executor } from "#db/client";
import { meetings, topics, type TopicStatus } from "#db/schema";
import { enqueueGroupContentSync } from "#search/group-content-sync";
import { formatDate } from "#app/utils/misc";
import { MEETING_TEXT_MAX } from "./meeting-schemas";
import { topicNumber } from "../tasks/task-schemas";
import { publicTopic } from "#search/indexes/topics";

/*
 * Open Mic topics in a working group: the topics coordination handed to the group ("routed") go on
 * the agenda of its meetings and become its tasks; decisions in the minutes lead back to the topic.
 */

const TOPIC_ID_MAX = 2_147_483_647;
// How many merges a link follows to the topic that was kept (more is a broken chain, not a topic).
const MERGE_HOPS = 10;

/** Where a topic's page is. */
export const topicPath = (id: number) => `/open-mic/${id}`;

/** Whether a Markdown text already links this topic: it contains "/open-mic/42)". */
export const linksTopic = (text: string, id: number) => text.includes(`${topicPath(id)})`);

/** The topics a Markdown text links to ("…(/open-mic/42)"), each once, in their order. */
export function topicIdsIn(text: string): number[] {
  const ids: number[] = [];
  for (const match of text.matchAll(/\/open-mic\/(\d{1,10})\)/g)) {
    const id = topicNumber(match[1]);
    if (id !== null && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/**
 * A text as literal Markdown inline text (e.g. a link's text): every character that could start
 * emphasis, code, a link, HTML or an entity is escaped, and line breaks become spaces, so a title
 * such as "Kurse [neu] *jetzt*" stays exactly what it is and cannot end the link early.
 */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\\`*_[\]<>~]/g, (character) => `\\${character}`)
    .replace(/&(?=#?[a-z0-9]+;)/gi, "\\&");
}

/** The agenda line of a topic: "- [Anliegen 42: Titel](/open-mic/42)". */
export const agendaLineFor = (topic: { id: number; title: string }) => `- [Anliegen ${topic.id}: ${escapeMarkdownText(topic.title)}](${topicPath(topic.id)})`;

// ---------------------------------------------------------------------------------------------
// Which topics may be seen and linked

export type VisibleTopic = { id: number; title: string; status: TopicStatus; routedGroupId: string | null };

/**
 * For each of these topic ids, the topic everyone may see under it: a merged duplicate stands for
 * the topic that was kept (followed along the chain); a topic waiting for approval, a hidden one or
 * a broken chain stands for nothing. The map holds only the ids that have a visible topic.
 */
export async function resolveVisibleTopics(ids: number[], executor: Executor = db): Promise<Map<number, VisibleTopic>> {
  const found = new Map<number, VisibleTopic>();
  let pending = new Map<number, number>(ids.filter((id) => Number.isInteger(id) && id > 0 && id <= TOPIC_ID_MAX).map((id) => [id, id]));
  for (let hop = 0; hop <= MERGE_HOPS && pending.size > 0; hop++) {
    const rows = await executor
      .select({
        id: topics.id,
        title: topics.title,
        status: topics.status,
        routedGroupId: topics.routedGroupId,
        approvedAt: topics.approvedAt,
        hiddenAt: topics.hiddenAt,
        mergedIntoId: topics.mergedIntoId,
      })
      .from(topics)
      .where(inArray(topics.id, [...new Set(pending.values())]));
    const byId = new Map(rows.map((row) => [row.id, row]));
    const next = new Map<number, number>();
    for (const [start, current] of pending) {
      const row = byId.get(current);
      if (!row) continue;
      if (row.mergedIntoId !== null) {
        next.set(start, row.mergedIntoId);
        continue;
      }
      if (row.approvedAt && !row.hiddenAt) found.set(start, { id: row.id, title: row.title, status: row.status, routedGroupId: row.routedGroupId });
    }
    pending = next;
  }
  return found;
}

/** The topic everyone may see for this id (the kept one for a merged duplicate), or null. */
export async function visibleTopic(id: number | null): Promise<VisibleTopic | null> {
  if (id === null) return null;
  return (await resolveVisibleTopics([id])).get(id) ?? null;
}

/** Handed to this group, approved, not hidden and not merged into another. */
const routedTo = (groupId: string) => and(eq(topics.routedGroupId, groupId), publicTopic)!;

/** The topics a task of this group may be linked to: those handed to the group, newest first. */
export async function listRoutedTopics(groupId: string) {
  return db
    .select({ id: topics.id, title: topics.title })
    .from(topics)
    .where(routedTo(groupId))
    .orderBy(sql`${topics.id} desc`)
    .limit(200);
}

/** Whether a task of this group may link this topic (see listRoutedTopics). */
export async function isRoutedTo(executor: Executor, groupId: string, topicId: number): Promise<boolean> {
  const [row] = await executor
    .select({ id: topics.id })
    .from(topics)
    .where(and(eq(topics.id, topicId), routedTo(groupId)));
  return Boolean(row);
}

// Finished topics need no more talking about.
const DONE: TopicStatus[] = ["closed", "rejected"];

/**
 * For a meeting's agenda: the topics handed to the group that are still open (not closed or
 * rejected) and not on this agenda yet, oldest first.
 */
export async function listAgendaCandidates(groupId: string, agenda: string) {
  const rows = await db
    .select({ id: topics.id, title: topics.title, status: topics.status })
    .from(topics)
    .where(and(routedTo(groupId), notInArray(topics.status, DONE)))
    .orderBy(asc(topics.id))
    .limit(200);
  return rows.filter((row) => !linksTopic(agenda, row.id));
}

export type AgendaTopicResult = "added" | "already" | "notFound" | "closed" | "notRouted" | "hidden" | "tooLong";

/**
 * Puts a topic handed to this group on the agenda of one of its meetings that has not begun (and is
 * not cancelled): one Markdown line at the end, in one transaction with a higher SEQUENCE (calendars
 * take the change), the new updatedAt and the search sync. The meeting row is locked, so two clicks
 * at once add the line once; a topic already on the agenda changes nothing.
 */
export async function addTopicToAgenda(groupId: string, meetingId: string, topicId: number, now = new Date()): Promise<AgendaTopicResult> {
  return db.transaction(async (tx) => {
    const [meeting] = await tx
      .select({ id: meetings.id, agenda: meetings.agenda, startsAt: meetings.startsAt, cancelledAt: meetings.cancelledAt })
      .from(meetings)
      .where(and(eq(meetings.id, meetingId), eq(meetings.groupId, groupId)))
      .for("update");
    if (!meeting) return "notFound";
    if (meeting.startsAt.getTime() <= now.getTime() || meeting.cancelledAt) return "closed";
    const [topic] = await tx
      .select({ id: topics.id, title: topics.title })
      .from(topics)
      .where(and(eq(topics.id, topicId), routedTo(groupId), notInArray(topics.status, DONE)));
    if (!topic) {
      // A hidden or merged topic never lends its title to an agenda (nor does an unapproved one, which
      // cannot have been handed to a group). Only a topic this group was handed is named as hidden:
      // any other stays "not routed", like one that does not exist.
      const [other] = await tx
        .select({ id: topics.id })
        .from(topics)
        .where(and(eq(topics.id, topicId), eq(topics.routedGroupId, groupId), isNotNull(topics.approvedAt), sql`(${topics.hiddenAt} is not null or ${topics.mergedIntoId} is not null)`));
      return other ? "hidden" : "notRouted";
    }
    if (linksTopic(meeting.agenda, topic.id)) return "already";
    const current = meeting.agenda.trimEnd();
    const agenda = `${current}${current ? "\n" : ""}${agendaLineFor(topic)}`;
    if (agenda.length > MEETING_TEXT_MAX) return "tooLong";
    await tx
      .update(meetings)
      .set({ agenda, sequence: sql`${meetings.sequence} + 1`, updatedAt: now })
      .where(eq(meetings.id, meeting.id));
    await enqueueGroupContentSync(tx, "meeting", meeting.id);
    return "added";
  });
}

/** The agenda lines this topic's own line may have become: "- [Anliegen 42: …](/open-mic/42)". */
const agendaLinePattern = (id: number) => new RegExp(`^([ \\t]*)[-*+][ \\t]+\\[Anliegen ${id}: .*\\]\\(${topicPath(id)}\\)[ \\t]*$`, "gm");

/**
 * After a topic's title changed for good (personal data removed): every agenda line the system wrote
 * for the topic ("- [Anliegen 42: old title](/open-mic/42)") carries the new title, in the caller's
 * transaction, each changed meeting with a higher SEQUENCE, the new updatedAt and the search sync.
 * Returns the ids of the meetings changed.
 */
export async function rewriteAgendaLines(tx: Executor, topicId: number, title: string, now = new Date()): Promise<string[]> {
  const linked = await tx
    .select({ id: meetings.id, agenda: meetings.agenda })
    .from(meetings)
    .where(sql`position(${`${topicPath(topicId)})`} in ${meetings.agenda}) > 0`)
    .for("update");
  const line = agendaLineFor({ id: topicId, title });
  const changed: string[] = [];
  for (const meeting of linked) {
    const agenda = meeting.agenda.replace(agendaLinePattern(topicId), (_match, indent: string) => `${indent}${line}`);
    if (agenda === meeting.agenda) continue;
    await tx
      .update(meetings)
      .set({ agenda, sequence: sql`${meetings.sequence} + 1`, updatedAt: now })
      .where(eq(meetings.id, meeting.id));
    await enqueueGroupContentSync(tx, "meeting", meeting.id);
    changed.push(meeting.id);
  }
  return changed;
}

// ---------------------------------------------------------------------------------------------
// Decisions in the minutes

/** The visible topics a meeting's agenda links (a merged one as the kept one), each once. */
export async function topicsOnAgenda(agenda: string): Promise<VisibleTopic[]> {
  const ids = topicIdsIn(agenda);
  if (ids.length === 0) return [];
  const resolved = await resolveVisibleTopics(ids);
  const seen = new Set<number>();
  const shown: VisibleTopic[] = [];
  for (const id of ids) {
    const topic = resolved.get(id);
    if (!topic || seen.has(topic.id)) continue;
    seen.add(topic.id);
    shown.push(topic);
  }
  return shown;
}

const PREFILL_MAX = 2_000;

/**
 * The start of a coordinator's answer about a decision of this meeting. The answer is public: a
 * private group is never named in it ("einer Arbeitsgruppe"), whoever reads the meeting.
 */
export function decisionAnswerText(t: TFunction, lang: string, group: { name: string; visibility: "public" | "private" }, startsAt: Date): string {
  const date = formatDate(lang, startsAt);
  const text = group.visibility === "public" ? t("meetings.topics.answerPrefill", { group: group.name, date }) : t("meetings.topics.answerPrefillPrivate", { date });
  return text.slice(0, PREFILL_MAX);
}

/** Where a coordinator changes the topic's status, with the answer begun. */
export const statusFormHref = (topicId: number, answer: string) => `${topicPath(topicId)}/status?${new URLSearchParams({ antwort: answer }).toString()}`;

/** The new-task form of the group, linked to the topic, with title and description begun. */
export function decisionTaskHref(groupSlug: string, topic: { id: number; title: string }, description: string): string {
  const query = new URLSearchParams({ anliegen: String(topic.id), titel: topic.title, beschreibung: description });
  return `/arbeitsgruppen/${groupSlug}/aufgaben/neu?${query.toString()}`;
}
