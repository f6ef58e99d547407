import { createCookie } from "@remix-run/node";
import { DEFAULT_LANGUAGE } from "./i18n";
import { getMessages } from "./i18n.server";

// Only message keys travel in this cookie, and only keys of the German strings are shown: it needs
// no signature. A toast key is a full i18n key ("groups.toast.joined"); the older short keys
// ("signedIn") stand for "toast.signedIn".
export type ToastKey = string;

/** The i18n key a toast names, or null when no such string exists. */
export function toastMessageKey(toast: string): string | null {
  if (!/^[A-Za-z0-9_.]{1,120}$/.test(toast)) return null;
  const key = toast.includes(".") ? toast : `toast.${toast}`;
  let node: unknown = getMessages(DEFAULT_LANGUAGE);
  for (const part of key.split(".")) node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === "string" ? key : null;
}

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
  const toast = toastMessageKey(value);
  return { toast, setCookie: await toastCookie.serialize("", { maxAge: 0 }) };
}
