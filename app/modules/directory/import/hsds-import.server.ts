import { z } from "zod";
import { partnerKinds, type PartnerKind, type TaxonomyKind } from "#db/schema";
import {
  cleanText,
  findTerm,
  IdSchema,
  importErrorMap,
  issueMessage,
  issuesFrom,
  normalizeLanguageCode,
  optional,
  unknownTermMessage,
  type ImportContext,
  type ImportIssue,
  type ForeignTermInput,
  type ImportRecord,
  type LocationInput,
  type ParsedFile,
  type RecordResult,
} from "./import-schema.server";
import { asIssueMessage, listOf, msg, quoted, type ImportMessage } from "./import-messages";
import { parseIcalByDay, parseTime, sortSlots, type OpeningSlot } from "./opening-hours";
import { foreignTermKey } from "./foreign-terms";
import { HSDS_EXTENSION, LocationExtensionSchema, OrganizationExtensionSchema, ServiceExtensionSchema } from "./hsds-extension.server";
import { contentLanguages } from "../translations.server";

// Open Referral HSDS 3.0: one service with its organization, service_at_locations → location →
// addresses and schedules, languages and attributes → taxonomy_term. Only what the directory keeps is
// checked; everything else in the record is left alone. Our own fields (slug, keywords, access modes,
// support chain, wheelchair flag) come in the `kurze_wege` extension objects (hsds-extension.server.ts).

type Ignored = { ignored: ImportMessage };
const isIgnored = (value: object): value is Ignored => "ignored" in value;

const optionalText = optional(z.string());
const NameSchema = z.string().trim().min(1).max(160);

const TimeSchema = z.string().transform((value, ctx) => {
  const time = parseTime(value);
  if (time) return time;
  ctx.issues.push({ code: "custom", message: issueMessage("notTime", { value }), input: value });
  return z.NEVER;
});

const ScheduleSchema = z
  .object({ freq: optionalText, byday: optionalText, opens_at: optional(TimeSchema), closes_at: optional(TimeSchema) })
  .transform((schedule, ctx): { slots: OpeningSlot[] } | Ignored => {
    if (schedule.freq && schedule.freq.toUpperCase() !== "WEEKLY") return { ignored: msg("freqIgnored", { freq: schedule.freq }) };
    if (!schedule.byday || !schedule.opens_at || !schedule.closes_at) return { ignored: msg("scheduleIncomplete") };
    const days = parseIcalByDay(schedule.byday);
    if (!Array.isArray(days)) {
      if (days.key === "dayOfMonth") return { ignored: msg("bydayIgnored", { problem: days }) };
      ctx.issues.push({ code: "custom", path: ["byday"], message: asIssueMessage(days), input: schedule.byday });
      return z.NEVER;
    }
    const { opens_at: opens, closes_at: closes } = schedule;
    if (closes <= opens) {
      ctx.issues.push({ code: "custom", path: ["closes_at"], message: issueMessage("closesBeforeOpens", { opens, closes }), input: closes });
      return z.NEVER;
    }
    return { slots: days.map((weekday) => ({ weekday, opens, closes })) };
  });

const LanguageSchema = z.object({ name: optionalText, code: optionalText }).transform((language, ctx): { code: string; warning?: ImportMessage } | Ignored => {
  if (!language.code) return { ignored: language.name ? msg("noLanguageCodeFor", { name: language.name }) : msg("noLanguageCode") };
  const result = normalizeLanguageCode(language.code);
  if ("error" in result) {
    ctx.issues.push({ code: "custom", path: ["code"], message: asIssueMessage(result.error), input: language.code });
    return z.NEVER;
  }
  return result;
});

const AddressSchema = z.object({
  address_1: NameSchema,
  address_2: optionalText,
  city: NameSchema,
  postal_code: z.string().trim().min(1).max(20),
  address_type: optionalText,
});

const LocationSchema = z.object({
  id: IdSchema,
  location_type: optional(z.enum(["physical", "postal", "virtual"])),
  name: optionalText,
  latitude: optional(z.number()),
  longitude: optional(z.number()),
  addresses: z.array(AddressSchema).nullish(),
  accessibility: z.array(z.object({ description: optionalText, details: optionalText })).nullish(),
  schedules: z.array(ScheduleSchema).nullish(),
  [HSDS_EXTENSION]: LocationExtensionSchema,
});
type HsdsLocation = z.infer<typeof LocationSchema>;

