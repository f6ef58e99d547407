// NOTE: our own small reader of Accept-Language (RFC 9110 §12.5.4) rather than `negotiator`, which
// is in node_modules only as a dependency of express, untyped and not ours to rely on (decision 078).

/** One entry of an Accept-Language header: a language range and its weight (q). */
export type LanguageRange = { range: string; q: number };

const RANGE = /^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/i;
const WEIGHT = /^q=(0(\.\d{0,3})?|1(\.0{0,3})?)$/i;

/**
 * The ranges of an Accept-Language header, most wanted first (equal weights keep their order);
 * malformed entries and entries with q=0 ("not this one") are left out.
 */
export function parseAcceptLanguage(header: string | null | undefined): LanguageRange[] {
  if (!header) return [];
  const ranges: (LanguageRange & { position: number })[] = [];
  for (const [position, part] of header.split(",").entries()) {
    const [rawRange, ...params] = part.split(";").map((piece) => piece.trim());
    if (!rawRange || !RANGE.test(rawRange)) continue;
    let q = 1;
    for (const param of params) {
      if (!/^q=/i.test(param)) continue;
      q = WEIGHT.test(param) ? Number(param.slice(2)) : Number.NaN;
    }
    if (Number.isNaN(q) || q <= 0) continue;
    ranges.push({ range: rawRange.toLowerCase(), q, position });
  }
  return ranges.sort((a, b) => b.q - a.q || a.position - b.position).map(({ range, q }) => ({ range, q }));
}

/**
 * The language of `available` that the header wants most: "uk-UA" asks for "uk", "pt" for nothing
 * we have; "*" stands for any language we have not been told about, and so for none in particular
 * (null). Null too when the header wants none of ours.
 */
export function preferredLanguage(header: string | null | undefined, available: readonly string[]): string | null {
  const codes = new Map(available.map((code) => [code.toLowerCase(), code]));
  for (const { range } of parseAcceptLanguage(header)) {
    if (range === "*") return null;
    const exact = codes.get(range);
    if (exact) return exact;
    const primary = codes.get(range.split("-")[0]!);
    if (primary) return primary;
  }
  return null;
}
