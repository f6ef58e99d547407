import { pageFrom } from "#app/components/pagination";

export const PEOPLE_PER_PAGE = 20;
export const PEOPLE_QUERY_MAX = 100;

/** The state of "Wer ist wer" as its query string holds it: text, organisation (partner slug), topic (category slug), language, page. */
export type PeopleQuery = { q: string; organisation: string | null; topic: string | null; language: string | null; page: number };

// The query string's names, German like every URL of the site.
export const PEOPLE_QUERY_PARAMS = { q: "q", organisation: "organisation", topic: "thema", language: "sprache", page: "seite" } as const;

const slugOrNull = (value: string | null) => (value && /^[a-z0-9-]{1,120}$/.test(value) ? value : null);

/** Reads the query string; a value of the wrong form is no filter (what exists is checked where it is used). */
export function parsePeopleQuery(params: URLSearchParams): PeopleQuery {
  const language = params.get(PEOPLE_QUERY_PARAMS.language);
  return {
    q: (params.get(PEOPLE_QUERY_PARAMS.q) ?? "").trim().slice(0, PEOPLE_QUERY_MAX),
    organisation: slugOrNull(params.get(PEOPLE_QUERY_PARAMS.organisation)),
    topic: slugOrNull(params.get(PEOPLE_QUERY_PARAMS.topic)),
    language: language && /^[a-z]{2,3}$/.test(language) ? language : null,
    page: pageFrom(params.get(PEOPLE_QUERY_PARAMS.page)),
  };
}

/** The address of a page of "Wer ist wer" with these filters (empty ones left out). */
export function peopleSearchHref(query: PeopleQuery, page: number): string {
  const params = new URLSearchParams();
  const values: [string, string | null][] = [
    [PEOPLE_QUERY_PARAMS.q, query.q || null],
    [PEOPLE_QUERY_PARAMS.organisation, query.organisation],
    [PEOPLE_QUERY_PARAMS.topic, query.topic],
    [PEOPLE_QUERY_PARAMS.language, query.language],
    [PEOPLE_QUERY_PARAMS.page, page > 1 ? String(page) : null],
  ];
  for (const [name, value] of values) if (value) params.set(name, value);
  const search = params.toString();
  return search ? `/personen?${search}` : "/personen";
}
