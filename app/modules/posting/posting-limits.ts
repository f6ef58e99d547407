import type { RefusalMessages } from "#app/utils/http";

// The numbers of the posting rules (posting-rules.server.ts) and how a refusal reads at the form.

/** How long an account is new: its posts hold few links and mentions (spam accounts post at once). */
export const NEW_ACCOUNT_HOURS = 24;
/** What a new account's post (and a guest's, always) may hold at most: links and @mentioned people. */
export const NEW_ACCOUNT_LIMITS = { links: 2, mentions: 2 } as const;
/** The same text by the same author within this time is refused as a repeat (double submit, copy spam). */
export const REPEAT_WINDOW_MINUTES = 5;

/** Why the posting rules refuse a post. */
export type PostRefusal = "tooManyLinks" | "tooManyMentions" | "repeated";

/**
 * Where a refused post shows: at its text, which stays as typed. Spread into the refusal messages of
 * every form that posts, so each says the same.
 */
export const POSTING_REFUSALS = {
  tooManyLinks: { message: `posting.refused.tooManyLinks|${NEW_ACCOUNT_LIMITS.links}`, field: "body" },
  tooManyMentions: { message: `posting.refused.tooManyMentions|${NEW_ACCOUNT_LIMITS.mentions}`, field: "body" },
  repeated: { message: `posting.refused.repeated|${REPEAT_WINDOW_MINUTES}`, field: "body" },
} satisfies RefusalMessages<PostRefusal>;
