import fs from "node:fs/promises";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import type { Database, Executor } from "#db/client";
import { locations, openingHours, partnerAliases, partners, serviceLocations, serviceNextSteps, services, serviceTerms, taxonomyTerms, type PartnerKind, type TaxonomyKind } from "#db/schema";
import { taxonomySeed } from "../standard-taxonomy";
import { enqueueSearchSync } from "#search/sync";
import { freeSlug } from "../slugs.server";
import { withCoordinates } from "../coordinates.server";
import { replacePartnerTranslations, replaceServiceTranslations } from "../translations.server";
import { getFixedT } from "#app/utils/i18n.server";
import { readCsv } from "./csv-import.server";
import { HSDS_EXTENSION } from "./hsds-extension.server";
import { readHsds } from "./hsds-import.server";
import { importTranslator, listOf, msg, quoted, type ImportMessage, type Translate } from "./import-messages";

type MappingDecision = MappingLine["decision"];
import { findLikelyDuplicates, type LikelyDuplicate } from "./duplicates.server";
import { foreignTermKey, kindOfKey, readMappingFile, sourceOfFile, type MappingLine } from "./foreign-terms";
import { applyMappings, decideMapping, ensureMappings, linkForeignTerms, loadMappings, mappingKey, type Decision, type Mappings, type UnknownTerm } from "./foreign-terms.server";
import {
  formatIssue,
  type ForeignTermInput,
  type ImportContext,
  type ImportIssue,
  type ImportRecord,
  type LocationInput,
  type ParsedFile,
  type PartnerInput,
  type RecordResult,
} from "./import-schema.server";

/** HSDS has no kind of organisation; most partners of an integration network are registered associations. */
export const DEFAULT_PARTNER_KIND: PartnerKind = "verein";
export const PROGRESS_EVERY = 50;

/**
 * searchSync: false queues no search updates, for a caller that rebuilds the indexes afterwards (the
 * demo seed); the default queues one per changed document for the site's worker.
 */
export type ImportOptions = {
  skipInvalid: boolean;
  dryRun: boolean;
  searchSync?: boolean;
  /** Whose vocabulary the file's foreign terms are (term_mappings.source); by default the file's name (sourceOfFile). */
  source?: string;
  /** Adopt every unsettled foreign term as a new local term before writing. */
  adoptTerms?: boolean;
  /** A mapping file (taxonomy,term,local_term) that settles terms before writing. */
  mapFile?: string;
};
/** The report's language, and how to skip invalid records where it is read (an option on the command line, a box in the browser). */
export type ImportReport = { translate: Translate; skipHint: "cli" | "upload" };
export type ImportLog = { info: (line: string) => void; error: (line: string) => void };
type Counts = { created: number; updated: number };
export type ImportSummary = { services: Counts; partners: Counts; locations: Counts; invalid: number; failed: number; queued: number; drafts?: number; unknownTerms?: number };

/** The import could not be done as asked; its message says why, in one line. */
export class ImportFailed extends Error {}

/** The taxonomy records are checked against: the database's, or the standard list when the database has none yet. */
export async function loadImportContext(db: Executor): Promise<{ context: ImportContext; seedNeeded: boolean }> {
  const terms = await db.select({ kind: taxonomyTerms.kind, slug: taxonomyTerms.slug, labels: taxonomyTerms.labels }).from(taxonomyTerms).orderBy(taxonomyTerms.position);
  return terms.length > 0 ? { context: { terms }, seedNeeded: false } : { context: { terms: taxonomySeed }, seedNeeded: true };
}

