import { and, desc, eq, gt, sql } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { z } from "zod";
import { db, type Database, type Executor } from "#db/client";
import { dataExports, users } from "#db/schema";
import type { Refusal } from "#app/utils/http";
import { isSupportedLanguage } from "#app/utils/i18n.server";
import { DEFAULT_LANGUAGE } from "#app/utils/i18n";
import { log } from "#app/utils/log.server";
import { consumeRateLimit } from "#app/utils/rate-limit.server";
import { gatherPersonalData } from "./export-data.server";
import { buildExportZip } from "./export-file.server";
import { hoursAfter, RETENTION } from "./retention-periods";

export const DATA_EXPORT_TASK = "privacy_data_export";

// A few exports a day: each reads everything about the person, so a button held down must not become a load test.
const EXPORT_LIMIT = { capacity: 3, refillPerSecond: 1 / 3600 };
// A pending export older than this is taken for lost (the worker was down): a new request may replace it.
const STALE_PENDING_MS = 60 * 60 * 1000;

export type ExportRefusalReason = "pending" | "throttled";
export type ExportRequestResult = { ok: true; id: string } | Refusal<ExportRefusalReason>;

const PayloadSchema = z.object({ exportId: z.uuid(), lang: z.string() });

/**
 * Asks for a data export: one row (pending) and a job that makes the file, in one transaction. One
 * export at a time per person; a new request replaces the older, ready or failed one.
 */
export async function requestDataExport(userId: string, lang: string, executor: Executor = db): Promise<ExportRequestResult> {
  return executor.transaction(async (tx) => {
    // The person's row serialises their requests: two clicks at once make one export.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    const [pending] = await tx
      .select({ id: dataExports.id })
      .from(dataExports)
      .where(and(eq(dataExports.userId, userId), eq(dataExports.status, "pending"), gt(dataExports.createdAt, new Date(Date.now() - STALE_PENDING_MS))));
    if (pending) return { ok: false, error: "pending" } as const;
    const limit = await consumeRateLimit(tx, `data-export:${userId}`, EXPORT_LIMIT);
    if (!limit.allowed) return { ok: false, error: "throttled", retryAfterSeconds: limit.retryAfterSeconds } as const;
    await tx.delete(dataExports).where(eq(dataExports.userId, userId));
    const now = new Date();
    // Until it is ready, expiresAt bounds a lost request: the retention job removes it a day later.
    const [created] = await tx
      .insert(dataExports)
      .values({ userId, status: "pending", createdAt: now, expiresAt: hoursAfter(now, RETENTION.dataExportHours) })
      .returning({ id: dataExports.id });
    const payload = JSON.stringify({ exportId: created!.id, lang: isSupportedLanguage(lang) ? lang : DEFAULT_LANGUAGE });
    await tx.execute(sql`select graphile_worker.add_job(${DATA_EXPORT_TASK}, ${payload}::json, job_key => ${`data_export:${created!.id}`}, max_attempts => 3)`);
    return { ok: true, id: created!.id } as const;
  });
}

/** The person's current export (pending, ready or failed) for /konto/daten, or null. */
export async function getDataExport(userId: string, executor: Executor = db) {
  const [row] = await executor
    .select({ id: dataExports.id, status: dataExports.status, createdAt: dataExports.createdAt, readyAt: dataExports.readyAt, expiresAt: dataExports.expiresAt })
    .from(dataExports)
    .where(and(eq(dataExports.userId, userId), gt(dataExports.expiresAt, new Date())))
    .orderBy(desc(dataExports.createdAt))
    .limit(1);
  return row ?? null;
}

/** The file of a ready export, only for its owner and only until it expires; null otherwise (the route answers 404). */
export async function getDataExportFile(userId: string, exportId: string, executor: Executor = db): Promise<{ fileName: string; content: Buffer } | null> {
  const [row] = await executor
    .select({ fileName: dataExports.fileName, content: dataExports.content })
    .from(dataExports)
    .where(and(eq(dataExports.id, exportId), eq(dataExports.userId, userId), eq(dataExports.status, "ready"), gt(dataExports.expiresAt, new Date())));
  if (!row?.content) return null;
  return { fileName: row.fileName ?? "kurze-wege-daten.zip", content: row.content };
}

/** Makes the file of a pending export: everything about the person, as a zip; the download is open for 24 hours from now. */
export async function runDataExport(database: Database, exportId: string, lang: string): Promise<"ready" | "failed" | "skipped"> {
  const [row] = await database.select({ userId: dataExports.userId, status: dataExports.status }).from(dataExports).where(eq(dataExports.id, exportId));
  if (row?.status !== "pending") return "skipped";
  try {
    const now = new Date();
    const data = await database.transaction(async (tx) => gatherPersonalData(tx, row.userId, now), { isolationLevel: "repeatable read", accessMode: "read only" });
    if (!data) throw new Error("the account is gone");
    const content = Buffer.from(buildExportZip(data, lang));
    const fileName = `kurze-wege-daten-${now.toISOString().slice(0, 10)}.zip`;
    await database
      .update(dataExports)
      .set({ status: "ready", content, fileName, readyAt: now, expiresAt: hoursAfter(now, RETENTION.dataExportHours) })
      .where(and(eq(dataExports.id, exportId), eq(dataExports.status, "pending")));
    return "ready";
  } catch (error) {
    log.warn({ component: "privacy", exportId, error: (error as Error).message }, "data export failed");
    await database
      .update(dataExports)
      .set({ status: "failed" })
      .where(and(eq(dataExports.id, exportId), eq(dataExports.status, "pending")));
    return "failed";
  }
}

/** The graphile-worker task that makes an export; a failure is recorded on the row (the person may ask again) rather than retried. */
export function createDataExportTask(database: Database): Task {
  return async (payload) => {
    const { exportId, lang } = PayloadSchema.parse(payload);
    await runDataExport(database, exportId, lang);
  };
}
