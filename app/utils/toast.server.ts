import { createCookie } from "@remix-run/node";

// Only message keys travel in this cookie, and only known ones are shown: it needs no signature.
export const TOAST_KEYS = [
  "signedIn",
  "signedOut",
  "registered",
  "emailVerified",
  "verificationSent",
  "verificationThrottled",
  "passwordChanged",
  "passwordReset",
  "languageChanged",
] as const;
export type ToastKey = (typeof TOAST_KEYS)[number];

const toastCookie = createCookie("kw_toast", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 });

/** A redirect that shows a short notice on the next page. */
export async function redirectWithToast(url: string, toast: ToastKey, init: { headers?: HeadersInit } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await toastCookie.serialize(toast));
  headers.set("Location", url);
  return new Response(null, { status: 303, headers });
}

/** The notice waiting for this request, and the header that clears it. */
export async function readToast(request: Request): Promise<{ toast: ToastKey | null; setCookie: string | null }> {
  const value: unknown = await toastCookie.parse(request.headers.get("Cookie"));
  if (typeof value !== "string") return { toast: null, setCookie: null };
  const toast = (TOAST_KEYS as readonly string[]).includes(value) ? (value as ToastKey) : null;
  return { toast, setCookie: await toastCookie.serialize("", { maxAge: 0 }) };
}