const TermSchema = z.object({
  code: optionalText,
  name: optionalText,
  taxonomy: optionalText,
  taxonomy_detail: z.object({ name: optionalText, uri: optionalText }).nullish(),
});

// Which of our vocabularies a taxonomy name means ("category", "Themenfeld", "kurze-wege:target_group" …).
const OUR_TAXONOMIES: Record<string, TaxonomyKind | "partner_kind"> = {
  category: "category",
  categories: "category",
  themenfeld: "category",
  themenfelder: "category",
  target_group: "target_group",
  target_groups: "target_group",
  zielgruppe: "target_group",
  zielgruppen: "target_group",
  partner_kind: "partner_kind",
  partner_kinds: "partner_kind",
  partnerart: "partner_kind",
  partnerarten: "partner_kind",
};

function ourTaxonomy(term: z.infer<typeof TermSchema>) {
  const name = (term.taxonomy ?? term.taxonomy_detail?.name ?? "")
    .toLowerCase()
    .replace(/^kurze[-_ ]?wege[-_:/ ]/, "")
    .replace(/[-\s]/g, "_");
  return OUR_TAXONOMIES[name];
}

// What a file links a term as, for a taxonomy that is not ours: HSDS leaves `link_type` free.
const LINK_TYPES: Record<string, TaxonomyKind> = {
  category: "category",
  categories: "category",
  service_category: "category",
  topic: "category",
  audience: "target_group",
  target_group: "target_group",
  target_groups: "target_group",
  population: "target_group",
  eligibility: "target_group",
};

/** Our own export's taxonomies ("kurze-wege-themenfelder"): a code unknown there is an error, not a foreign term. */
const OWN_TAXONOMY = /^kurze[-_ ]?wege/i;

type LocalTerm = { kind: TaxonomyKind; slug: string };
type Foreign = { foreign: ForeignTermInput };
const isForeign = (value: object): value is Foreign => "foreign" in value;

function createAttributeSchema(context: ImportContext) {
  return z.object({ link_type: optionalText, taxonomy_term: TermSchema.nullish() }).transform((attribute, ctx): LocalTerm | Foreign | Ignored => {
    const term = attribute.taxonomy_term;
    if (!term) return { ignored: msg("noTaxonomyTerm") };
    const values = [term.code, term.name].filter((value): value is string => Boolean(value));
    const ours = ourTaxonomy(term);
    const kind = ours === "category" || ours === "target_group" ? ours : LINK_TYPES[(attribute.link_type ?? "").toLowerCase().replace(/[-\s]/g, "_")];
    const taxonomy = term.taxonomy ?? term.taxonomy_detail?.name ?? term.taxonomy_detail?.uri ?? "";
    if (kind) {
      const match = values.map((value) => findTerm(context, value, kind)[0]).find(Boolean);
      if (match) return { kind, slug: match.slug };
      if (OWN_TAXONOMY.test(taxonomy) || values.length === 0) {
        ctx.issues.push({ code: "custom", path: ["taxonomy_term", term.code ? "code" : "name"], message: asIssueMessage(unknownTermMessage(context, kind, values[0] ?? "")), input: term });
        return z.NEVER;
      }
      // Another system's term: kept and settled by a coordinator (map, adopt or ignore), never a reason to refuse the record.
      return { foreign: { kind, taxonomy: taxonomy || "-", code: term.code ?? null, name: term.name ?? term.code! } };
    }
    // A term of another taxonomy counts when it names exactly one of ours.
    for (const value of values) {
      const matches = findTerm(context, value);
      if (matches.length === 1) return { kind: matches[0]!.kind, slug: matches[0]!.slug };
    }
    const name = term.name ?? term.code ?? "?";
    return { ignored: term.taxonomy ? msg("foreignTermOf", { name, taxonomy: term.taxonomy }) : msg("foreignTerm", { name }) };
  });
}

const PartnerKindAttributeSchema = z.object({ taxonomy_term: TermSchema.nullish() }).transform((attribute, ctx): PartnerKind | null => {
  const term = attribute.taxonomy_term;
  if (!term || ourTaxonomy(term) !== "partner_kind") return null;
  const value = (term.code ?? term.name ?? "").toLowerCase();
  const kind = partnerKinds.find((candidate) => candidate === value);
  if (kind) return kind;
  ctx.issues.push({ code: "custom", path: ["taxonomy_term", "code"], message: issueMessage("notPartnerKind", { value, known: listOf(partnerKinds) }), input: value });
  return z.NEVER;
});

