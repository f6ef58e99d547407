import { z } from "zod";

// Open Referral HSDS 3.0, written by us from the specification (the compiled `service` and
// `service_list` schemas and the `Page` of its API reference) to check what we export and the
// fixtures we import. Checked: field names, which fields are required, JSON types, uuid ids, date
// (YYYY-MM-DD), date-time, time-of-day, e-mail and uri formats, and the enums. An optional field may
// be missing but never `null`: HSDS types admit no null. Unknown fields pass, as the specification
// allows extensions. The CSV form's extra requirements (`tabular_required`) do not apply to JSON.
// NOTE: objects we neither export nor import (program, funding, service_area, required_document,
// metadata, organization_identifier) are not modelled; fields holding them pass unchecked.

const id = z.uuid();
const text = z.string();
const date = z.iso.date();
// RFC 3339: an offset may stand in for "Z".
const dateTime = z.iso.datetime({ offset: true });
// HH:MM or HH:MM:SS
const timeOfDay = z.iso.time();
const email = z.email();
const uri = z.url();
const listOf = <T extends z.ZodType>(item: T) => z.array(item).optional();

const locationTypes = ["physical", "postal", "virtual"] as const;
const weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

export const HsdsTaxonomySchema = z.object({
  id,
  name: text,
  description: text,
  uri: uri.optional(),
  version: text.optional(),
});

export const HsdsTaxonomyTermSchema = z.object({
  id,
  code: text.optional(),
  name: text,
  description: text,
  parent_id: id.optional(),
  taxonomy: text.optional(),
  taxonomy_detail: HsdsTaxonomySchema.optional(),
  language: text.optional(),
  taxonomy_id: id.optional(),
  term_uri: uri.optional(),
});

export const HsdsAttributeSchema = z.object({
  id,
  link_id: id.optional(),
  taxonomy_term_id: id.optional(),
  link_type: text.optional(),
  link_entity: text.optional(),
  value: text.optional(),
  taxonomy_term: HsdsTaxonomyTermSchema.optional(),
});
const attributes = listOf(HsdsAttributeSchema);

export const HsdsLanguageSchema = z.object({
  id,
  service_id: id.optional(),
  location_id: id.optional(),
  phone_id: id.optional(),
  name: text.optional(),
  code: text.optional(),
  note: text.optional(),
  attributes,
});

export const HsdsPhoneSchema = z.object({
  id,
  location_id: id.optional(),
  service_id: id.optional(),
  organization_id: id.optional(),
  contact_id: id.optional(),
  service_at_location_id: id.optional(),
  number: text,
  extension: z.number().optional(),
  type: text.optional(),
  description: text.optional(),
  languages: listOf(HsdsLanguageSchema),
  attributes,
});

export const HsdsContactSchema = z.object({
  id,
  organization_id: id.optional(),
  service_id: id.optional(),
  service_at_location_id: id.optional(),
  location_id: id.optional(),
  name: text.optional(),
  title: text.optional(),
  department: text.optional(),
  email: email.optional(),
  phones: listOf(HsdsPhoneSchema),
  attributes,
});

export const HsdsAddressSchema = z.object({
  id,
  location_id: id.optional(),
  attention: text.optional(),
  address_1: text,
  address_2: text.optional(),
  city: text,
  region: text.optional(),
  state_province: text,
  postal_code: text,
  country: text,
  address_type: z.enum(locationTypes),
  attributes,
});

export const HsdsAccessibilitySchema = z.object({
  id,
  location_id: id.optional(),
  description: text.optional(),
  details: text.optional(),
  url: uri.optional(),
  attributes,
});

export const HsdsScheduleSchema = z.object({
  id,
  service_id: id.optional(),
  location_id: id.optional(),
  service_at_location_id: id.optional(),
  valid_from: date.optional(),
  valid_to: date.optional(),
  dtstart: date.optional(),
  timezone: z.number().optional(),
  until: date.optional(),
  count: z.number().optional(),
  wkst: z.enum(weekdays).optional(),
  freq: z.enum(["WEEKLY", "MONTHLY"]).optional(),
  interval: z.number().optional(),
  byday: text.optional(),
  byweekno: text.optional(),
  bymonthday: text.optional(),
  byyearday: text.optional(),
  description: text.optional(),
  opens_at: timeOfDay.optional(),
  closes_at: timeOfDay.optional(),
  schedule_link: uri.optional(),
  attending_type: text.optional(),
  notes: text.optional(),
  attributes,
});

