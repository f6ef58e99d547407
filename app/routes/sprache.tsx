import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "#app/modules/auth/session.server";
import { setUserLocale } from "#app/modules/auth/users.server";
import { safeRedirect } from "#app/utils/safe-redirect.server";
import { isSupportedLanguage, languageCookie } from "#app/utils/i18n.server";

export async function loader() {
  return redirect("/");
}

/**
 * The language switch: the choice goes into a cookie and, for a signed-in person, onto the account,
 * so that their mails come in the language they read the site in.
 */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const lang = formData.get("lang");
  const target = safeRedirect(formData.get("redirectTo"), "/");
  if (!isSupportedLanguage(lang)) return redirect(target, 303);
  const user = await getOptionalUser(request);
  if (user) await setUserLocale(user.id, lang);
  return redirect(target, { status: 303, headers: { "Set-Cookie": await languageCookie.serialize(lang) } });
}
