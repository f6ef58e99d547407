/**
 * An @mention: "@" and a handle of letters, digits and inner dots ("@marta.kowalczyk"), not glued
 * to a word before it (so "name@host.de" is no mention). A dot at the end of a sentence is no part
 * of the handle. Group 1 is what precedes the "@", group 2 the handle.
 */
export const MENTION_PATTERN = /(^|[^\p{L}\p{N}_.@/\\-])@([\p{L}\p{N}]+(?:\.[\p{L}\p{N}]+)*)/gu;

/** The handles a text mentions, lower-cased and each once. */
export function extractMentions(text: string): string[] {
  const handles = new Set<string>();
  for (const match of text.matchAll(MENTION_PATTERN)) handles.add(match[2]!.toLowerCase());
  return [...handles];
}