export const HsdsLocationSchema = z.object({
  id,
  location_type: z.enum(locationTypes),
  url: uri.optional(),
  organization_id: id.optional(),
  name: text.optional(),
  alternate_name: text.optional(),
  description: text.optional(),
  transportation: text.optional(),
  latitude: z.number().optional(),
  longitude: z.number().optional(),
  external_identifier: text.optional(),
  external_identifier_type: text.optional(),
  languages: listOf(HsdsLanguageSchema),
  addresses: listOf(HsdsAddressSchema),
  contacts: listOf(HsdsContactSchema),
  accessibility: listOf(HsdsAccessibilitySchema),
  phones: listOf(HsdsPhoneSchema),
  schedules: listOf(HsdsScheduleSchema),
  attributes,
});

export const HsdsServiceAtLocationSchema = z.object({
  id,
  service_id: id.optional(),
  location_id: id.optional(),
  description: text.optional(),
  contacts: listOf(HsdsContactSchema),
  phones: listOf(HsdsPhoneSchema),
  schedules: listOf(HsdsScheduleSchema),
  location: HsdsLocationSchema.optional(),
  attributes,
});

export const HsdsCostOptionSchema = z.object({
  id,
  service_id: id.optional(),
  valid_from: date.optional(),
  valid_to: date.optional(),
  option: text.optional(),
  currency: text.optional(),
  amount: z.number().optional(),
  amount_description: text.optional(),
  attributes,
});

/** An organization's one-to-one fields: what a service in the paged list embeds. */
export const HsdsOrganizationSummarySchema = z.object({
  id,
  name: text,
  alternate_name: text.optional(),
  description: text,
  email: email.optional(),
  website: uri.optional(),
  tax_status: text.optional(),
  tax_id: text.optional(),
  year_incorporated: z.number().optional(),
  legal_status: text.optional(),
  logo: text.optional(),
  uri: uri.optional(),
  parent_organization_id: id.optional(),
});

/** An organization with its nested records, as a fully nested service embeds it. */
export const HsdsOrganizationSchema = HsdsOrganizationSummarySchema.extend({
  contacts: listOf(HsdsContactSchema),
  phones: listOf(HsdsPhoneSchema),
  locations: listOf(HsdsLocationSchema),
  attributes,
});

/** A service's one-to-one fields and its organization: one entry of the paged list of services. */
export const HsdsServiceSummarySchema = z.object({
  id,
  organization_id: id.optional(),
  program_id: id.optional(),
  name: text,
  alternate_name: text.optional(),
  description: text.optional(),
  url: uri.optional(),
  email: email.optional(),
  status: z.enum(["active", "inactive", "defunct", "temporarily closed"]),
  interpretation_services: text.optional(),
  application_process: text.optional(),
  fees_description: text.optional(),
  wait_time: text.optional(),
  fees: text.optional(),
  accreditations: text.optional(),
  eligibility_description: text.optional(),
  minimum_age: z.number().optional(),
  maximum_age: z.number().optional(),
  assured_date: date.optional(),
  assurer_email: email.optional(),
  licenses: text.optional(),
  alert: text.optional(),
  last_modified: dateTime.optional(),
  organization: HsdsOrganizationSummarySchema.optional(),
});

/** A fully nested service (GET /services/{id}). */
export const HsdsServiceSchema = HsdsServiceSummarySchema.extend({
  organization: HsdsOrganizationSchema.optional(),
  phones: listOf(HsdsPhoneSchema),
  schedules: listOf(HsdsScheduleSchema),
  service_at_locations: listOf(HsdsServiceAtLocationSchema),
  languages: listOf(HsdsLanguageSchema),
  cost_options: listOf(HsdsCostOptionSchema),
  contacts: listOf(HsdsContactSchema),
  attributes,
});

/** The page envelope of the API's paged lists; the reference requires only `empty`. */
export const HsdsPageSchema = z.object({
  total_items: z.int().optional(),
  total_pages: z.int().optional(),
  page_number: z.int().optional(),
  size: z.int().optional(),
  first_page: z.boolean().optional(),
  last_page: z.boolean().optional(),
  empty: z.boolean(),
});

/** One page of GET /services. */
export const HsdsServicePageSchema = HsdsPageSchema.extend({
  contents: listOf(HsdsServiceSummarySchema),
});
