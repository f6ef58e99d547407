import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { db } from "#db/client";
import { partners, services, topicAnswerServices, topicStatusChanges, users, workingGroups } from "#db/schema";
import { groupBy } from "#db/collections";
import type { SessionUser } from "#app/modules/auth/session.server";
import { groupReadableBy } from "#app/modules/groups/group-visibility.server";
import { listedService } from "#search/indexes/services";

// A topic's status changes with the coordination's answers: on the topic's page and on its status page.

type ServiceCard = { slug: string; name: string; partnerName: string };

/**
 * The directory services that answers (status changes) point to, by status change, by name.
 * `activeOnly` leaves out archived services and those of archived partners, as public pages do.
 */
async function answerServiceCards(statusChangeIds: string[], { activeOnly }: { activeOnly: boolean }) {
  if (statusChangeIds.length === 0) return new Map<string, ServiceCard[]>();
  const active = activeOnly ? [listedService] : [];
  const rows = await db
    .select({ statusChangeId: topicAnswerServices.statusChangeId, slug: services.slug, name: services.name, partnerName: partners.name })
    .from(topicAnswerServices)
    .innerJoin(services, eq(services.id, topicAnswerServices.serviceId))
    .innerJoin(partners, eq(partners.id, services.partnerId))
    .where(and(inArray(topicAnswerServices.statusChangeId, statusChangeIds), ...active))
    .orderBy(asc(services.name));
  return groupBy(
    rows,
    (row) => row.statusChangeId,
    ({ slug, name, partnerName }) => ({ slug, name, partnerName }),
  );
}

/** The history as everyone reads it on the topic's page: oldest first, with the active services each answer points to. */
export async function publicStatusHistory(topicId: number) {
  const changes = await db
    .select({
      id: topicStatusChanges.id,
      fromStatus: topicStatusChanges.fromStatus,
      toStatus: topicStatusChanges.toStatus,
      answer: topicStatusChanges.answer,
      plainSummary: topicStatusChanges.plainSummary,
      createdAt: topicStatusChanges.createdAt,
      by: users.displayName,
    })
    .from(topicStatusChanges)
    .leftJoin(users, eq(users.id, topicStatusChanges.actorId))
    .where(eq(topicStatusChanges.topicId, topicId))
    .orderBy(asc(topicStatusChanges.createdAt), asc(topicStatusChanges.id));
  const cards = await answerServiceCards(
    changes.map((change) => change.id),
    { activeOnly: true },
  );
  return changes.map((change) => ({ ...change, services: cards.get(change.id) ?? [] }));
}

/** The history as a coordinator works with it: newest first, every service, groups named where they may read them. */
export async function getStatusHistory(user: SessionUser, topicId: number) {
  const rows = await db
    .select({
      id: topicStatusChanges.id,
      fromStatus: topicStatusChanges.fromStatus,
      toStatus: topicStatusChanges.toStatus,
      answer: topicStatusChanges.answer,
      plainSummary: topicStatusChanges.plainSummary,
      createdAt: topicStatusChanges.createdAt,
      actorName: users.displayName,
      groupName: sql<string | null>`case when ${groupReadableBy(user)} then ${workingGroups.name} end`,
      groupSlug: sql<string | null>`case when ${groupReadableBy(user)} then ${workingGroups.slug} end`,
      routed: sql<boolean>`${topicStatusChanges.groupId} is not null`,
      taskId: topicStatusChanges.taskId,
    })
    .from(topicStatusChanges)
    .leftJoin(users, eq(users.id, topicStatusChanges.actorId))
    .leftJoin(workingGroups, eq(workingGroups.id, topicStatusChanges.groupId))
    .where(eq(topicStatusChanges.topicId, topicId))
    .orderBy(desc(topicStatusChanges.createdAt), desc(topicStatusChanges.id));
  const cards = await answerServiceCards(
    rows.map((row) => row.id),
    { activeOnly: false },
  );
  return rows.map((row) => ({ ...row, services: cards.get(row.id) ?? [] }));
}
