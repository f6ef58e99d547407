import { and, asc, gt, inArray, isNull, or } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "#db/client";
import { groupPosts, groupTasks, groupThreads, meetings, workingGroups } from "#db/schema";
import { anyOf, equals } from "#search/filters";
import { STOP_WORDS, synonymSettings } from "#search/synonyms";
import type { SearchAccess, SearchIndexDefinition, Visibility } from "./types";

/** What a working group keeps, as the search box finds it. Network-wide events count as public. */
export const groupContentKinds = ["meeting", "task", "thread"] as const;
export type GroupContentKind = (typeof groupContentKinds)[number];

export type GroupContentDocument = {
  /** `thread-<uuid>`: Meilisearch ids allow letters, digits, - and _. */
  id: string;
  /** `thread:<uuid>`: the row the document comes from (what a sync job names). */
  sourceId: string;
  kind: GroupContentKind;
  rowId: string;
  groupId: string | null;
  groupSlug: string | null;
  groupName: string | null;
  title: string;
  text: string;
  url: string;
  /** Seconds since 1970: the newest post, the due date, the meeting's start. */
  date: number;
  visibility: Visibility;
};

// Enough of a long thread for search; the rest is still on its page.
const MAX_TEXT = 20_000;

export const GROUP_CONTENT_INDEX = "group_content";

export const sourceIdOf = (kind: GroupContentKind, rowId: string) => `${kind}:${rowId}`;

