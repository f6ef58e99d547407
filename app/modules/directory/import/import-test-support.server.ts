import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { db } from "#db/client";
import { locations, openingHours, partners, serviceLocations, serviceNextSteps, services, serviceTerms, taxonomyTerms } from "#db/schema";
import type { ImportLog } from "./import.server";

/** A log that keeps what the import said, for assertions. */
export function collectLog(): ImportLog & { infos: string[]; errors: string[] } {
  const infos: string[] = [];
  const errors: string[] = [];
  return { infos, errors, info: (line) => infos.push(line), error: (line) => errors.push(line) };
}

/** How many rows each directory table and the job queue hold: a run that writes nothing leaves them equal. */
export async function rowCounts() {
  const [jobs] = await db.execute<{ count: number }>(sql`select count(*)::int as count from graphile_worker.jobs`);
  return {
    partners: await db.$count(partners),
    services: await db.$count(services),
    locations: await db.$count(locations),
    openingHours: await db.$count(openingHours),
    serviceTerms: await db.$count(serviceTerms),
    serviceLocations: await db.$count(serviceLocations),
    serviceNextSteps: await db.$count(serviceNextSteps),
    taxonomyTerms: await db.$count(taxonomyTerms),
    jobs: jobs?.count ?? 0,
  };
}

/** The keys of queued search sync jobs (`services:<id>`). */
export async function queuedSyncKeys(): Promise<string[]> {
  const rows = await db.execute<{ key: string }>(sql`select key from graphile_worker.jobs where task_identifier = 'search_sync'`);
  return rows.map((row) => row.key);
}

/** Writes a file into a fresh temporary folder and returns its path. */
export async function writeTempFile(name: string, content: string): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), "kw-import-"));
  const file = path.join(folder, name);
  await fs.writeFile(file, content);
  return file;
}
