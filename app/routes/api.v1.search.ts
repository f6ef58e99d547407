import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getOptionalUser } from "#app/modules/auth/session.server";
import { apiError, invalidParameter } from "#app/modules/directory/api-errors.server";
import { QUERY_MAX, SEARCH_TYPES } from "#app/modules/search/search-types";
import { searchEverything, snippetHtml } from "#app/modules/search/search.server";
import { resourceRoute } from "#app/utils/database-busy.server";
import { requireReadAllowance } from "#app/utils/read-limits.server";

const ApiQuerySchema = z.object({
  q: z.string().trim().max(QUERY_MAX, `at most ${QUERY_MAX} characters`).default(""),
  type: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(",").map((entry) => entry.trim()) : []))
    .pipe(z.array(z.enum(SEARCH_TYPES, { error: `one or more of ${SEARCH_TYPES.join(", ")}, comma-separated` }))),
  limit: z.coerce.number({ error: "a whole number from 1 to 100" }).int().min(1).max(100).default(20),
});

/** JSON search for integrators: the same results and permission filter as the pages. */
export const loader = resourceRoute(async ({ request, context }: LoaderFunctionArgs) => {
  const user = await getOptionalUser(request);
  await requireReadAllowance(request, context, "api", user);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = ApiQuerySchema.safeParse(params);
  if (!parsed.success) return invalidParameter(parsed.error);
  const { q, type, limit } = parsed.data;
  const outcome = await searchEverything(q, user, { types: type, limit });
  if (outcome.status === "unavailable") return apiError(503, "search is temporarily unavailable");
  return json({
    query: q,
    total: Object.values(outcome.totals).reduce((sum, count) => sum + count, 0),
    hits: outcome.hits.map((hit) => ({ type: hit.type, id: hit.id, title: hit.title, url: new URL(hit.url, request.url).pathname, snippet: snippetHtml(hit.snippet), subtitle: hit.subtitle })),
    facets: { type: outcome.totals },
  });
});
