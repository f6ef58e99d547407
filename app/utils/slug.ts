/**
 * A name as a key to compare by, in any script: lower case, umlauts spelled out, accents and
 * punctuation gone, words joined by hyphens. Empty when nothing is left.
 */
export function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/** A URL slug from a German name: lower-case ASCII, umlauts spelled out, words joined by hyphens. */
export function slugify(name: string): string {
  return (
    nameKey(name)
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || "eintrag"
  );
}
