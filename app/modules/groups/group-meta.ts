import { isRouteErrorResponse } from "@remix-run/react";

/**
 * The title key of the error page a route shows: a 404 gets exactly the title of any missing page,
 * so a private group's pages cannot be told apart from pages that do not exist.
 */
export function errorTitleKey(error: unknown): string {
  if (isRouteErrorResponse(error) && error.status === 403) return "errors.forbiddenTitle";
  if (isRouteErrorResponse(error) && error.status === 404) return "errors.notFoundTitle";
  return "errors.serverErrorTitle";
}