/** Reads a file as HSDS JSON or as the CSV template, by its extension or else by its first character. */
export function readImportFile(fileName: string, text: string, context: ImportContext): ParsedFile {
  const extension = path.extname(fileName).toLowerCase();
  const json = extension === ".json" || (extension !== ".csv" && /^\uFEFF?\s*[[{]/.test(text));
  return json ? readHsds(text, context) : readCsv(text, context);
}

// Per transaction: which sync jobs are queued already, what was created or updated, and which
// partners and places were written as which input.
type WriteState = {
  queued: Set<string>;
  written: Map<string, { input: string; id: string }>;
  created: Record<"partners" | "locations" | "services", Set<string>>;
  updated: Record<"partners" | "locations" | "services", Set<string>>;
  termIds: Map<string, string>;
  searchSync: boolean;
  source: string;
};

const newState = (termIds: Map<string, string>, searchSync: boolean, source = "import"): WriteState => ({
  queued: new Set(),
  written: new Map(),
  created: { partners: new Set(), locations: new Set(), services: new Set() },
  updated: { partners: new Set(), locations: new Set(), services: new Set() },
  termIds,
  searchSync,
  source,
});

async function enqueue(tx: Executor, state: WriteState, index: "services" | "partners", id: string) {
  if (!state.searchSync || state.queued.has(`${index}:${id}`)) return;
  state.queued.add(`${index}:${id}`);
  await enqueueSearchSync(tx, index, id);
}

/** Runs `enqueue` for every service whose document shows a field that the update changes. */
async function resyncServicesIf(tx: Executor, state: WriteState, changed: boolean, serviceIds: () => Promise<{ id: string }[]>) {
  if (!changed) return;
  for (const service of await serviceIds()) await enqueue(tx, state, "services", service.id);
}

/** Writes a partner or place once per transaction while later records repeat it unchanged, as every service of a partner carries the partner. */
async function once(state: WriteState, key: string, input: object, write: () => Promise<string>): Promise<string> {
  const text = JSON.stringify(input);
  const known = state.written.get(key);
  if (known?.input === text) return known.id;
  const id = await write();
  state.written.set(key, { input: text, id });
  return id;
}

const differs = <T extends object>(before: T, after: Partial<T>) => (Object.keys(after) as (keyof T)[]).some((key) => after[key] !== undefined && after[key] !== before[key]);

async function upsertPartner(tx: Executor, state: WriteState, input: PartnerInput): Promise<string> {
  const { externalId, kind, slug: wantedSlug, translations, ...values } = input;
  const [existing] = await tx.select({ id: partners.id, name: partners.name, shortName: partners.shortName }).from(partners).where(eq(partners.externalId, externalId));
  if (existing) {
    await tx
      .update(partners)
      .set({ ...values, kind, updatedAt: new Date() })
      .where(eq(partners.id, existing.id));
    state.updated.partners.add(existing.id);
    if (translations) await replacePartnerTranslations(tx, existing.id, translations);
    // Every service document carries its partner's name.
    await resyncServicesIf(tx, state, differs(existing, { name: values.name, shortName: values.shortName }), () =>
      tx.select({ id: services.id }).from(services).where(eq(services.partnerId, existing.id)),
    );
    return existing.id;
  }
  // A partner merged into another (docs/decisions/061): its record updates the survivor, filling only what the survivor lacks.
  const [merged] = await tx.select({ survivor: partners }).from(partnerAliases).innerJoin(partners, eq(partners.id, partnerAliases.partnerId)).where(eq(partnerAliases.externalId, externalId));
  if (merged) {
    const { survivor } = merged;
    const missing = Object.fromEntries(Object.entries(values).filter(([key, value]) => value && !survivor[key as keyof typeof values]));
    if (Object.keys(missing).length > 0)
      await tx
        .update(partners)
        .set({ ...missing, updatedAt: new Date() })
        .where(eq(partners.id, survivor.id));
    state.updated.partners.add(survivor.id);
    return survivor.id;
  }
  // The slug the source asks for when it is free (freeSlug keeps a free one as it is), else numbered.
  const slug = await freeSlug(tx, "partners", wantedSlug ?? input.name);
  const [row] = await tx
    .insert(partners)
    .values({ ...values, externalId, slug, kind: kind ?? DEFAULT_PARTNER_KIND })
    .returning({ id: partners.id });
  state.created.partners.add(row!.id);
  if (translations) await replacePartnerTranslations(tx, row!.id, translations);
  return row!.id;
}

async function upsertLocation(tx: Executor, state: WriteState, partnerId: string, input: LocationInput): Promise<string> {
  const { externalId, hours, ...values } = input;
  const searched = { town: locations.town, latitude: locations.latitude, longitude: locations.longitude, wheelchairAccessible: locations.wheelchairAccessible };
  const [existing] = await tx
    .select({ id: locations.id, ...searched })
    .from(locations)
    .where(eq(locations.externalId, externalId));
  // An address without coordinates gets those of its postal code or town from the shipped place
  // tables; coordinates someone already set are kept.
  const placed = existing?.latitude != null && existing.longitude != null ? values : withCoordinates(values);
  let id: string;
  let fresh = false;
  if (existing) {
    id = existing.id;
    await tx
      .update(locations)
      .set({ ...placed, partnerId, updatedAt: new Date() })
      .where(eq(locations.id, id));
    state.updated.locations.add(id);
    // Other services at this place show its town, coordinates and access.
    const { town, latitude, longitude, wheelchairAccessible } = placed;
    await resyncServicesIf(tx, state, differs(existing, { town, latitude, longitude, wheelchairAccessible }), () =>
      tx.select({ id: serviceLocations.serviceId }).from(serviceLocations).where(eq(serviceLocations.locationId, id)),
    );
  } else {
    const [row] = await tx
      .insert(locations)
      .values({ ...placed, externalId, partnerId })
      .returning({ id: locations.id });
    id = row!.id;
    fresh = true;
    state.created.locations.add(id);
  }
  if (hours !== undefined) {
    // A new row has nothing to replace: one statement less per place, which counts for large files.
    if (!fresh) await tx.delete(openingHours).where(eq(openingHours.locationId, id));
    if (hours.length > 0) await tx.insert(openingHours).values(hours.map((slot) => ({ locationId: id, ...slot })));
  }
  return id;
}

async function replaceTerms(tx: Executor, state: WriteState, serviceId: string, kind: TaxonomyKind, slugs: string[], fresh: boolean) {
  const ofKind = [...state.termIds.entries()].filter(([key]) => key.startsWith(`${kind}:`)).map(([, id]) => id);
  if (ofKind.length > 0 && !fresh) await tx.delete(serviceTerms).where(and(eq(serviceTerms.serviceId, serviceId), inArray(serviceTerms.termId, ofKind)));
  const ids = slugs.map((slug) => state.termIds.get(`${kind}:${slug}`)).filter((id): id is string => Boolean(id));
  if (ids.length > 0) await tx.insert(serviceTerms).values(ids.map((termId) => ({ serviceId, termId })));
}

/** Writes one record: its partner, places and service, and queues the search documents that change. Returns the service's id. */
async function writeRecord(tx: Executor, state: WriteState, record: ImportRecord): Promise<string> {
  const partnerId = await once(state, `partner:${record.partner.externalId}`, record.partner, () => upsertPartner(tx, state, record.partner));
  const locationIds: string[] = [];
  for (const location of record.locations ?? []) {
    locationIds.push(await once(state, `location:${partnerId}:${location.externalId}`, location, () => upsertLocation(tx, state, partnerId, location)));
  }

  const { externalId, slug: wantedSlug, categories, targetGroups, nextSteps: _linkedLater, foreignTerms, translations, ...values } = record.service;
  const [existing] = await tx.select({ id: services.id, partnerId: services.partnerId }).from(services).where(eq(services.externalId, externalId));
  let serviceId: string;
  if (existing) {
    serviceId = existing.id;
    await tx
      .update(services)
      .set({ ...values, partnerId, updatedAt: new Date() })
      .where(eq(services.id, serviceId));
    state.updated.services.add(serviceId);
    if (existing.partnerId !== partnerId) await enqueue(tx, state, "partners", existing.partnerId);
  } else {
    const slug = await freeSlug(tx, "services", wantedSlug ?? values.name);
    const [row] = await tx
      .insert(services)
      .values({ ...values, externalId, slug, partnerId })
      .returning({ id: services.id });
    serviceId = row!.id;
    state.created.services.add(serviceId);
  }
  const fresh = !existing;
  // A record that states translations states all of them; one that does not leaves them as they are.
  if (translations) await replaceServiceTranslations(tx, serviceId, translations);
  if (categories) await replaceTerms(tx, state, serviceId, "category", categories, fresh);
  if (targetGroups) await replaceTerms(tx, state, serviceId, "target_group", targetGroups, fresh);
  if (foreignTerms) {
    const mappingIds = foreignTerms.length > 0 ? [...(await ensureMappings(tx, state.source, foreignTerms)).values()] : [];
    await linkForeignTerms(tx, serviceId, mappingIds, fresh);
  }
  if (record.locations) {
    if (!fresh) await tx.delete(serviceLocations).where(eq(serviceLocations.serviceId, serviceId));
    const unique = [...new Set(locationIds)];
    if (unique.length > 0) await tx.insert(serviceLocations).values(unique.map((locationId) => ({ serviceId, locationId })));
  }
  await enqueue(tx, state, "services", serviceId);
  await enqueue(tx, state, "partners", partnerId);
  return serviceId;
}

/** A written service whose record states its support chain, linked once every record is written. */
type Chain = { result: RecordResult; serviceId: string; nextSteps: string[] };

/**
 * Replaces the next steps of the chained services. A next step is named by its external id: a
 * service of this file or of an earlier import; one that is neither is reported and left out.
 */
async function linkNextSteps(tx: Executor, chains: Chain[], onWarning?: (result: RecordResult, issue: ImportIssue) => void): Promise<void> {
  if (chains.length === 0) return;
  const wanted = [...new Set(chains.flatMap((chain) => chain.nextSteps))];
  const found = wanted.length > 0 ? await tx.select({ id: services.id, externalId: services.externalId }).from(services).where(inArray(services.externalId, wanted)) : [];
  const ids = new Map(found.map((row) => [row.externalId!, row.id]));
  await tx.delete(serviceNextSteps).where(inArray(serviceNextSteps.serviceId, [...new Set(chains.map((chain) => chain.serviceId))]));
  const links: { serviceId: string; nextServiceId: string }[] = [];
  for (const chain of chains) {
    for (const externalId of chain.nextSteps) {
      const nextServiceId = ids.get(externalId);
      if (!nextServiceId) onWarning?.(chain.result, { path: `${HSDS_EXTENSION}.next_steps`, message: msg("nextStepMissing", { id: quoted(externalId) }) });
      else if (nextServiceId !== chain.serviceId) links.push({ serviceId: chain.serviceId, nextServiceId });
    }
  }
  if (links.length > 0) await tx.insert(serviceNextSteps).values(links).onConflictDoNothing();
}

async function seedTaxonomy(tx: Executor): Promise<void> {
  await tx
    .insert(taxonomyTerms)
    .values(taxonomySeed.map((term, position) => ({ ...term, position })))
    .onConflictDoNothing();
}

async function loadTermIds(tx: Executor): Promise<Map<string, string>> {
  const terms = await tx.select({ id: taxonomyTerms.id, kind: taxonomyTerms.kind, slug: taxonomyTerms.slug }).from(taxonomyTerms);
  return new Map(terms.map((term) => [`${term.kind}:${term.slug}`, term.id]));
}

type WriteOptions = {
  perRecord: boolean;
  /** Whose vocabulary the records' foreign terms are. */
  source?: string;
  seedTaxonomy: boolean;
  searchSync?: boolean;
  onProgress?: (done: number, total: number) => void;
  onFailure?: (result: RecordResult, message: string) => void;
  onWarning?: (result: RecordResult, issue: ImportIssue) => void;
};

/**
 * Writes checked records, matched by their external ids so that a second run updates what the first
 * created. In one transaction, or (perRecord) one per record, where a record that fails is reported
 * and the rest go on; the support chain is linked after the records, as it may point forward.
 * Search sync jobs are queued in the same transactions.
 */
export async function writeRecords(db: Database, results: RecordResult[], options: WriteOptions): Promise<ImportSummary> {
  const searchSync = options.searchSync ?? true;
  const totals = newState(new Map(), searchSync, options.source);
  const chains: Chain[] = [];
  let failed = 0;
  const merge = (state: WriteState) => {
    for (const kind of ["partners", "locations", "services"] as const) {
      for (const id of state.created[kind]) totals.created[kind].add(id);
      for (const id of state.updated[kind]) totals.updated[kind].add(id);
    }
    for (const key of state.queued) totals.queued.add(key);
  };
  const progress = (done: number) => {
    if (done % PROGRESS_EVERY === 0 || done === results.length) options.onProgress?.(done, results.length);
  };
  const write = async (tx: Executor, state: WriteState, result: RecordResult): Promise<Chain | null> => {
    try {
      const serviceId = await writeRecord(tx, state, result.record!);
      const nextSteps = result.record!.service.nextSteps;
      return nextSteps ? { result, serviceId, nextSteps } : null;
    } catch (error) {
      options.onFailure?.(result, (error as Error).message);
      throw error;
    }
  };
  const chained = (chain: Chain | null) => {
    if (chain) chains.push(chain);
  };

  if (!options.perRecord) {
    await db.transaction(async (tx) => {
      if (options.seedTaxonomy) await seedTaxonomy(tx);
      const state = newState(await loadTermIds(tx), searchSync, options.source);
      for (const [index, result] of results.entries()) {
        chained(await write(tx, state, result));
        progress(index + 1);
      }
      await linkNextSteps(tx, chains, options.onWarning);
      merge(state);
    });
  } else {
    if (options.seedTaxonomy) await db.transaction((tx) => seedTaxonomy(tx));
    const termIds = await loadTermIds(db);
    for (const [index, result] of results.entries()) {
      const state = newState(termIds, searchSync, options.source);
      try {
        chained(await db.transaction((tx) => write(tx, state, result)));
        merge(state);
      } catch {
        failed++;
      }
      progress(index + 1);
    }
    if (chains.length > 0) await db.transaction((tx) => linkNextSteps(tx, chains, options.onWarning));
  }
  const count = (kind: "partners" | "locations" | "services"): Counts => ({
    created: totals.created[kind].size,
    updated: [...totals.updated[kind]].filter((id) => !totals.created[kind].has(id)).length,
  });
  return { services: count("services"), partners: count("partners"), locations: count("locations"), invalid: 0, failed, queued: totals.queued.size };
}

/** The command line's report: English, naming the --skip-invalid option. */
export const commandLineReport = (): ImportReport => ({ translate: importTranslator(getFixedT("en")), skipHint: "cli" });

/** One line: what was created, updated and skipped. */
export function formatSummary(translate: Translate, summary: ImportSummary): string {
  const counts = (["services", "partners", "locations"] as const).map((kind) =>
    translate(msg("summary.counts", { kind: msg(`summary.${kind}`), created: summary[kind].created, updated: summary[kind].updated })),
  );
  const skipped = translate(msg("summary.skipped", { invalid: summary.invalid })) + (summary.failed ? translate(msg("summary.failed", { failed: summary.failed })) : "");
  return [...counts, skipped].join("; ");
}

/**
 * Imports a file of directory data: checks every record first and reports each problem in one line,
 * then writes. With errors nothing is written unless skipInvalid; dryRun only checks. Throws
 * ImportFailed when the command should end with an error. The report is English unless `report`
 * names another language.
 */
export async function runImport(db: Database, file: string, options: ImportOptions, log: ImportLog, report: ImportReport = commandLineReport()): Promise<ImportSummary> {
  const { translate } = report;
  const name = path.basename(file);
  const failed = (...args: Parameters<typeof msg>) => new ImportFailed(translate(msg(...args)));
  const text = await fs.readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw error.code === "ENOENT" ? failed("noSuchFile", { file }) : failed("readFailed", { file, detail: error.message });
  });
  if (text.includes("\uFFFD")) throw failed("notUtf8", { file: name });
  const { context, seedNeeded } = await loadImportContext(db);
  const parsed = readImportFile(file, text, context);
  for (const warning of parsed.fileWarnings) log.error(translate(msg("fileWarning", { file: name, message: warning })));
  for (const error of parsed.fileErrors) log.error(translate(msg("fileError", { file: name, message: error })));
  if (parsed.fileErrors.length) throw failed("unreadable", { file: name, format: msg(parsed.format === "hsds" ? "format.asHsds" : "format.asCsv") });

  const valid = parsed.records.filter((result) => result.record);
  const invalid = parsed.records.length - valid.length;
  const records = (count: number) => msg("records", { count });
  const format = msg(parsed.format === "hsds" ? "format.hsds" : "format.csv");
  log.info(translate(msg("overview", { file: name, records: records(parsed.records.length), format, valid: valid.length, invalid })));
  for (const result of parsed.records) {
    for (const issue of result.errors) log.error(formatIssue(translate, result, issue));
    for (const issue of result.warnings) log.error(formatIssue(translate, result, issue, "warning"));
  }

  // Foreign terms: what stored decisions and a mapping file settle, and what stays unknown.
  const source = options.source?.trim() || sourceOfFile(name);
  let mappings = await loadMappings(db, source);
  const planned = options.mapFile ? await readMappingPlan(options.mapFile, valid, mappings, context, translate, log) : [];
  const unknown = applyMappings(structuredClone(valid), withPlanned(mappings, planned));
  reportUnknownTerms(unknown, source, options, report, log);
  for (const duplicate of await findLikelyDuplicates(db, valid)) log.error(translate(duplicateMessage(duplicate)));

  const empty: ImportSummary = { services: { created: 0, updated: 0 }, partners: { created: 0, updated: 0 }, locations: { created: 0, updated: 0 }, invalid, failed: 0, queued: 0 };
  if (invalid > 0 && !options.skipInvalid) {
    const hint = options.dryRun || valid.length === 0 ? "" : translate(msg("skipHint", { option: msg(`skipOption.${report.skipHint}`), valid: msg("validRecords", { count: valid.length }) }));
    throw failed(options.dryRun ? "invalidDryRun" : "invalidNothingImported", { count: invalid, total: parsed.records.length, hint });
  }
  if (options.dryRun) {
    log.info(translate(invalid ? msg("dryRunSkipped", { count: valid.length, skipped: invalid }) : msg("dryRun", { count: valid.length })));
    return empty;
  }
  if (valid.length === 0) throw failed("allInvalid", { count: invalid });
  if (seedNeeded) log.info(translate(msg("taxonomySeed", { terms: msg("terms", { count: taxonomySeed.length }) })));

  // Decisions of the mapping file and of --adopt-terms are stored first, so that the records are written with them.
  if (planned.length > 0 || (options.adoptTerms && unknown.length > 0)) {
    await db.transaction(async (tx) => {
      if (seedNeeded) await seedTaxonomy(tx);
      const termIds = await loadTermIds(tx);
      const toSettle = [...planned.map((plan) => ({ term: plan.term, decision: plan.decision }))];
      if (options.adoptTerms) {
        const settled = new Set(planned.map((plan) => mappingKey(plan.term.taxonomy, foreignTermKey(plan.term))));
        for (const term of unknown) if (!settled.has(mappingKey(term.taxonomy, term.key))) toSettle.push({ term, decision: { adopt: true } });
      }
      const ids = await ensureMappings(
        tx,
        source,
        toSettle.map((entry) => entry.term),
      );
      for (const { term, decision } of toSettle) {
        const resolved: Decision = "map" in decision ? { map: termIds.get(`${term.kind}:${decision.map}`)! } : decision;
        await decideMapping(tx, ids.get(mappingKey(term.taxonomy, foreignTermKey(term)))!, resolved, null);
      }
    });
    if (options.adoptTerms && unknown.length > 0) log.info(translate(msg("vocabularyImport.report.adopted", { count: unknown.length })));
    if (planned.length > 0) log.info(translate(msg("vocabularyImport.report.mapped", { count: planned.length })));
    mappings = await loadMappings(db, source);
  }
  const unsettled = applyMappings(valid, mappings);
  const drafts = valid.filter((result) => result.record!.service.status === "draft").length;

  const summary = await writeRecords(db, valid, {
    perRecord: options.skipInvalid,
    source,
    seedTaxonomy: seedNeeded,
    searchSync: options.searchSync,
    onProgress: (done, total) => log.info(translate(msg("progress", { done, total }))),
    onFailure: (result, message) => log.error(formatIssue(translate, result, { path: "", message: msg("notWritten", { detail: message }) })),
    onWarning: (result, issue) => log.error(formatIssue(translate, result, issue, "warning")),
  }).catch((error: unknown) => {
    throw failed("writeFailed", { detail: (error as Error).message });
  });
  summary.invalid = invalid;
  summary.drafts = drafts;
  summary.unknownTerms = unsettled.length;
  log.info(formatSummary(translate, summary));
  if (drafts > 0) log.info(translate(msg("vocabularyImport.report.drafts", { count: drafts })));
  if (options.searchSync !== false) log.info(translate(msg("searchQueued", { updates: msg("indexUpdates", { count: summary.queued }) })));
  if (summary.failed > 0) throw failed("someFailed", { count: summary.failed });
  return summary;
}

