import type { Refusal } from "#app/utils/http";

/** What an Open Mic write answers: done (with what it made), or refused and why (see `refusalReply`). */
export type WriteResult<E extends string, T = object> = ({ ok: true } & T) | Refusal<E>;
