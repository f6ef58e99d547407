import { findPersonalData, type PersonalDataFinding, type PersonalDataType } from "./personal-data";

export const REDACTED = "[entfernt]";

/** The text with every piece of personal data the detector finds replaced by "[entfernt]". */
export function redactPersonalData(text: string): string {
  let result = text;
  for (const finding of [...findPersonalData(text)].sort((a, b) => b.start - a.start)) result = result.slice(0, finding.start) + REDACTED + result.slice(finding.end);
  return result;
}

export type TextSegment = { text: string; finding: PersonalDataType | null };

/** The text cut into plain parts and findings, in order, for highlighting. */
export function segmentText(text: string, findings: PersonalDataFinding[] = findPersonalData(text)): TextSegment[] {
  const segments: TextSegment[] = [];
  let position = 0;
  for (const finding of findings) {
    if (finding.start < position) continue;
    if (finding.start > position) segments.push({ text: text.slice(position, finding.start), finding: null });
    segments.push({ text: text.slice(finding.start, finding.end), finding: finding.type });
    position = finding.end;
  }
  if (position < text.length) segments.push({ text: text.slice(position), finding: null });
  return segments;
}
