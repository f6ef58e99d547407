// The numbers of hiding by flags, without zod or the database: the form shows them too.

/** Flags from this many different people hide a post until a coordinator looks at it (while unchanged). */
export const DEFAULT_FLAGS_TO_HIDE = 3;
/** The threshold an admin may choose: 0 (never hide by flags alone) up to this. */
export const MAX_FLAGS_TO_HIDE = 50;
