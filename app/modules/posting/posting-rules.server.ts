import { createHmac } from "node:crypto";
import { and, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { postFingerprints, users } from "#db/schema";
import { isNetworkCoordinator } from "#app/modules/auth/roles";
import type { Refusal } from "#app/utils/http";
import { signingKey } from "#app/utils/secret.server";
import { countLinks, countMentions, normalisePostText } from "./post-text";
import { NEW_ACCOUNT_HOURS, NEW_ACCOUNT_LIMITS, REPEAT_WINDOW_MINUTES, type PostRefusal } from "./posting-limits";

// The rules for everything people write for others to read (Open Mic topics and replies, group
// threads and posts), in one place: every write function of those places asks here first.

/** Who writes: a member (by account), or a guest (by the address they give and the client address). */
export type PostAuthor = { userId: string } | { guestEmail: string | null; clientAddress: string };

/**
 * Whether the author's posts are held to the new-account limits: guests always; members in their
 * first day; coordinators and admins never. The database's clock decides, as for every other time.
 */
async function isSandboxed(executor: Executor, author: PostAuthor): Promise<boolean> {
  if (!("userId" in author)) return true;
  const [row] = await executor
    .select({ role: users.role, isNew: sql<boolean>`${users.createdAt} > now() - make_interval(hours => ${NEW_ACCOUNT_HOURS})` })
    .from(users)
    .where(eq(users.id, author.userId));
  if (!row) return true;
  const coordinates = isNetworkCoordinator({ role: row.role });
  return row.isNew && !coordinates;
}

/**
 * The new-account limits on a text (a new post or an edit): at most so many links and @mentions.
 * Edits count too, or a new account would post plain text and add its links a minute later.
 */
export async function refuseByContent(executor: Executor, author: PostAuthor, body: string): Promise<Refusal<PostRefusal> | null> {
  const links = countLinks(body);
  const mentions = countMentions(body);
  if (links <= NEW_ACCOUNT_LIMITS.links && mentions <= NEW_ACCOUNT_LIMITS.mentions) return null;
  if (!(await isSandboxed(executor, author))) return null;
  return { ok: false, error: links > NEW_ACCOUNT_LIMITS.links ? "tooManyLinks" : "tooManyMentions" };
}

/** The keys a post is remembered under: the account, or a guest's e-mail address and client address. */
function fingerprintsOf(author: PostAuthor, body: string): string[] {
  const keys = "userId" in author ? [`user:${author.userId}`] : [...(author.guestEmail ? [`guest-email:${author.guestEmail.toLowerCase()}`] : []), `guest-address:${author.clientAddress}`];
  const text = normalisePostText(body);
  // Keyed, so that a stored value says nothing about an address or a text without the site's secret.
  const key = signingKey("posting/repeat");
  return keys.map((who) => createHmac("sha256", key).update(`${who}\n${text}`).digest("hex"));
}

const withinWindow = sql`now() - make_interval(mins => ${REPEAT_WINDOW_MINUTES})`;

/**
 * Before a new post is written: the new-account limits, and the same text by the same author within
 * the last minutes, anywhere people post. Changes nothing, so it goes before the rate limits.
 */
export async function refuseNewPost(executor: Executor, author: PostAuthor, body: string): Promise<Refusal<PostRefusal> | null> {
  const byContent = await refuseByContent(executor, author, body);
  if (byContent) return byContent;
  const [recent] = await executor
    .select({ fingerprint: postFingerprints.fingerprint })
    .from(postFingerprints)
    .where(and(inArray(postFingerprints.fingerprint, fingerprintsOf(author, body)), gt(postFingerprints.createdAt, withinWindow)))
    .limit(1);
  return recent ? { ok: false, error: "repeated" } : null;
}

/**
 * In the post's transaction, just before it is written: remembers it for the repeat check. A
 * parallel identical post (a double click) that got here first makes this one a repeat after all:
 * the insert waits for the other transaction and then finds its row.
 */
export async function rememberPost(tx: Executor, author: PostAuthor, body: string): Promise<Refusal<"repeated"> | null> {
  // Rows past the window go as new ones come; rows another post is busy with are left for the next.
  await tx.execute(
    sql`delete from ${postFingerprints} where ${postFingerprints.fingerprint} in (select ${postFingerprints.fingerprint} from ${postFingerprints} where ${postFingerprints.createdAt} < ${withinWindow} limit 100 for update skip locked)`,
  );
  const fingerprints = fingerprintsOf(author, body);
  const taken = await tx
    .insert(postFingerprints)
    .values(fingerprints.map((fingerprint) => ({ fingerprint })))
    .onConflictDoUpdate({ target: postFingerprints.fingerprint, set: { createdAt: sql`excluded.created_at` }, setWhere: lt(postFingerprints.createdAt, withinWindow) })
    .returning({ fingerprint: postFingerprints.fingerprint });
  return taken.length === fingerprints.length ? null : { ok: false, error: "repeated" };
}
