// Plain lists without drizzle, so that forms in the browser can use them too.
export const partnerKinds = ["behoerde", "bildungstraeger", "beratungsstelle", "verein", "initiative", "unternehmen", "kirche", "schule", "kita", "gesundheit"] as const;
export type PartnerKind = (typeof partnerKinds)[number];
// "draft": imported with terms not yet settled; only coordinators see it, search never does.
export const entryStatuses = ["active", "archived", "draft"] as const;
export type EntryStatus = (typeof entryStatuses)[number];
// "unknown" ("keine Angabe"): the source did not say. Never "free" by default.
export const costKinds = ["free", "fee", "unknown"] as const;
export type CostKind = (typeof costKinds)[number];
export const accessModes = ["walk_in", "appointment", "online", "phone"] as const;
export type AccessMode = (typeof accessModes)[number];
export const taxonomyKinds = ["category", "target_group"] as const;
export type TaxonomyKind = (typeof taxonomyKinds)[number];
export const partnerRoles = ["editor"] as const;
export const suggestionStatuses = ["open", "done", "declined"] as const;
/** What a coordinator decided about a term from another system's taxonomy: none yet (null), or one of these. */
export const termMappingDecisions = ["map", "adopt", "ignore"] as const;
export type TermMappingDecision = (typeof termMappingDecisions)[number];
