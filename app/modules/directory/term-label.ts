/** A taxonomy term's label in the page's language, else its German one (every term has one), else the fallback. */
export function termLabel(labels: Record<string, string>, lang: string, fallback: string): string {
  return labels[lang] ?? labels.de ?? fallback;
}
