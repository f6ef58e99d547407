import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { invalidParameter } from "#app/modules/directory/api-errors.server";
import { HSDS_PER_PAGE_DEFAULT, HSDS_PER_PAGE_MAX, listHsdsServices } from "#app/modules/directory/hsds-export.server";
import { resourceRoute } from "#app/utils/database-busy.server";
import { requireReadAllowance } from "#app/utils/read-limits.server";

// Far beyond any directory we serve; keeps the row offset a safe integer.
const PAGE_MAX = 100_000;

const wholeNumber = (max: number) => {
  const message = `a whole number from 1 to ${max}`;
  return z.coerce.number({ error: message }).int(message).min(1, message).max(max, message);
};

// The parameters of the HSDS API reference for GET /services that we serve; others are ignored.
const HsdsPageQuerySchema = z.object({
  page: wholeNumber(PAGE_MAX).default(1),
  per_page: wholeNumber(HSDS_PER_PAGE_MAX).default(HSDS_PER_PAGE_DEFAULT),
});

/** Open Referral HSDS 3.0: the paged list of active services. */
export const loader = resourceRoute(async ({ request, context }: LoaderFunctionArgs) => {
  await requireReadAllowance(request, context, "api");
  const parsed = HsdsPageQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return invalidParameter(parsed.error);
  return json(await listHsdsServices(parsed.data.page, parsed.data.per_page));
});
