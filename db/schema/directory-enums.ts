// Plain lists without drizzle, so that forms in the browser can use them too.
export const partnerKinds = ["behoerde", "bildungstraeger", "beratungsstelle", "verein", "initiative", "unternehmen", "kirche", "schule", "kita", "gesundheit"] as const;
export type PartnerKind = (typeof partnerKinds)[number];
