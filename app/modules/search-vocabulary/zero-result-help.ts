// Pure helpers of the zero-result help: closeness of words, a spelling suggestion from a word list,
// the categories closest to a query. The server module feeds them the index's own words.

/** Damerau–Levenshtein distance (with adjacent transpositions), stopped early above `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = value;
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
  }
  return rows[a.length]![b.length]!;
}

/** How many edits a word of this length may be away from a suggestion (more than the engine's own typo tolerance). */
export function allowedEdits(length: number): number {
  return length <= 4 ? 1 : length <= 8 ? 2 : 3;
}

function isBefore(a: readonly number[], b: readonly number[]): boolean {
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return a[index]! < b[index]!;
  return false;
}

/** The words of a text, lower case. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The query with each word the index does not know replaced by the closest word it does know, or
 * null when nothing is closer. Ties go to the word sharing the first letter, then to the shorter.
 */
export function suggestSpelling(query: string, known: ReadonlySet<string>, vocabulary: readonly string[]): string | null {
  const words = wordsOf(query);
  let changed = false;
  const suggested = words.map((word) => {
    if (word.length < 3 || known.has(word) || /^\d+$/.test(word)) return word;
    const limit = allowedEdits(word.length);
    // Ordered by distance, then a shared first letter, then length.
    const rank = (candidate: string, distance: number) => [distance, candidate[0] === word[0] ? 0 : 1, candidate.length] as const;
    let best: { word: string; distance: number } | null = null;
    for (const candidate of vocabulary) {
      const distance = editDistance(word, candidate, best ? Math.min(best.distance, limit) : limit);
      if (distance > limit) continue;
      if (!best || isBefore(rank(candidate, distance), rank(best.word, best.distance))) best = { word: candidate, distance };
    }
    if (!best) return word;
    changed = true;
    return best.word;
  });
  return changed ? suggested.join(" ") : null;
}

export type TermCandidate = { kind: "category" | "target_group"; slug: string; label: string; words: string[] };

/**
 * The terms closest to the query: a query word that begins a term's word (label or keyword), holds
 * it as part of a compound, or is a few edits away from it. Best first, at most `limit`.
 */
export function closestTerms<T extends TermCandidate>(query: string, terms: readonly T[], limit = 3): T[] {
  const queryWords = wordsOf(query).filter((word) => word.length >= 3);
  if (queryWords.length === 0) return [];
  const scored = terms.map((term) => {
    let score = 0;
    for (const word of queryWords) {
      for (const candidate of term.words) {
        if (candidate === word) score = Math.max(score, 4);
        else if (candidate.startsWith(word) || word.startsWith(candidate)) score = Math.max(score, candidate.length >= 4 ? 3 : 0);
        else if (candidate.length >= 5 && word.includes(candidate)) score = Math.max(score, 2);
        else if (editDistance(word, candidate, allowedEdits(word.length)) <= allowedEdits(word.length)) score = Math.max(score, 1);
      }
    }
    return { term, score };
  });
  return scored
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.term.label.localeCompare(b.term.label, "de"))
    .slice(0, limit)
    .map((entry) => entry.term);
}
