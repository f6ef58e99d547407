import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { safeRedirect } from "#app/utils/safe-redirect.server";
import { isSupportedLanguage, languageCookie } from "#app/utils/i18n.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const lang = formData.get("lang");
  const target = safeRedirect(formData.get("redirectTo"), "/");
  if (!isSupportedLanguage(lang)) return redirect(target, 303);
  return redirect(target, { status: 303, headers: { "Set-Cookie": await languageCookie.serialize(lang) } });
}
