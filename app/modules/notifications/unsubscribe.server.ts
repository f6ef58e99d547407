import { createHmac, timingSafeEqual } from "node:crypto";
import { signingKey } from "#app/utils/secret.server";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { db, type Executor } from "#db/client";
import { notificationPreferences, topics, users } from "#db/schema";
import { getEnv } from "#app/utils/env.server";
import { isKind, type Kind } from "./notification-schemas";
import { getPreferences } from "./preferences.server";

export const UNSUBSCRIBE_PATH = "/benachrichtigungen/abbestellen";

/**
 * What an unsubscribe link stands for: a member's e-mails of one kind, or the mails a guest gets
 * about their topics (their address is not in the link: the signature covers it, so the link works
 * only while that topic still holds that address).
 */
export type UnsubscribeTarget = { type: "member"; userId: string; kind: Kind } | { type: "guest"; topicId: number };

const key = () => signingKey("notifications/unsubscribe");

const sign = (message: string) => createHmac("sha256", key()).update(message).digest("base64url");
const normalise = (email: string) => email.trim().toLowerCase();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function payloadOf(target: UnsubscribeTarget): string {
  return target.type === "member" ? `m.${target.userId}.${target.kind}` : `g.${target.topicId}`;
}

function signedMessage(target: UnsubscribeTarget, guestEmail?: string): string {
  return target.type === "member" ? payloadOf(target) : `${payloadOf(target)}.${normalise(guestEmail ?? "")}`;
}

/** The token for a member's e-mails of one kind. */
export function memberUnsubscribeToken(userId: string, kind: Kind): string {
  const target: UnsubscribeTarget = { type: "member", userId, kind };
  return `${payloadOf(target)}.${sign(signedMessage(target))}`;
}

/** The token for the mails a guest gets at this address about their topics. */
export function guestUnsubscribeToken(topicId: number, email: string): string {
  const target: UnsubscribeTarget = { type: "guest", topicId };
  return `${payloadOf(target)}.${sign(signedMessage(target, email))}`;
}

/** The https (or local) address behind a token, for the mail's text and its List-Unsubscribe header. */
export function unsubscribeUrl(token: string): string {
  return `${getEnv().APP_URL}${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(token)}`;
}

/** The header fields of RFC 2369 and RFC 8058 (one-click) for a mail with this token. */
export function unsubscribeHeaders(token: string): Record<string, string> {
  return { "List-Unsubscribe": `<${unsubscribeUrl(token)}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

function parse(token: string): { target: UnsubscribeTarget; signature: string } | null {
  const parts = token.split(".");
  if (parts[0] === "m" && parts.length === 4 && UUID.test(parts[1]!) && isKind(parts[2])) {
    return { target: { type: "member", userId: parts[1]!, kind: parts[2] }, signature: parts[3]! };
  }
  if (parts[0] === "g" && parts.length === 3 && /^[1-9]\d{0,9}$/.test(parts[1]!)) {
    return { target: { type: "guest", topicId: Number(parts[1]) }, signature: parts[2]! };
  }
  return null;
}

function signatureMatches(given: string, message: string): boolean {
  const expected = Buffer.from(sign(message));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** What a valid token stands for; null for anything forged, malformed or used up (a guest's address already removed). */
export async function verifyUnsubscribeToken(token: string | null | undefined, executor: Executor = db): Promise<UnsubscribeTarget | null> {
  if (!token || token.length > 200) return null;
  const parsed = parse(token);
  if (!parsed) return null;
  const { target, signature } = parsed;
  if (target.type === "member") {
    if (!signatureMatches(signature, signedMessage(target))) return null;
    const [user] = await executor.select({ id: users.id }).from(users).where(eq(users.id, target.userId));
    return user ? target : null;
  }
  const [topic] = await executor.select({ guestEmail: topics.guestEmail }).from(topics).where(eq(topics.id, target.topicId));
  if (!topic?.guestEmail) return null;
  return signatureMatches(signature, signedMessage(target, topic.guestEmail)) ? target : null;
}

export type UnsubscribeOutcome = { type: "member"; kind: Kind } | { type: "guest"; topics: number };

/**
 * Carries out a valid token: a member gets that kind in the app only from now on (or keeps "off");
 * a guest's address is removed from every topic that holds it, so no further mail reaches it.
 */
export async function unsubscribe(token: string | null | undefined): Promise<UnsubscribeOutcome | null> {
  return db.transaction(async (tx) => {
    const target = await verifyUnsubscribeToken(token, tx);
    if (!target) return null;
    if (target.type === "member") {
      const current = (await getPreferences(target.userId, tx))[target.kind];
      if (current === "email") {
        await tx
          .insert(notificationPreferences)
          .values({ userId: target.userId, kind: target.kind, channel: "in_app" })
          .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { channel: "in_app", updatedAt: new Date() } });
      }
      return { type: "member", kind: target.kind } as const;
    }
    const [topic] = await tx.select({ guestEmail: topics.guestEmail }).from(topics).where(eq(topics.id, target.topicId)).for("update");
    if (!topic?.guestEmail) return null;
    const cleared = await tx
      .update(topics)
      .set({ guestEmail: null })
      .where(and(isNotNull(topics.guestEmail), sql`lower(${topics.guestEmail}) = ${normalise(topic.guestEmail)}`))
      .returning({ id: topics.id });
    return { type: "guest", topics: cleared.length } as const;
  });
}
