import { parseWithZod } from "@conform-to/zod/v4";
import { json } from "@remix-run/node";
import { and, desc, eq } from "drizzle-orm";
import { db } from "#db/client";
import { changeSuggestions, partners, users } from "#db/schema";
import type { SessionUser } from "#app/modules/auth/session.server";
import { badRequest, retryAfter } from "#app/utils/http";
import { consumeRateLimit } from "#app/utils/rate-limit.server";
import { getActiveServiceId } from "./directory.server";
import { CloseSuggestionSchema, SuggestionSchema } from "./suggestion-schema";

// Ten notes in a row, then one every few minutes: enough for real use, too few for a flood.
// One bucket per person for services and partners alike.
const SUGGESTION_LIMIT = { capacity: 10, refillPerSecond: 1 / 300 };

/** The entry a suggestion is about: a service or a partner. */
export type SuggestionTarget = { kind: "service" | "partner"; id: string };

const targetColumn = (target: SuggestionTarget) => (target.kind === "service" ? changeSuggestions.serviceId : changeSuggestions.partnerId);

/** The listed (active) service or partner with this slug, or null: ended and archived entries take no suggestions. */
export async function findSuggestionTarget(kind: SuggestionTarget["kind"], slug: string): Promise<SuggestionTarget | null> {
  if (kind === "service") {
    const id = await getActiveServiceId(slug);
    return id ? { kind, id } : null;
  }
  const [partner] = await db
    .select({ id: partners.id })
    .from(partners)
    .where(and(eq(partners.slug, slug), eq(partners.status, "active")));
  return partner ? { kind, id: partner.id } : null;
}

/** Records a member's change suggestion for a service or partner; false when they sent too many at once. */
export async function suggestChange(user: SessionUser, target: SuggestionTarget, message: string): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const limit = await consumeRateLimit(db, `suggest:${user.id}`, SUGGESTION_LIMIT);
  if (!limit.allowed) return { ok: false, retryAfterSeconds: limit.retryAfterSeconds };
  const about = target.kind === "service" ? { serviceId: target.id } : { partnerId: target.id };
  await db.insert(changeSuggestions).values({ ...about, authorId: user.id, message });
  return { ok: true };
}

/** The "Änderung vorschlagen" form of an entry's page: 400 with the typed text on bad input, 429 when throttled. */
export async function answerSuggestionForm(formData: FormData, user: SessionUser, target: SuggestionTarget) {
  const submission = parseWithZod(formData, { schema: SuggestionSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), sent: false }, { status: 400 });
  const sent = await suggestChange(user, target, submission.value.message);
  if (!sent.ok) {
    return json({ result: submission.reply({ formErrors: ["directory.suggest.throttled"] }), sent: false }, { status: 429, headers: retryAfter(sent.retryAfterSeconds) });
  }
  return json({ result: submission.reply({ resetForm: true }), sent: true });
}

/** The open suggestions for one service or partner, newest first, with their authors' names. */
export async function getOpenSuggestions(target: SuggestionTarget) {
  return db
    .select({ id: changeSuggestions.id, message: changeSuggestions.message, createdAt: changeSuggestions.createdAt, author: users.displayName })
    .from(changeSuggestions)
    .leftJoin(users, eq(users.id, changeSuggestions.authorId))
    .where(and(eq(targetColumn(target), target.id), eq(changeSuggestions.status, "open")))
    .orderBy(desc(changeSuggestions.createdAt));
}

/** Closes a suggestion of this entry (done or declined); other entries' suggestions are untouched. */
export async function closeSuggestion(target: SuggestionTarget, suggestionId: string, status: "done" | "declined", userId: string): Promise<boolean> {
  const closed = await db
    .update(changeSuggestions)
    .set({ status, handledBy: userId, handledAt: new Date() })
    .where(and(eq(changeSuggestions.id, suggestionId), eq(targetColumn(target), target.id), eq(changeSuggestions.status, "open")))
    .returning({ id: changeSuggestions.id });
  return closed.length > 0;
}

/**
 * Handles the "Erledigt"/"Ablehnen" buttons of an edit page: false when the form is about something
 * else. The caller has checked that the user may edit the entry; the id is matched with the entry, so
 * a foreign suggestion id changes nothing.
 */
export async function closeSuggestionFromForm(formData: FormData, target: SuggestionTarget, userId: string): Promise<boolean> {
  const intent = formData.get("intent");
  if (intent !== "suggestion-done" && intent !== "suggestion-declined") return false;
  const parsed = CloseSuggestionSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) throw badRequest();
  await closeSuggestion(target, parsed.data.suggestionId, parsed.data.intent === "suggestion-done" ? "done" : "declined", userId);
  return true;
}
