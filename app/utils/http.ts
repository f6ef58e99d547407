import type { SubmissionResult } from "@conform-to/react";

// The answers a loader or action throws when it stops a request, in one place. A private item and a
// missing one answer the same 404, so outsiders learn nothing from the difference.

/** 400: the request itself is malformed (an unknown intent, a field the form never sends). */
export function badRequest(): Response {
  return new Response("Bad Request", { status: 400 });
}

/** 404: missing, or not visible to this person. */
export function notFound(): Response {
  return new Response("Not Found", { status: 404 });
}

/** 403: visible, but this person may not do this. */
export function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

/** Throws a 404 response unless the value is there; narrows it otherwise. */
export function requireFound<T>(value: T | null | undefined | false): T {
  if (value === null || value === undefined || value === false) throw notFound();
  return value;
}

/** A write function's refusal: why it changed nothing, and how long to wait when throttled. */
export type Refusal<E extends string = string> = { ok: false; error: E; retryAfterSeconds?: number };

/** Where a refusal shows on the form: a message key, on one field or (without `field`) on the form. */
export type RefusalMessages<E extends string> = { [K in E]?: { message: string; field?: string } };

type Reply = (options: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => SubmissionResult<string[]>;

/** The wait a 429 names, in whole seconds (at least one): every 429 of the site carries it. */
export function retryAfter(seconds: number | undefined): Headers {
  return new Headers({ "Retry-After": String(Math.max(1, Math.ceil(seconds ?? 60))) });
}

/**
 * The one mapping of a refused write to what the action answers: "notFound" and "forbidden" become
 * the 404 and 403 responses (thrown); "throttled" becomes 429 with the wait in the message
 * ("key|seconds") and in `Retry-After` (pass `headers` on); every other refusal is a 400 with its
 * message at the field it belongs to.
 */
export function refusalReply<E extends string>(refusal: Refusal<E>, reply: Reply, messages: RefusalMessages<E>): { result: SubmissionResult<string[]>; status: number; headers: Headers } {
  if (refusal.error === "notFound") throw notFound();
  if (refusal.error === "forbidden") throw forbidden();
  const throttled = refusal.error === "throttled";
  const shown = messages[refusal.error] ?? { message: "form.refused" };
  const wait = retryAfter(refusal.retryAfterSeconds);
  const message = throttled ? `${shown.message}|${wait.get("Retry-After")}` : shown.message;
  const result = shown.field ? reply({ fieldErrors: { [shown.field]: [message] } }) : reply({ formErrors: [message] });
  return { result, status: throttled ? 429 : 400, headers: throttled ? wait : new Headers() };
}
