import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { getSessionForRoot } from "./modules/auth/session.server";
import { countUnread } from "./modules/notifications/notify.server";
import { getI18n } from "./utils/i18n.server";
import { getLanguageOffer, languageChoices } from "./utils/language-offer.server";
import { readToast } from "./utils/toast.server";

// The root loader lives apart from root.tsx so that modules the root renders can name its data's type
// (useRootData in utils/misc.ts) without importing root.tsx back.

/**
 * What every page needs: language, the signed-in person, the toast to show and the unread count. A session
 * that owes the two-factor setup is sent to the setup page from here (getSessionForRoot throws the redirect).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const [{ lang, dir }, session, toast, offer] = await Promise.all([getI18n(request), getSessionForRoot(request), readToast(request), getLanguageOffer(request)]);
  const headers = new Headers();
  // Without a language cookie the page offers the browser's language: it differs by Accept-Language (root.tsx passes this on).
  if (offer.varies) headers.set("Vary", "Accept-Language");
  if (session.setCookie) headers.append("Set-Cookie", session.setCookie);
  if (toast.setCookie) headers.append("Set-Cookie", toast.setCookie);
  // The header's badge: one indexed count, signed-in people only (0 when it cannot be read).
  const unreadNotifications = session.user ? await countUnread(session.user.id) : 0;
  return json(
    {
      lang,
      dir,
      languages: languageChoices(),
      languageOffer: offer.offer,
      user: session.user ? { displayName: session.user.displayName, role: session.user.role } : null,
      // While the two-factor setup is owed, every navigation asks the root again (see shouldRevalidate in root.tsx).
      twoFactorSetupOwed: session.twoFactor === "setup",
      toast: toast.toast,
      unreadNotifications,
    },
    { headers },
  );
}
