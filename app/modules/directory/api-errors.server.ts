import { json } from "@remix-run/node";
import type { z } from "zod";

/** An error answer of the JSON API (`/api/v1/…`): `{ "error": { "field"?, "message" } }` with its status. */
export function apiError(status: number, message: string, field?: string) {
  return json({ error: field === undefined ? { message } : { field, message } }, { status });
}

/** 400, naming the first query parameter the API's schema refused and why. */
export function invalidParameter(error: z.ZodError) {
  const issue = error.issues[0]!;
  return apiError(400, issue.message, String(issue.path[0]));
}
