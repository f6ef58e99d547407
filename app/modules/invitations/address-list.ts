import { EmailSchema } from "#app/modules/auth/auth-schemas";

// Reading a list of addresses as people paste them: one a line, or several separated by commas or
// semicolons, each bare ("anna@example.org") or with a name ("Anna Schmidt <anna@example.org>",
// "\"Schmidt, Anna\" <anna@example.org>"). Used by the form in the browser and by the action.

/** Where an address came from: the pasted text or the uploaded file, and the line there (1-based). */
export type AddressSource = "text" | "file";
export type AddressEntry = { email: string; line: number; source: AddressSource };
export type AddressProblem = { line: number; value: string; source: AddressSource; kind: "invalid" | "taken" };
export type AddressList = { entries: AddressEntry[]; problems: AddressProblem[] };

const SHOWN_MAX = 80;

/** Splits a line at commas and semicolons that are outside quotes and angle brackets. */
function splitLine(line: string): string[] {
  const pieces: string[] = [];
  let current = "";
  let quoted = false;
  let angled = false;
  for (const char of line) {
    if (char === '"' && !angled) quoted = !quoted;
    else if (char === "<" && !quoted) angled = true;
    else if (char === ">" && !quoted) angled = false;
    if ((char === "," || char === ";") && !quoted && !angled) {
      pieces.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  pieces.push(current);
  return pieces.map((piece) => piece.trim()).filter(Boolean);
}

/** The address in one piece: inside `<…>` when there is one, else the piece without quotes or `mailto:`. */
function addressOf(piece: string): string {
  const angled = /<([^<>]*)>\s*$/.exec(piece);
  const bare = angled ? angled[1]! : piece.replace(/^["']|["']$/g, "");
  return bare.trim().replace(/^mailto:/i, "");
}

/** The address of one piece, normalised (lower case), or null when it is none. */
export function readAddress(piece: string): string | null {
  const parsed = EmailSchema.safeParse(addressOf(piece));
  return parsed.success ? parsed.data.toLowerCase() : null;
}

/** A piece as a message shows it: trimmed and not too long. */
export const shownValue = (piece: string) => (piece.length > SHOWN_MAX ? `${piece.slice(0, SHOWN_MAX - 1)}…` : piece);

/** Adds one piece to a list: a new address, a duplicate (folded into the first), or a problem. */
export function addPiece(list: AddressList, seen: Set<string>, piece: string, line: number, source: AddressSource): void {
  const email = readAddress(piece);
  if (!email) {
    list.problems.push({ line, value: shownValue(piece), source, kind: "invalid" });
    return;
  }
  if (seen.has(email)) return;
  seen.add(email);
  list.entries.push({ email, line, source });
}

/** The addresses of a pasted text with their line numbers; duplicates are folded, bad pieces reported by line. */
export function parseAddressText(text: string, seen = new Set<string>()): AddressList {
  const list: AddressList = { entries: [], problems: [] };
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    for (const piece of splitLine(line)) addPiece(list, seen, piece, index + 1, "text");
  });
  return list;
}

/**
 * A problem as a field error: "key|line|value", read back by the form's own error list (the value
 * comes last, so it may hold any character).
 */
export function problemMessage(problem: AddressProblem): string {
  const key = `invitations.problems.${problem.source}.${problem.kind}`;
  return `${key}|${problem.line}|${problem.value}`;
}

/** A field error back as its key and values: "key|line|value", or a plain key. */
export function readProblemMessage(message: string): { key: string; line?: number; value?: string } {
  const first = message.indexOf("|");
  if (first < 0) return { key: message };
  const second = message.indexOf("|", first + 1);
  if (second < 0) return { key: message.slice(0, first), line: Number(message.slice(first + 1)) };
  return { key: message.slice(0, first), line: Number(message.slice(first + 1, second)), value: message.slice(second + 1) };
}
