import { closestTerms, editDistance, suggestSpelling } from "./zero-result-help";
import { normaliseQuery, splitWords } from "./vocabulary-schema";

describe("zero-result help", () => {
  test("edit distance counts swaps as one edit and stops early", () => {
    expect(editDistance("beratung", "beratnug")).toBe(1);
    expect(editDistance("kita", "kita")).toBe(0);
    expect(editDistance("schulden", "schuldnerberatung", 2)).toBe(3);
  });

  test("a spelling suggestion replaces unknown words by the closest known ones", () => {
    const vocabulary = ["schuldnerberatung", "schulden", "beratung", "kita", "kinder"];
    const known = new Set(vocabulary);
    expect(suggestSpelling("Schuldnerbratnug", known, vocabulary)).toBe("schuldnerberatung");
    expect(suggestSpelling("kita", known, vocabulary)).toBeNull();
    expect(suggestSpelling("xyzxyzxyz", known, vocabulary)).toBeNull();
    expect(suggestSpelling("kinderr schuldn", known, vocabulary)).toBe("kinder schulden");
  });

  test("the closest terms by label or keyword: exact, prefix, compound part, few edits", () => {
    const terms = [
      { kind: "category" as const, slug: "kinder", label: "Kinderbetreuung", words: ["kinderbetreuung", "kita"] },
      { kind: "category" as const, slug: "schulden", label: "Schulden", words: ["schulden", "geld"] },
      { kind: "target_group" as const, slug: "familien", label: "Familien", words: ["familien"] },
    ];
    expect(closestTerms("Kita Lindach", terms).map((term) => term.slug)).toEqual(["kinder"]);
    expect(closestTerms("Familienberatung", terms).map((term) => term.slug)).toEqual(["familien"]);
    expect(closestTerms("schuldn", terms).map((term) => term.slug)).toEqual(["schulden"]);
    expect(closestTerms("zz", terms)).toEqual([]);
  });

  test("queries and word lists are normalised", () => {
    expect(normaliseQuery("  Kita   PLATZ ")).toBe("kita platz");
    expect(normaliseQuery("x".repeat(150))).toHaveLength(100);
    expect(splitWords("Kita, KINDERGARTEN\n  krippe ;kita")).toEqual(["kita", "kindergarten", "krippe"]);
  });
});
