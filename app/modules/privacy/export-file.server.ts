import { strToU8, zipSync } from "fflate";
import type { TFunction } from "#app/utils/i18n";
import { getFixedT, getMessages } from "#app/utils/i18n.server";
import { EXPORT_SECTIONS, type ExportSection, type PersonalData } from "./export-data.server";

/** Escapes text for HTML content and attribute values: nothing a person wrote becomes markup. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function formatValue(value: unknown, lang: string, t: TFunction): string {
  if (value === null || value === undefined || value === "") return "–";
  if (value instanceof Date || (typeof value === "string" && ISO_TIME.test(value))) {
    return new Intl.DateTimeFormat(lang, { timeZone: "Europe/Berlin", dateStyle: "medium", timeStyle: "short" }).format(new Date(value as string));
  }
  if (typeof value === "boolean") return t(value ? "privacy.export.yes" : "privacy.export.no");
  if (Array.isArray(value)) return value.length === 0 ? "–" : value.map((item) => formatValue(item, lang, t)).join(", ");
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length === 0 ? "–" : entries.map(([key, item]) => `${key}: ${formatValue(item, lang, t)}`).join("; ");
  }
  return String(value as string | number);
}

// A section another module adds keeps its heading and field names with that module's strings.
const TEXTS_OF: Partial<Record<ExportSection, string>> = { accessibilityFeedback: "accessibility.export" };
const textsOf = (section: ExportSection) => TEXTS_OF[section] ?? "privacy.export";

const label = (key: string, t: TFunction, texts = "privacy.export") => escapeHtml(t(`${texts}.fields.${key}`, { defaultValue: key }));
const cell = (value: unknown, lang: string, t: TFunction) => escapeHtml(formatValue(value, lang, t));

function renderObject(row: Record<string, unknown>, lang: string, t: TFunction): string {
  const items = Object.entries(row).map(([key, value]) => `<dt>${label(key, t)}</dt><dd>${cell(value, lang, t)}</dd>`);
  return `<dl>${items.join("")}</dl>`;
}

function renderRows(rows: Record<string, unknown>[], caption: string, lang: string, t: TFunction, texts?: string): string {
  if (rows.length === 0) return `<p>${escapeHtml(t("privacy.export.none"))}</p>`;
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const head = keys.map((key) => `<th scope="col">${label(key, t, texts)}</th>`).join("");
  const body = rows.map((row) => `<tr>${keys.map((key) => `<td>${cell(row[key], lang, t)}</td>`).join("")}</tr>`).join("\n");
  return `<table><caption>${caption}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The readable page of an export, in the person's language: one self-contained file, no scripts, no outside resources. */
export function renderExportHtml(data: PersonalData, lang: string): string {
  const t = getFixedT(lang);
  const dir = getMessages(lang)._meta.dir;
  const title = escapeHtml(t("privacy.export.htmlTitle"));
  const sections = EXPORT_SECTIONS.map((section) => {
    const texts = textsOf(section);
    const heading = escapeHtml(t(`${texts}.sections.${section}`));
    const value = data[section];
    const content = Array.isArray(value) ? renderRows(value, heading, lang, t, texts) : renderObject(value, lang, t);
    return `<section id="${section}"><h2>${heading}</h2>\n${content}\n</section>`;
  });
  const style = [
    "body{font-family:system-ui,sans-serif;line-height:1.5;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1a1a1a}",
    "table{border-collapse:collapse;width:100%;margin-bottom:1rem}caption{text-align:start;font-weight:bold}",
    "th,td{border:1px solid #999;padding:.25rem .5rem;text-align:start;vertical-align:top;white-space:pre-wrap}",
    "dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:bold}dd{margin:0;white-space:pre-wrap}",
  ].join("\n");
  return `<!doctype html>
<html lang="${escapeHtml(lang)}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${style}</style>
</head>
<body>
<h1>${title}</h1>
<p>${escapeHtml(t("privacy.export.htmlIntro", { date: formatValue(data.createdAt, lang, t) }))}</p>
${sections.join("\n")}
</body>
</html>
`;
}

/** The download: one zip with daten.json (machine-readable, stable keys) and daten.html (the readable page). */
export function buildExportZip(data: PersonalData, lang: string): Uint8Array {
  return zipSync({
    "daten.json": strToU8(`${JSON.stringify(data, null, 2)}\n`),
    "daten.html": strToU8(renderExportHtml(data, lang)),
  });
}
