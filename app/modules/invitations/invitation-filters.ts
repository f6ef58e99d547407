import { pageFrom } from "#app/components/pagination";
import { invitationStates, type InvitationState } from "./invitation-rules";

export type InvitationFilters = { state: InvitationState | null; page: number };

// The query string's names, German like every URL of the site; the values are the code's own.
export const INVITATION_PARAMS = { state: "stand", page: "seite" } as const;

const LIST_PATH = "/verwaltung/einladungen";

/** The list's filters from its query string; an unknown state is no filter. */
export function invitationFiltersFrom(params: URLSearchParams): InvitationFilters {
  const state = params.get(INVITATION_PARAMS.state);
  return {
    state: state !== null && (invitationStates as readonly string[]).includes(state) ? (state as InvitationState) : null,
    page: pageFrom(params.get(INVITATION_PARAMS.page)),
  };
}

/** The address of a page of the list with this filter. */
export function invitationListHref(filters: InvitationFilters, page: number): string {
  const params = new URLSearchParams();
  if (filters.state) params.set(INVITATION_PARAMS.state, filters.state);
  if (page > 1) params.set(INVITATION_PARAMS.page, String(page));
  const query = params.toString();
  return query ? `${LIST_PATH}?${query}` : LIST_PATH;
}
