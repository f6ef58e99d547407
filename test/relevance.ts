import { afterAll } from "vitest";

type Outcome = { query: string; expected: string; label: string; found: boolean };

/** How many of the recorded queries found their expected entry in the top three, as the report line prints it. */
export function hitAtThreeLine(dataSet: string, outcomes: readonly Outcome[]): string {
  const found = outcomes.filter((outcome) => outcome.found).length;
  const ratio = outcomes.length === 0 ? 0 : found / outcomes.length;
  return `hit@3 ${dataSet}: ${found}/${outcomes.length} = ${ratio.toFixed(2)}`;
}

/**
 * Records, for one data set, which queries found their expected entry among the first three hits, and
 * prints hit@3 and the misses after the file's tests. Call it at the top of a relevance test file and
 * record every case before asserting on it, so that a failing case still counts as a miss.
 */
export function relevanceReport(dataSet: string) {
  const outcomes: Outcome[] = [];

  afterAll(() => {
    const misses = outcomes.filter((outcome) => !outcome.found);
    const lines = [hitAtThreeLine(dataSet, outcomes), ...misses.map((miss) => `  miss: "${miss.query}" → ${miss.expected} (${miss.label})`)];
    console.log(lines.join("\n"));
  });

  return {
    /** Notes whether `expected` is among the first three of `hits` and returns that answer. */
    record(query: string, expected: string, label: string, hits: readonly string[]): boolean {
      const found = hits.slice(0, 3).includes(expected);
      outcomes.push({ query, expected, label, found });
      return found;
    },
    /** Notes a case whose search did not answer: it counts as a miss. */
    fail(query: string, expected: string, label: string) {
      outcomes.push({ query, expected, label: `${label}; search unavailable`, found: false });
    },
  };
}
