import { waitForMail } from "./mail";

// Mails in Cyrillic or Arabic script go out base64-encoded (mostly non-Latin text), their subjects
// as RFC 2047 encoded words: read them as a person would.

// NOTE: waitForMail has decoded quoted-printable everywhere already, encoded words of the "Q" kind too.
function decodeWords(header: string): string {
  return header.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, encoding: string, text: string) =>
    encoding.toLowerCase() === "b" ? Buffer.from(text, "base64").toString("utf8") : text.replace(/_/g, " "),
  );
}

/** The newest mail to an address, as it reads: its subject and its text, whatever their encoding. */
export async function waitForMailText(to: string, timeoutMs = 5_000): Promise<{ subject: string; text: string }> {
  const raw = await waitForMail(to, timeoutMs);
  // The head ends at the first empty line, whichever line ends the mail uses.
  const end = /\r?\n\r?\n/.exec(raw);
  const head = raw.slice(0, end?.index ?? raw.length).replace(/\r?\n[ \t]+/g, " ");
  const body = end ? raw.slice(end.index + end[0].length) : "";
  const subject = decodeWords(/^Subject: (.*)$/im.exec(head)?.[1] ?? "");
  const text = /^Content-Transfer-Encoding: base64/im.test(head) ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8") : body;
  return { subject, text };
}