/** The unknown terms of a file, one line each with the number of its records that carry them, and what happens to those records. */
function reportUnknownTerms(unknown: UnknownTerm[], source: string, options: ImportOptions, report: ImportReport, log: ImportLog) {
  if (unknown.length === 0) return;
  const { translate } = report;
  log.info(translate(msg("vocabularyImport.report.unknownTerms", { count: unknown.length, source })));
  for (const term of unknown) {
    const kind = msg(`vocabularyImport.kind.${term.kind}`);
    const values = { kind, name: quoted(term.name), taxonomy: quoted(term.taxonomy), count: term.services };
    log.info(translate(term.code ? msg("vocabularyImport.report.termWithCode", { ...values, code: term.code }) : msg("vocabularyImport.report.term", values)));
  }
  const next = options.adoptTerms ? "adopt" : report.skipHint === "cli" ? "draftCli" : "draftUpload";
  log.info(translate(msg(`vocabularyImport.report.next.${next}`)));
}

function duplicateMessage(duplicate: LikelyDuplicate) {
  return msg("vocabularyImport.report.duplicate", {
    record: duplicate.record,
    name: quoted(duplicate.name),
    partner: quoted(duplicate.partner.name),
    path: `/verzeichnis/partner/${duplicate.partner.slug}`,
    reasons: duplicate.reasons
      .map((reason) => msg(`vocabularyImport.reason.${reason}`))
      .reduce<ImportMessage | string>((list, reason) => (list === "" ? reason : msg("vocabularyImport.reason.and", { list, reason })), ""),
  });
}

