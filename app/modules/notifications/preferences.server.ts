import { and, eq, inArray, sql } from "drizzle-orm";
import { db, type Executor } from "#db/client";
import { notificationPreferences } from "#db/schema";
import { DEFAULT_CHANNELS, type Channel, type Kind } from "./notification-schemas";
import { notificationKinds } from "#db/schema/open-mic-enums";

/** Every kind with the person's channel: their choice, or the kind's default. */
export async function getPreferences(userId: string, executor: Executor = db): Promise<Record<Kind, Channel>> {
  const rows = await executor.select({ kind: notificationPreferences.kind, channel: notificationPreferences.channel }).from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  const chosen = new Map(rows.map((row) => [row.kind, row.channel]));
  return Object.fromEntries(notificationKinds.map((kind) => [kind, chosen.get(kind) ?? DEFAULT_CHANNELS[kind]])) as Record<Kind, Channel>;
}

/** The channel of one kind for each of the people (default where they chose nothing). */
export async function channelsFor(executor: Executor, userIds: string[], kind: Kind): Promise<Map<string, Channel>> {
  const result = new Map(userIds.map((id) => [id, DEFAULT_CHANNELS[kind]]));
  if (userIds.length === 0) return result;
  const rows = await executor
    .select({ userId: notificationPreferences.userId, channel: notificationPreferences.channel })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.kind, kind), inArray(notificationPreferences.userId, userIds)));
  for (const row of rows) result.set(row.userId, row.channel);
  return result;
}

/** Stores the person's choice for the given kinds (one row per kind, replaced when it exists). */
export async function savePreferences(userId: string, choices: Partial<Record<Kind, Channel>>, executor: Executor = db): Promise<void> {
  const now = new Date();
  const values = notificationKinds.filter((kind) => choices[kind] !== undefined).map((kind) => ({ userId, kind, channel: choices[kind]!, updatedAt: now }));
  if (values.length === 0) return;
  await executor
    .insert(notificationPreferences)
    .values(values)
    .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { channel: sql`excluded.channel`, updatedAt: now } });
}
