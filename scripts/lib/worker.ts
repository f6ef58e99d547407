import { Logger } from "@graphile/logger";
import { run, type Runner } from "graphile-worker";
import pg from "pg";
import { db } from "#db/client";
import { createSearchSyncTask, retrySyncJobsIfSearchIsBack, SEARCH_SYNC_TASK } from "#search/sync";
import { createSynonymSettingsTask, SYNONYM_SETTINGS_TASK } from "#search/synonym-sync";
import { createDataExportTask, DATA_EXPORT_TASK } from "#app/modules/privacy/data-export.server";
import { enforceRetention, RETENTION_TASK } from "#app/modules/privacy/retention.server";
import { sendVerificationReminders, VERIFICATION_REMINDER_TASK } from "#app/modules/directory/reminders/reminders.server";
import { createTopicEventNotifyTask, TOPIC_EVENT_TASK } from "#app/modules/notifications/notify.server";
import { BACKUP_TASK, backupCrontab, backupTask } from "./backup-job";
import { log } from "#app/utils/log.server";

const logger = new Logger((scope) => (level, message) => {
  const task = (scope as { taskIdentifier?: string }).taskIdentifier;
  if (level === "error" || level === "warning") log.warn({ component: "jobs", task }, message);
});

const CATCH_UP_INTERVAL_MS = 5_000;

/** Runs the background jobs of this process (the search sync, later mails and reminders). */
export async function startWorker(databaseUrl: string): Promise<Runner & { pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  // A connection that the server ends (restart, Ctrl-C reaching PostgreSQL first) must not end the process.
  pool.on("error", (error) => log.warn({ component: "jobs", error: error.message }, "database connection lost"));
  const runner = await run({
    pgPool: pool,
    concurrency: 2,
    // We shut down in order ourselves: requests first, then the worker, then the pool.
    noHandleSignals: true,
    pollInterval: 2000,
    logger,
    taskList: {
      [SEARCH_SYNC_TASK]: createSearchSyncTask(db),
      // Coordinators' synonym groups reach every index's settings right after their commit.
      [SYNONYM_SETTINGS_TASK]: createSynonymSettingsTask(db),
      [TOPIC_EVENT_TASK]: createTopicEventNotifyTask(db),
      [DATA_EXPORT_TASK]: createDataExportTask(db),
      // Every retention period of the privacy notice: sessions, links, throttling rows, unconfirmed
      // accounts, invitations, notifications, data exports, outbox mails.
      [RETENTION_TASK]: async () => {
        await enforceRetention(db);
      },
      // Partner editors whose entries were not checked for 12 months get a reminder (at most every 30 days).
      [VERIFICATION_REMINDER_TASK]: async () => {
        await sendVerificationReminders(db);
      },
      // With BACKUP_DAILY=true: a backup into DATA_DIR/backups (scripts/lib/backup-job.ts).
      [BACKUP_TASK]: backupTask,
    },
    // Daily at 03:17 and 07:41 UTC, the backup at 02:23 (the job queue runs each cron job once, across all app processes).
    crontab: [`17 3 * * * ${RETENTION_TASK}`, `41 7 * * * ${VERIFICATION_REMINDER_TASK}`, backupCrontab()].filter(Boolean).join("\n"),
  });
  // When Meilisearch is back after an outage, the sync jobs it failed need not wait out their backoff.
  const catchUp = setInterval(() => {
    retrySyncJobsIfSearchIsBack(db).catch((error: Error) => log.warn({ component: "jobs", error: error.message }, "search catch-up failed"));
  }, CATCH_UP_INTERVAL_MS);
  catchUp.unref();
  void runner.promise.finally(() => clearInterval(catchUp));
  return Object.assign(runner, { pool });
}