type PlannedDecision = { term: ForeignTermInput; decision: MappingDecision; line: number };

/**
 * Checks a mapping file against the file's foreign terms and the stored ones of its source: every line
 * must name a known foreign term and, to map it, a local term of the same kind. Each mistake is
 * reported with its line, and the import then stops before anything is written.
 */
async function readMappingPlan(file: string, valid: RecordResult[], mappings: Mappings, context: ImportContext, translate: Translate, log: ImportLog): Promise<PlannedDecision[]> {
  const name = path.basename(file);
  const text = await fs.readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new ImportFailed(translate(msg(error.code === "ENOENT" ? "noSuchFile" : "readFailed", { file, detail: error.message })));
  });
  const { lines, errors } = readMappingFile(text);
  const known = new Map<string, ForeignTermInput>();
  for (const mapping of mappings.values()) known.set(mappingKey(mapping.taxonomy, mapping.key), { kind: kindOfKey(mapping.key), taxonomy: mapping.taxonomy, code: mapping.code, name: mapping.name });
  for (const result of valid) for (const term of result.record!.service.foreignTerms ?? []) known.set(mappingKey(term.taxonomy, foreignTermKey(term)), term);
  const planned: PlannedDecision[] = [];
  for (const line of lines) {
    const wanted = line.term.toLowerCase();
    const matches = [...known.values()].filter((term) => term.taxonomy.toLowerCase() === line.taxonomy.toLowerCase() && (term.code?.toLowerCase() === wanted || term.name.toLowerCase() === wanted));
    if (matches.length === 0) {
      errors.push({ line: line.line, message: msg("vocabularyImport.mapFile.unknownTerm", { term: quoted(line.term), taxonomy: quoted(line.taxonomy) }) });
      continue;
    }
    for (const term of matches) {
      if ("map" in line.decision && !context.terms.some((local) => local.kind === term.kind && local.slug === (line.decision as { map: string }).map)) {
        const slugs = context.terms.filter((local) => local.kind === term.kind).map((local) => local.slug);
        errors.push({
          line: line.line,
          message: msg("vocabularyImport.mapFile.unknownLocal", { value: quoted(line.decision.map), kind: msg(`vocabularyImport.kind.${term.kind}`), known: listOf(slugs) }),
        });
        continue;
      }
      planned.push({ term, decision: line.decision, line: line.line });
    }
  }
  if (errors.length > 0) {
    errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    for (const error of errors)
      log.error(
        translate(
          error.line
            ? msg("vocabularyImport.mapFile.lineError", { file: name, line: error.line, message: error.message })
            : msg("vocabularyImport.mapFile.fileError", { file: name, message: error.message }),
        ),
      );
    throw new ImportFailed(translate(msg("vocabularyImport.mapFile.refused", { file: name, count: errors.length })));
  }
  return planned;
}

/** Stored mappings as the mapping file would leave them, for the report before anything is written. */
function withPlanned(mappings: Mappings, planned: PlannedDecision[]): Mappings {
  if (planned.length === 0) return mappings;
  const result: Mappings = new Map(mappings);
  for (const { term, decision } of planned) {
    const key = mappingKey(term.taxonomy, foreignTermKey(term));
    const slug = "map" in decision ? decision.map : "adopt" in decision ? "(adopted)" : null;
    const kind = "map" in decision ? "map" : "adopt" in decision ? "adopt" : "ignore";
    result.set(key, { id: result.get(key)?.id ?? "", taxonomy: term.taxonomy, key: foreignTermKey(term), code: term.code, name: term.name, decision: kind, slug });
  }
  return result;
}
