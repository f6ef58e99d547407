// What a viewer may learn of a topic's posts. These rules keep "anonym" anonymous and hidden posts
// hidden: a name or a text that does not pass here never reaches the page's data.

/** Who wrote a post, as a viewer may know it: a name, "anonym", a guest, or a former member. */
export type AuthorView = { kind: "member" | "anonymous" | "guest" | "former"; name: string | null };

type Viewer = { userId: string | null; coordinator: boolean };

/** The author of a post for this viewer: the name behind "anonym" reaches coordinators only. */
export function authorOf(row: { authorId: string | null; anonymous: boolean; authorName: string | null; guestName?: string | null }, coordinator: boolean, guestPossible: boolean): AuthorView {
  if (row.anonymous) return { kind: "anonymous", name: coordinator ? row.authorName : null };
  if (row.authorId && row.authorName) return { kind: "member", name: row.authorName };
  if (guestPossible) return { kind: "guest", name: row.guestName ?? null };
  return { kind: "former", name: null };
}

type Edit = { replyId: string | null; previousTitle: string | null; previousBody: string | null; reason: string; createdAt: Date };

/** What the moderation changed in one post: that it happened, for everyone; what it was before, only when `mayCompare`. */
export function moderationEditsOf(edits: Edit[], replyId: string | null, mayCompare: boolean) {
  const own = edits.filter((edit) => edit.replyId === replyId);
  if (own.length === 0) return null;
  return {
    at: own[own.length - 1]!.createdAt,
    changes: mayCompare ? own.map(({ replyId: _replyId, ...edit }) => edit) : null,
  };
}

type ReplyRow = {
  id: string;
  authorId: string | null;
  anonymous: boolean;
  authorName: string | null;
  partnerName: string | null;
  partnerSlug: string | null;
  body: string;
  language: string;
  editedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  hiddenByFlags: boolean;
  createdAt: Date;
};

/** One reply as this viewer may see it; `open` says whether the topic still takes corrections. */
export function replyView(reply: ReplyRow, edits: Edit[], viewer: Viewer, open: boolean) {
  const { coordinator } = viewer;
  const hidden = reply.hiddenAt !== null;
  // Held by flags: hidden until a coordinator looks at it; nothing was decided yet.
  const held = hidden && reply.hiddenByFlags;
  const mine = viewer.userId !== null && reply.authorId === viewer.userId;
  // A hidden reply is, for all but coordinators, no more than "ausgeblendet" and the reason:
  // who wrote it, when, and what the moderation did before stay with the coordination. A held
  // reply stays readable for its author, who learns that it waits for the coordination.
  if (hidden && !coordinator && !(held && mine)) {
    return {
      id: reply.id,
      author: null,
      partner: null,
      body: null,
      language: null,
      hidden: { reason: reply.hiddenReason ?? "", held, own: false },
      createdAt: null,
      editedAt: null,
      moderated: null,
      canEdit: false,
    };
  }
  const partner = reply.partnerName && reply.partnerSlug ? { name: reply.partnerName, slug: reply.partnerSlug } : null;
  return {
    id: reply.id,
    // A reply in a partner's name is the partner's: the person who wrote it is named to coordinators only.
    author: partner && !coordinator ? null : authorOf(reply, coordinator, false),
    partner,
    body: reply.body,
    language: reply.language,
    // `own`: the author reads their held reply (coordinators read every hidden one anyway).
    hidden: hidden ? { reason: reply.hiddenReason ?? "", held, own: held && mine && !coordinator } : null,
    createdAt: reply.createdAt,
    editedAt: reply.editedAt,
    moderated: moderationEditsOf(edits, reply.id, mine || coordinator),
    canEdit: mine && !hidden && open,
  };
}

/**
 * The supporters' names for a signed-in viewer (guests get the count only). The author of an
 * anonymous topic who supports it is counted, not named: the name would give them away.
 */
export function supporterNames(supporters: { userId: string; name: string }[], topic: { anonymous: boolean; authorId: string | null }, viewer: Viewer & { signedIn: boolean }) {
  if (!viewer.signedIn) return null;
  return supporters.filter((row) => viewer.coordinator || !(topic.anonymous && row.userId === topic.authorId)).map((row) => row.name);
}
