import { getSearchClient, indexUid } from "#search/client";
import { anyOf } from "#search/filters";
import { peopleIndex, peoplePermission } from "#search/indexes/people";
import { log } from "#app/utils/log.server";
import { getPeopleCards, getPeopleFilterChoices, type PersonCard } from "./people.server";
import { PEOPLE_PER_PAGE, type PeopleQuery } from "./people-filters";

export type PeopleSearchResult = {
  status: "ok" | "unavailable";
  people: PersonCard[];
  total: number;
  page: number;
  pages: number;
  choices: Awaited<ReturnType<typeof getPeopleFilterChoices>>;
};

/**
 * Searches the people index with the members' permission clause and the filters the query names
 * (organisation and topic as ids looked up from their slugs, the language as it is); every hit is
 * read again from PostgreSQL, so the page shows current data and never a person who left.
 */
export async function searchPeople(query: PeopleQuery, lang: string): Promise<PeopleSearchResult> {
  const choices = await getPeopleFilterChoices(lang);
  const empty = { people: [], total: 0, page: query.page, pages: 1, choices };
  const filter = [peoplePermission({ signedIn: true })];
  if (query.organisation) {
    const partner = choices.organisations.find((organisation) => organisation.slug === query.organisation);
    if (!partner) return { status: "ok", ...empty };
    filter.push(anyOf("partnerIds", [partner.id]));
  }
  if (query.topic) {
    const topic = choices.topics.find((term) => term.slug === query.topic);
    if (!topic) return { status: "ok", ...empty };
    filter.push(anyOf("topicIds", [topic.id]));
  }
  if (query.language) filter.push(anyOf("languages", [query.language]));
  let response;
  try {
    const client = await getSearchClient();
    response = await client.index(indexUid(peopleIndex.name)).search(query.q, {
      filter,
      // Without words to rank by, people come in name order.
      sort: query.q ? undefined : ["sortName:asc"],
      offset: (query.page - 1) * PEOPLE_PER_PAGE,
      limit: PEOPLE_PER_PAGE,
      attributesToRetrieve: Object.keys(peopleIndex.hit.shape),
    });
  } catch (error) {
    log.warn({ component: "search", error: (error as Error).message }, "people search unavailable");
    return { status: "unavailable", ...empty };
  }
  const ids = response.hits.map((hit) => peopleIndex.hit.parse(hit).id);
  const total = response.estimatedTotalHits ?? 0;
  return { status: "ok", people: await getPeopleCards(ids, lang), total, page: query.page, pages: Math.max(1, Math.ceil(total / PEOPLE_PER_PAGE)), choices };
}