/** The id of a row's document (see `GroupContentDocument.id`). */
export const documentIdOf = (kind: GroupContentKind, rowId: string) => `${kind}-${rowId}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The row behind a document id ("thread-<uuid>"), or null for anything that is none. */
export function rowOfDocumentId(id: string): { kind: GroupContentKind; rowId: string } | null {
  const dash = id.indexOf("-");
  const kind = id.slice(0, dash);
  const rowId = id.slice(dash + 1);
  return (groupContentKinds as readonly string[]).includes(kind) && UUID.test(rowId) ? { kind: kind as GroupContentKind, rowId } : null;
}

function parseSourceId(sourceId: string): { kind: GroupContentKind; rowId: string } | null {
  const [kind, rowId] = sourceId.split(":");
  if (!rowId || !(groupContentKinds as readonly string[]).includes(kind ?? "")) return null;
  return { kind: kind as GroupContentKind, rowId };
}

type GroupInfo = { id: string; slug: string; name: string; visibility: "public" | "private"; archivedAt: Date | null };

const privateGroupVisibility = (groupId: string): Visibility => `group:${groupId}`;

/** Private groups' content carries the group in its visibility: only members' queries match it. */
const visibilityOf = (group: GroupInfo): Visibility => (group.visibility === "private" ? privateGroupVisibility(group.id) : "public");

/**
 * The permission clause: public groups' content (and network-wide events) for everyone, a private
 * group's only for its members, named one by one.
 */
export function groupContentPermission({ privateGroupIds }: Pick<SearchAccess, "privateGroupIds">): string {
  const everyone = equals("visibility", "public");
  return privateGroupIds.length ? `${everyone} OR ${anyOf("visibility", privateGroupIds.map(privateGroupVisibility))}` : everyone;
}

/** What a hit of group content brings back to the search box. */
export const GroupContentHitSchema = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  url: z.string(),
  groupName: z.string().nullable(),
});

const seconds = (value: Date | string) => Math.floor(new Date(value).getTime() / 1000);

async function groupsById(db: Database, ids: string[]): Promise<Map<string, GroupInfo>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: workingGroups.id, slug: workingGroups.slug, name: workingGroups.name, visibility: workingGroups.visibility, archivedAt: workingGroups.archivedAt })
    .from(workingGroups)
    .where(inArray(workingGroups.id, ids));
  return new Map(rows.map((row) => [row.id, row]));
}

async function loadThreads(db: Database, ids: string[]): Promise<GroupContentDocument[]> {
  if (ids.length === 0) return [];
  const threads = await db.select().from(groupThreads).where(inArray(groupThreads.id, ids));
  const posts = threads.length
    ? await db
        .select({ threadId: groupPosts.threadId, body: groupPosts.body })
        .from(groupPosts)
        .where(
          and(
            inArray(
              groupPosts.threadId,
              threads.map((thread) => thread.id),
            ),
            isNull(groupPosts.hiddenAt),
          ),
        )
        .orderBy(asc(groupPosts.createdAt))
    : [];
  const groups = await groupsById(db, [...new Set(threads.map((thread) => thread.groupId))]);
  return threads.flatMap((thread) => {
    const group = groups.get(thread.groupId);
    if (!group || group.archivedAt) return [];
    const text = posts
      .filter((post) => post.threadId === thread.id)
      .map((post) => post.body)
      .join("\n\n")
      .slice(0, MAX_TEXT);
    return [document("thread", thread.id, group, thread.title, text, `/arbeitsgruppen/${group.slug}/themen/${thread.id}`, seconds(thread.lastPostAt))];
  });
}

async function loadTasks(db: Database, ids: string[]): Promise<GroupContentDocument[]> {
  if (ids.length === 0) return [];
  const tasks = await db.select().from(groupTasks).where(inArray(groupTasks.id, ids));
  const groups = await groupsById(db, [...new Set(tasks.map((task) => task.groupId))]);
  return tasks.flatMap((task) => {
    const group = groups.get(task.groupId);
    if (!group || group.archivedAt) return [];
    return [document("task", task.id, group, task.title, task.description, `/arbeitsgruppen/${group.slug}/aufgaben/${task.id}`, seconds(task.dueDate ?? task.createdAt))];
  });
}

async function loadMeetings(db: Database, ids: string[]): Promise<GroupContentDocument[]> {
  if (ids.length === 0) return [];
  const held = await db.select().from(meetings).where(inArray(meetings.id, ids));
  const groups = await groupsById(db, [...new Set(held.flatMap((meeting) => (meeting.groupId ? [meeting.groupId] : [])))]);
  return held.flatMap((meeting) => {
    if (meeting.cancelledAt) return [];
    const text = [meeting.place, meeting.agenda, meeting.minutes].filter(Boolean).join("\n\n").slice(0, MAX_TEXT);
    if (!meeting.groupId) {
      // A network-wide event: everyone may see it.
      return [{ ...document("meeting", meeting.id, null, meeting.title, text, `/kalender/termine/${meeting.id}`, seconds(meeting.startsAt)) }];
    }
    const group = groups.get(meeting.groupId);
    if (!group || group.archivedAt) return [];
    return [document("meeting", meeting.id, group, meeting.title, text, `/arbeitsgruppen/${group.slug}/treffen/${meeting.id}`, seconds(meeting.startsAt))];
  });
}

function document(kind: GroupContentKind, rowId: string, group: GroupInfo | null, title: string, text: string, url: string, date: number): GroupContentDocument {
  return {
    id: documentIdOf(kind, rowId),
    sourceId: sourceIdOf(kind, rowId),
    kind,
    rowId,
    groupId: group?.id ?? null,
    groupSlug: group?.slug ?? null,
    groupName: group?.name ?? null,
    title,
    text,
    url,
    date,
    visibility: group ? visibilityOf(group) : "public",
  };
}

const tables = {
  meeting: { table: meetings, id: meetings.id },
  task: { table: groupTasks, id: groupTasks.id },
  thread: { table: groupThreads, id: groupThreads.id },
} as const;

export const groupContentIndex: SearchIndexDefinition<GroupContentDocument, typeof GroupContentHitSchema> = {
  name: GROUP_CONTENT_INDEX,
  sourceKey: "sourceId",
  documentsVersion: 1,
  permission: groupContentPermission,
  hit: GroupContentHitSchema,
  settings: {
    searchableAttributes: ["title", "text", "groupName"],
    filterableAttributes: ["id", "sourceId", "visibility", "kind", "groupId"],
    rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness"],
    sortableAttributes: ["date"],
    synonyms: synonymSettings(),
    stopWords: STOP_WORDS,
    pagination: { maxTotalHits: 10000 },
  },
  load: async (db, sourceIds) => {
    const byKind = new Map<GroupContentKind, string[]>(groupContentKinds.map((kind) => [kind, []]));
    for (const sourceId of sourceIds) {
      const parsed = parseSourceId(sourceId);
      if (parsed) byKind.get(parsed.kind)!.push(parsed.rowId);
    }
    const [held, tasks, threads] = await Promise.all([loadMeetings(db, byKind.get("meeting")!), loadTasks(db, byKind.get("task")!), loadThreads(db, byKind.get("thread")!)]);
    return [...held, ...tasks, ...threads];
  },
  // Source ids in order: every meeting, then every task, then every thread, each by id.
  listSourceIds: async (db, afterId, limit) => {
    const after = afterId ? parseSourceId(afterId) : null;
    const result: string[] = [];
    for (const kind of groupContentKinds) {
      if (after && groupContentKinds.indexOf(kind) < groupContentKinds.indexOf(after.kind)) continue;
      const { table, id } = tables[kind];
      const rows = await db
        .select({ id })
        .from(table)
        .where(after?.kind === kind ? gt(id, after.rowId) : undefined)
        .orderBy(asc(id))
        .limit(limit - result.length);
      result.push(...rows.map((row) => sourceIdOf(kind, row.id)));
      if (result.length >= limit) break;
    }
    return result;
  },
  listChangedSince: async (db, since) => {
    const [held, tasks, threads, groups] = await Promise.all([
      db.select({ id: meetings.id }).from(meetings).where(gt(meetings.updatedAt, since)),
      db.select({ id: groupTasks.id }).from(groupTasks).where(gt(groupTasks.updatedAt, since)),
      db
        .select({ id: groupThreads.id })
        .from(groupThreads)
        .where(or(gt(groupThreads.updatedAt, since), gt(groupThreads.lastPostAt, since))),
      db.select({ id: workingGroups.id }).from(workingGroups).where(gt(workingGroups.updatedAt, since)),
    ]);
    const changedGroups = groups.map((group) => group.id);
    const ofGroups = changedGroups.length
      ? await Promise.all([
          db.select({ id: meetings.id }).from(meetings).where(inArray(meetings.groupId, changedGroups)),
          db.select({ id: groupTasks.id }).from(groupTasks).where(inArray(groupTasks.groupId, changedGroups)),
          db.select({ id: groupThreads.id }).from(groupThreads).where(inArray(groupThreads.groupId, changedGroups)),
        ])
      : [[], [], []];
    return [
      ...[...held, ...ofGroups[0]].map((row) => sourceIdOf("meeting", row.id)),
      ...[...tasks, ...ofGroups[1]].map((row) => sourceIdOf("task", row.id)),
      ...[...threads, ...ofGroups[2]].map((row) => sourceIdOf("thread", row.id)),
    ];
  },
};