const OrganizationSchema = z.object({
  id: IdSchema,
  name: NameSchema,
  alternate_name: optionalText,
  description: optionalText,
  email: optional(z.email()),
  website: optional(z.url({ protocol: /^https?$/ })),
  phones: z.array(z.object({ number: optionalText })).nullish(),
  locations: z.array(LocationSchema).nullish(),
  attributes: z.array(PartnerKindAttributeSchema).nullish(),
  [HSDS_EXTENSION]: OrganizationExtensionSchema,
});

function createServiceSchema(context: ImportContext) {
  return z.object({
    id: IdSchema,
    name: NameSchema,
    alternate_name: optionalText,
    description: optionalText,
    status: optional(z.enum(["active", "inactive", "defunct", "temporarily closed"])),
    organization: OrganizationSchema,
    languages: z.array(LanguageSchema).nullish(),
    eligibility_description: optionalText,
    application_process: optionalText,
    fees_description: optionalText,
    cost_options: z.array(z.object({ amount: optional(z.number().min(0)), amount_description: optionalText })).nullish(),
    phones: z.array(z.object({ number: optionalText, organization_id: optionalText })).nullish(),
    contacts: z.array(z.object({ name: optionalText })).nullish(),
    schedules: z.array(ScheduleSchema).nullish(),
    service_at_locations: z.array(z.object({ location_id: optionalText, location: LocationSchema.nullish(), schedules: z.array(ScheduleSchema).nullish() })).nullish(),
    attributes: z.array(createAttributeSchema(context)).nullish(),
    [HSDS_EXTENSION]: ServiceExtensionSchema,
  });
}
type HsdsService = z.infer<ReturnType<typeof createServiceSchema>>;

