import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq, inArray, isNull, notInArray, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "#db/client";
import { locations, openingExceptions, partners, services } from "#db/schema";
import { runImport } from "#app/modules/directory/import/import.server";

/**
 * The demo directory of the fictional "Landkreis Auental": Open Referral HSDS 3.0 with our extension
 * (docs/decisions/001-demo-directory-as-hsds.md). Every person, organisation, address, phone number
 * (area code 06999 does not exist) and web address (.example) in it is invented.
 */
export const DEMO_DIRECTORY_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "data", "directory.hsds.json");

// What the steps after the import need to know: which rows are the demo's.
const DemoIdsSchema = z.array(z.object({ id: z.string(), organization: z.object({ id: z.string(), kurze_wege: z.object({ slug: z.string() }) }) }));

/**
 * Loads the demo directory through the importer (`npm run import` does the same), then dates its
 * verifications and adds one closed day. Loading it again updates the same rows and adds nothing.
 * The search indexes are rebuilt after seeding, so no search updates are queued.
 */
export async function seedDirectory(db: Database, progress: (step: string) => void = () => {}): Promise<void> {
  const demo = DemoIdsSchema.parse(JSON.parse(await fs.readFile(DEMO_DIRECTORY_FILE, "utf8")));
  const partnerIds = [...new Set(demo.map((service) => service.organization.id))];
  const serviceIds = demo.map((service) => service.id);

  // A copy loaded before the demo was a file has no source ids: importing would duplicate it.
  const slugs = [...new Set(demo.map((service) => service.organization.kurze_wege.slug))];
  const older = await db.$count(partners, and(inArray(partners.slug, slugs), or(isNull(partners.externalId), notInArray(partners.externalId, partnerIds))));
  if (older > 0) {
    progress(`directory: left as it is (${older} demo partners exist already, not loaded from the demo file)`);
    return;
  }

  await runImport(db, DEMO_DIRECTORY_FILE, { skipInvalid: false, dryRun: false, searchSync: false }, { info: progress, error: progress });

  progress("directory: verification dates and a closed day");
  // Verified some time in the last 400 days, so that some entries say they were not checked for a year.
  const verifiedAt = sql`now() - random() * interval '400 days'`;
  await db
    .update(partners)
    .set({ lastVerifiedAt: verifiedAt })
    .where(and(inArray(partners.externalId, partnerIds), isNull(partners.lastVerifiedAt)));
  await db
    .update(services)
    .set({ lastVerifiedAt: verifiedAt })
    .where(and(inArray(services.externalId, serviceIds), isNull(services.lastVerifiedAt)));

  // One closed day ahead, so that the pages show how exceptions look.
  const [vhs] = await db
    .select({ id: locations.id })
    .from(locations)
    .innerJoin(partners, eq(partners.id, locations.partnerId))
    .where(and(inArray(partners.externalId, partnerIds), eq(partners.slug, "vhs-auental"), eq(locations.town, "Auenstadt")));
  if (vhs && (await db.$count(openingExceptions, eq(openingExceptions.locationId, vhs.id))) === 0) {
    await db.insert(openingExceptions).values({ locationId: vhs.id, day: sql`current_date + 10`, note: "Fortbildungstag des Teams" });
  }
}
