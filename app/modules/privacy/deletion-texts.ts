// What stays in place of a deleted account and its removed posts. Stored in the database, so in the
// installation's main language (German), like the rest of the content.

/** The display name of a deleted account: posts it left show this instead of the name. */
export const DELETED_MEMBER_NAME = "ehemaliges Mitglied";

/** The title of a topic whose author deleted it together with their account, kept because others answered. */
export const REMOVED_TOPIC_TITLE = "Gelöschtes Anliegen";

/** The title of a group thread kept for the same reason. */
export const REMOVED_THREAD_TITLE = "Gelöschtes Thema";

/** The text in place of a removed topic's description. */
export const REMOVED_POST_BODY = "Dieser Beitrag wurde mit dem Konto seiner Verfasserin oder seines Verfassers gelöscht.";