/** The phone number as written, without the quotes some exports put around it. */
const cleanPhone = (value: string | null | undefined) => cleanText(value?.replace(/^["'\s]+|["'\s]+$/g, ""));

function toLocation(location: HsdsLocation, path: string, fallbackSchedules: { path: string; schedules: HsdsLocation["schedules"] }[], warnings: ImportIssue[]): LocationInput | null {
  if (location.location_type === "virtual") return null;
  const addresses = location.addresses ?? [];
  const address = addresses.find((candidate) => candidate.address_type === "physical") ?? addresses[0];
  if (!address) {
    warnings.push({ path: `${path}.addresses`, message: msg("noAddress") });
    return null;
  }
  const result: LocationInput = {
    externalId: location.id,
    name: location.name,
    street: [address.address_1, address.address_2].filter(Boolean).join(", "),
    postalCode: address.postal_code,
    town: address.city,
  };
  const { latitude, longitude } = location;
  if (latitude != null && longitude != null && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180) Object.assign(result, { latitude, longitude });
  else if (latitude != null || longitude != null) warnings.push({ path: `${path}.latitude`, message: msg("badCoordinates", { latitude: latitude ?? "?", longitude: longitude ?? "?" }) });
  if (location.accessibility?.length) {
    result.accessibilityNote = cleanText(location.accessibility.map((item) => [item.description, item.details].filter(Boolean).join(" ")).join(" "));
  }
  // Opening hours belong to the place; the service's own schedules stand in when the place has none.
  const source = [{ path, schedules: location.schedules }, ...fallbackSchedules].find((candidate) => candidate.schedules?.length);
  const slots: OpeningSlot[] = [];
  for (const [index, schedule] of (source?.schedules ?? []).entries()) {
    if (isIgnored(schedule)) warnings.push({ path: `${source!.path ? `${source!.path}.` : ""}schedules[${index}]`, message: schedule.ignored });
    else slots.push(...schedule.slots);
  }
  if (slots.length > 0) result.hours = sortSlots(slots);
  const wheelchair = location[HSDS_EXTENSION]?.wheelchair_accessible;
  if (wheelchair != null) result.wheelchairAccessible = wheelchair;
  return result;
}

/** The organization's phone; exports that attach it to the service mark it with the organization's id. */
function partnerPhone(service: HsdsService): string | null | undefined {
  const phones = service.organization.phones ?? service.phones?.filter((phone) => phone.organization_id === service.organization.id);
  if (phones === undefined) return undefined;
  return cleanPhone(phones?.find((phone) => phone.number)?.number);
}

// A key the record leaves out is not stated (undefined: kept on update); one given as null or "" clears.
const orEmpty = <T>(value: T | null | undefined, empty: T) => (value === undefined ? undefined : (value ?? empty));

/**
 * Translations of the extension in the languages the directory has, with our field names; one in
 * another language is reported and left out. Undefined when the record does not state them.
 */
function knownTranslations<T, R>(translations: Record<string, T> | null | undefined, path: string, convert: (texts: T) => R, warnings: ImportIssue[]): Record<string, R> | undefined {
  if (translations === undefined) return undefined;
  const known = contentLanguages().map((language) => language.code);
  const result: Record<string, R> = {};
  for (const [lang, texts] of Object.entries(translations ?? {})) {
    if (known.includes(lang)) result[lang] = convert(texts);
    else warnings.push({ path: `${path}.${lang}`, message: msg("directoryLanguages.import.unknownLanguage", { lang: quoted(lang), known: listOf(known) }) });
  }
  return result;
}

function toRecord(service: HsdsService, warnings: ImportIssue[]): ImportRecord {
  const organization = service.organization;
  const record: ImportRecord = {
    partner: {
      externalId: organization.id,
      name: organization.name,
      shortName: organization.alternate_name,
      description: orEmpty(organization.description, ""),
      website: organization.website,
      email: organization.email,
      phone: partnerPhone(service),
    },
    service: {
      externalId: service.id,
      name: service.name,
      description: orEmpty(service.description, ""),
      status: service.status === "inactive" || service.status === "defunct" ? "archived" : "active",
      eligibility: service.eligibility_description,
      costNote: service.fees_description ?? service.cost_options?.find((option) => option.amount_description)?.amount_description,
      contactName: service.contacts === undefined ? undefined : (service.contacts?.find((contact) => contact.name)?.name ?? null),
    },
  };
  const kind = organization.attributes?.find((attribute): attribute is PartnerKind => attribute !== null);
  if (kind) record.partner.kind = kind;
  if (organization[HSDS_EXTENSION]?.slug) record.partner.slug = organization[HSDS_EXTENSION].slug;
  const partnerTranslations = knownTranslations(
    organization[HSDS_EXTENSION]?.translations,
    `organization.${HSDS_EXTENSION}.translations`,
    (texts) => ({ description: texts.description ?? null }),
    warnings,
  );
  if (partnerTranslations) record.partner.translations = partnerTranslations;

  const extension = service[HSDS_EXTENSION];
  // Our own export says how to access in the extension (application_process then may be the access
  // modes); another system's steps are its application_process.
  const howToAccess = extension?.how_to_access !== undefined ? extension.how_to_access : service.application_process;
  if (howToAccess !== undefined) record.service.howToAccess = howToAccess;
  const translations = knownTranslations(
    extension?.translations,
    `${HSDS_EXTENSION}.translations`,
    (texts) => ({ name: texts.name ?? null, description: texts.description ?? null, eligibility: texts.eligibility_description ?? null, howToAccess: texts.application_process ?? null }),
    warnings,
  );
  if (translations) record.service.translations = translations;
  if (extension?.slug) record.service.slug = extension.slug;
  // Our keywords are the whole list; a source without them may name the service otherwise.
  if (extension?.keywords !== undefined) record.service.keywords = extension.keywords ?? [];
  else if (service.alternate_name) record.service.keywords = [service.alternate_name];
  if (extension?.access_modes !== undefined) record.service.accessModes = extension.access_modes ?? [];
  if (extension?.next_steps !== undefined) record.service.nextSteps = (extension.next_steps ?? []).filter((id) => id !== service.id);
  // Free only when every cost option says 0; an option without an amount is a cost of unknown size.
  if (service.cost_options?.length) record.service.cost = service.cost_options.every((option) => option.amount === 0) ? "free" : "fee";

  if (service.languages) {
    const codes = new Set<string>();
    for (const [index, language] of service.languages.entries()) {
      if (isIgnored(language)) warnings.push({ path: `languages[${index}]`, message: language.ignored });
      else {
        codes.add(language.code);
        if (language.warning) warnings.push({ path: `languages[${index}].code`, message: language.warning });
      }
    }
    record.service.languages = [...codes];
  }

  const terms = { category: new Set<string>(), target_group: new Set<string>() };
  const foreign = new Map<string, ForeignTermInput>();
  for (const [index, attribute] of (service.attributes ?? []).entries()) {
    if (isIgnored(attribute)) warnings.push({ path: `attributes[${index}]`, message: attribute.ignored });
    else if (isForeign(attribute)) foreign.set(foreignTermKey(attribute.foreign), attribute.foreign);
    else terms[attribute.kind].add(attribute.slug);
  }
  // A record that states its terms states its foreign terms too, none included (a re-import drops old links).
  if (service.attributes !== undefined) record.service.foreignTerms = [...foreign.values()];
  if (terms.category.size > 0) record.service.categories = [...terms.category];
  if (terms.target_group.size > 0) record.service.targetGroups = [...terms.target_group];

  if (service.service_at_locations !== undefined) record.locations = [];
  const seen = new Set<string>();
  for (const [index, placement] of (service.service_at_locations ?? []).entries()) {
    const path = `service_at_locations[${index}]`;
    const orgIndex = organization.locations?.findIndex((candidate) => candidate.id === placement.location_id) ?? -1;
    const location = placement.location ?? organization.locations?.[orgIndex];
    if (!location) {
      warnings.push({ path, message: placement.location_id ? msg("locationMissing", { id: placement.location_id }) : msg("locationMissingNoId") });
      continue;
    }
    if (seen.has(location.id)) continue;
    seen.add(location.id);
    const fallbacks = [
      { path, schedules: placement.schedules },
      { path: "", schedules: service.schedules },
    ];
    const converted = toLocation(location, placement.location ? `${path}.location` : `organization.locations[${orgIndex}]`, fallbacks, warnings);
    if (converted) record.locations!.push(converted);
  }
  return record;
}

function labelOf(raw: unknown): ImportMessage {
  const value = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  if (typeof value.name === "string" && value.name.trim()) return msg("label.service", { name: value.name.trim() });
  if (typeof value.id === "string" && value.id.trim()) return msg("label.serviceId", { id: value.id.trim() });
  return msg("label.serviceWithoutNameOrId");
}

/** Reads an HSDS 3.0 file: one service, an array of services, or a page of the services list. */
export function readHsds(text: string, context: ImportContext): ParsedFile {
  const file: ParsedFile = { format: "hsds", records: [], fileErrors: [], fileWarnings: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    file.fileErrors.push(msg("notJson", { detail: (error as Error).message }));
    return file;
  }
  let items: unknown[];
  if (Array.isArray(json)) items = json;
  else if (json && typeof json === "object" && Array.isArray((json as { contents?: unknown }).contents)) {
    const page = json as { contents: unknown[]; page_number?: unknown; total_pages?: unknown; last_page?: unknown };
    items = page.contents;
    if (page.last_page === false || (typeof page.total_pages === "number" && page.total_pages > 1)) {
      file.fileWarnings.push(msg("pagedList", { page: String(page.page_number ?? "?"), pages: String(page.total_pages ?? "?"), count: items.length }));
    }
  } else if (json && typeof json === "object" && ("id" in json || "name" in json)) items = [json];
  else {
    file.fileErrors.push(msg("notServiceList"));
    return file;
  }

  const schema = createServiceSchema(context);
  const firstById = new Map<string, number>();
  for (const [position, raw] of items.entries()) {
    const result: RecordResult = { index: position + 1, label: labelOf(raw), errors: [], warnings: [] };
    file.records.push(result);
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
      result.errors.push({ path: "", message: msg("notServiceObject") });
      continue;
    }
    const parsed = schema.safeParse(raw, { error: importErrorMap });
    const id = (raw as { id?: unknown }).id;
    if (typeof id === "string" && id.trim()) {
      const first = firstById.get(id.trim());
      if (first !== undefined) result.errors.push({ path: "id", message: msg("sameIdAs", { record: first }) });
      else firstById.set(id.trim(), result.index);
    }
    if (!parsed.success) result.errors.unshift(...issuesFrom(parsed.error));
    else if (result.errors.length === 0) result.record = toRecord(parsed.data, result.warnings);
  }
  return file;
}
