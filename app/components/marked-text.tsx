import type { MarkedText as MarkedTextParts } from "#app/modules/directory/directory-filters";

/** Text with search matches in <mark>; React escapes every part, so nothing in it can run. */
export function MarkedText({ parts }: { parts: MarkedTextParts }) {
  return <>{parts.map((part, index) => (part.marked ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}</>;
}
