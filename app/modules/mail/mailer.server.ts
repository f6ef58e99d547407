import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "#app/utils/env.server";
import { log } from "#app/utils/log.server";

export type Mail = {
  to: string;
  subject: string;
  text: string;
  /** The link the mail is about. NOTE: often a live secret (reset, confirmation, invitation): it is never logged, only written into the mail. */
  link?: string;
  /** Extra header fields (e.g. List-Unsubscribe). */
  headers?: Record<string, string>;
};

let transporter: Transporter | undefined;

function getTransporter(): Transporter {
  const { SMTP_URL } = getEnv();
  // Without SMTP the message is built as RFC 822 text and written to the mail folder.
  transporter ??= SMTP_URL ? nodemailer.createTransport(SMTP_URL) : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return transporter;
}

/** The local mail folder (DATA_DIR/mail), where mails go without SMTP_URL. */
export function getMailDir(): string {
  return path.resolve(getEnv().DATA_DIR, "mail");
}

/** Sends a mail; a failure is logged, never thrown, so the action that sends it still succeeds. */
export async function sendMail(mail: Mail): Promise<boolean> {
  const env = getEnv();
  const from = env.MAIL_FROM ?? `Kurze Wege <no-reply@${new URL(env.APP_URL).hostname}>`;
  try {
    const info = await getTransporter().sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, headers: mail.headers });
    if (!env.SMTP_URL) {
      const dir = getMailDir();
      await fs.mkdir(dir, { recursive: true });
      const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomUUID().slice(0, 8)}.eml`);
      // Mails hold live links (password reset): readable by this user only.
      await fs.writeFile(file, (info as unknown as { message: Buffer }).message, { mode: 0o600 });
      // The path, never the link: whoever may read the mail folder opens the file for it.
      log.info({ event: "mail.written", to: mail.to, subject: mail.subject, file: path.relative(process.cwd(), file) }, `mail written to ${path.relative(process.cwd(), file)}`);
    }
    return true;
  } catch (error) {
    log.error({ event: "mail.failed", to: mail.to, subject: mail.subject, err: error }, "mail not sent");
    return false;
  }
}
