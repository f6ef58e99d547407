import { getEnv } from "./env.server";

// C0 controls, DEL and the backslash: browsers drop tabs and newlines and read "\" as "/", so "/\t/x" and "/\x" are "//x".
const isForbiddenCharacter = (character: string) => character <= "\u001f" || character === "\u007f" || character === "\\";

/** A path that a browser reads on the same host: one "/" first, then no second "/" that would start a host. */
function isPlainPath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && ![...path].some(isForbiddenCharacter);
}

function decodedPath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/**
 * A path on this site to go to after a form or a sign-in; anything else becomes the fallback. Accepted is a path with
 * a single leading "/", without control characters or backslashes, that resolves against APP_URL to APP_URL's origin
 * and stays a plain path after the URL parser has normalised it (so "/.//evil.example", which the parser turns into
 * "//evil.example", falls back) and after its path is percent-decoded once (so "/%2F%2Fevil.example" falls back too,
 * should a proxy or a later step decode it). Returns the normalised path with its query and fragment.
 */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = "/", origin = getEnv().appOrigin): string {
  if (typeof target !== "string" || !isPlainPath(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin) return fallback;
  const decoded = decodedPath(url.pathname);
  if (!isPlainPath(url.pathname) || decoded === null || !isPlainPath(decoded)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Where a guest was going (path and query of the request), to come back to after signing in; "/" when that is no plain path. */
export function safeRedirectTarget(request: Request): string {
  const url = new URL(request.url);
  return safeRedirect(`${url.pathname}${url.search}`, "/");
}
