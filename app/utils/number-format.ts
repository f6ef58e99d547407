const formats = new Map<string, Intl.NumberFormat>();

/**
 * A number as the language writes it: "0,1" in German, "12 345" in Ukrainian, "۰٫۱" in Farsi.
 * The formats are made once per language and options and shared by every render.
 */
export function formatNumber(lang: string, value: number, options: Intl.NumberFormatOptions = {}): string {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang, options);
    formats.set(key, format);
  }
  return format.format(value);
}

/** A distance in kilometres with at most one decimal ("0,1", "12,5", "3"). */
export function formatKilometres(lang: string, km: number): string {
  return formatNumber(lang, km, { maximumFractionDigits: 1 });
}
