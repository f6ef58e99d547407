import { userRoles, userStatuses, type UserRole, type UserStatus } from "#db/schema/user-enums";
import { pageFrom } from "#app/components/pagination";

export const PEOPLE_PER_PAGE = 50;
export const RECENT_SIGN_IN_DAYS = 30;
export const QUERY_MAX = 100;

/** Last sign-in: never, within RECENT_SIGN_IN_DAYS, or longer ago. */
export const lastSignInFilters = ["never", "recent", "older"] as const;
export type LastSignInFilter = (typeof lastSignInFilters)[number];

export type PeopleFilters = { q: string; role: UserRole | null; status: UserStatus | null; organisation: string | null; signIn: LastSignInFilter | null; page: number };

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null => (value !== null && (values as readonly string[]).includes(value) ? (value as T) : null);

// The query string's names, German like every URL of the site; the values are the code's own.
const PARAMS = { q: "q", role: "rolle", status: "status", organisation: "organisation", signIn: "anmeldung", page: "seite" } as const;

/** The filters of the people list from its query string; an unknown value is no filter. */
export function peopleFiltersFrom(params: URLSearchParams): PeopleFilters {
  const organisation = params.get(PARAMS.organisation)?.trim() ?? "";
  return {
    q: (params.get(PARAMS.q) ?? "").trim().slice(0, QUERY_MAX),
    role: oneOf(userRoles, params.get(PARAMS.role)),
    status: oneOf(userStatuses, params.get(PARAMS.status)),
    organisation: /^[a-z0-9-]{1,120}$/.test(organisation) ? organisation : null,
    signIn: oneOf(lastSignInFilters, params.get(PARAMS.signIn)),
    page: pageFrom(params.get(PARAMS.page)),
  };
}

/** The address of a page of the list with these filters (empty ones left out). */
export function peopleListHref(filters: PeopleFilters, page: number): string {
  const params = new URLSearchParams();
  const values: [string, string | null][] = [
    [PARAMS.q, filters.q || null],
    [PARAMS.role, filters.role],
    [PARAMS.status, filters.status],
    [PARAMS.organisation, filters.organisation],
    [PARAMS.signIn, filters.signIn],
    [PARAMS.page, page > 1 ? String(page) : null],
  ];
  for (const [name, value] of values) if (value) params.set(name, value);
  const query = params.toString();
  return query ? `/verwaltung/personen?${query}` : "/verwaltung/personen";
}

export const PEOPLE_PARAMS = PARAMS;
