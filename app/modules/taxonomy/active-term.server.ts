import { isNull } from "drizzle-orm";
import { taxonomyTerms } from "#db/schema";

/**
 * The one rule for which terms are offered (service form choices, directory facets, profile topics,
 * import matching): a retired term is offered nowhere, while services that carry it keep it until
 * they are edited.
 */
export const activeTerm = isNull(taxonomyTerms.retiredAt);
