// Plain lists without drizzle, so that forms in the browser can use them too.
export const partnerKinds = ["behoerde", "bildungstraeger", "beratungsstelle", "verein", "initiative", "unternehmen", "kirche", "schule", "kita", "gesundheit"] as const;
export type PartnerKind = (typeof partnerKinds)[number];
export const entryStatuses = ["active", "archived"] as const;
export const costKinds = ["free", "fee"] as const;
export const accessModes = ["walk_in", "appointment", "online", "phone"] as const;
export type AccessMode = (typeof accessModes)[number];
export const taxonomyKinds = ["category", "target_group"] as const;
export type TaxonomyKind = (typeof taxonomyKinds)[number];
export const partnerRoles = ["editor"] as const;
export const suggestionStatuses = ["open", "done", "declined"] as const;
