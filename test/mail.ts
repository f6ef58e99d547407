import fs from "node:fs/promises";
import path from "node:path";

/** The text of a quoted-printable mail body as it reads (mails with umlauts are sent that way). */
export function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

/** The newest mail to an address in DATA_DIR/mail, decoded, waiting a little for it to arrive. */
export async function waitForMail(to: string, timeoutMs = 5_000): Promise<string> {
  const dir = path.join(process.env.DATA_DIR!, "mail");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = await fs.readdir(dir).catch(() => [] as string[]);
    for (const file of files.sort().reverse()) {
      const text = decodeQuotedPrintable(await fs.readFile(path.join(dir, file), "utf8"));
      if (text.includes(`To: ${to}`)) return text;
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${to} in ${dir} (${files.length} mails)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The first link in a mail's body, as a path on this site. */
export function linkFrom(mail: string): string {
  const match = /https?:\/\/\S+/.exec(mail.slice(mail.indexOf("\n\n")));
  if (!match) throw new Error("no link in mail");
  const url = new URL(match[0]);
  return `${url.pathname}${url.search}`;
}
