import { sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { partners, services, taxonomyTerms } from "#db/schema";
import { effectiveSynonymGroups } from "#search/synonyms";
import { termLabel } from "#app/modules/directory/term-label";
import { closestTerms, suggestSpelling, wordsOf, type TermCandidate } from "./zero-result-help";

// The words the index knows change slowly: a few minutes' copy spares every zero-result search the scan.
const WORDS_TTL_MS = 5 * 60_000;
let wordsCache: { words: string[]; known: Set<string>; expiresAt: number } | null = null;

/**
 * The index's own words: the names and keywords of listed services (the texts the index searches
 * first), the taxonomy's labels and keywords, and every synonym. Descriptions are left out: their
 * rare words make poor suggestions.
 */
async function indexWords(db: Database): Promise<{ words: string[]; known: Set<string> }> {
  if (wordsCache && wordsCache.expiresAt > Date.now()) return wordsCache;
  const rows = await db.execute<{ word: string }>(sql`
    select distinct lower(word) as word from (
      select regexp_split_to_table(${services.name} || ' ' || array_to_string(${services.keywords}, ' '), '[[:space:]]+') as word
        from ${services} join ${partners} on ${partners.id} = ${services.partnerId}
        where ${services.status} = 'active' and ${partners.status} = 'active'
      union all
      select regexp_split_to_table(coalesce((select string_agg(label.value, ' ') from jsonb_each_text(${taxonomyTerms.labels}) as label), '') || ' ' || array_to_string(${taxonomyTerms.keywords}, ' '), '[[:space:]]+')
        from ${taxonomyTerms} where ${taxonomyTerms.retiredAt} is null
    ) as words where length(word) >= 3`);
  // Split on spaces in SQL (whatever the database's locale), into words in JavaScript (Unicode-aware).
  const words = new Set(rows.flatMap((row) => wordsOf(row.word)).filter((word) => word.length >= 3));
  for (const group of await effectiveSynonymGroups(db)) for (const entry of group) for (const word of wordsOf(entry)) if (word.length >= 3) words.add(word);
  const list = [...words].filter((word) => !/^\d+$/.test(word));
  wordsCache = { words: list, known: new Set(list), expiresAt: Date.now() + WORDS_TTL_MS };
  return wordsCache;
}

/** Forgets the kept word list (tests, and after a coordinator's change). */
export function forgetIndexWords(): void {
  wordsCache = null;
}

export type TermSuggestion = { kind: "category" | "target_group"; slug: string; label: string };

/** The terms closest to the query, by their labels (every language) and keywords. */
async function termSuggestions(db: Database, query: string, lang: string): Promise<TermSuggestion[]> {
  const rows = await db
    .select({ kind: taxonomyTerms.kind, slug: taxonomyTerms.slug, labels: taxonomyTerms.labels, keywords: taxonomyTerms.keywords })
    .from(taxonomyTerms)
    .where(sql`${taxonomyTerms.retiredAt} is null`);
  const candidates: TermCandidate[] = rows.map((row) => ({
    kind: row.kind,
    slug: row.slug,
    label: termLabel(row.labels, lang, row.slug),
    words: [...new Set([...Object.values(row.labels), ...row.keywords].flatMap(wordsOf))],
  }));
  return closestTerms(query, candidates).map(({ kind, slug, label }) => ({ kind, slug, label }));
}

export type ZeroResultHelp = { suggestion: string | null; terms: TermSuggestion[] };

/**
 * Help for a search that found nothing: the query spelt with the index's own words (offered only
 * when `finds` says that spelling finds something) and the categories and target groups closest to
 * the query or that spelling.
 */
export async function zeroResultHelp(db: Database, query: string, lang: string, finds: (query: string) => Promise<boolean>): Promise<ZeroResultHelp> {
  const { words, known } = await indexWords(db);
  const spelled = suggestSpelling(query, known, words);
  const suggestion = spelled && (await finds(spelled)) ? spelled : null;
  // The terms closest to what was typed, and to what was probably meant.
  const terms = await termSuggestions(db, suggestion ? `${query} ${suggestion}` : query, lang);
  return { suggestion, terms };
}
