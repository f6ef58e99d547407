import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { StatusButton } from "#app/components/forms";
import { getOptionalUser, logout } from "#app/modules/auth/session.server";
import { pageTitle } from "#app/utils/meta";
import { redirectWithToast } from "#app/utils/toast.server";

export const meta: MetaFunction = (args) => pageTitle(args, "auth.signOutTitle");

// Signing out is a POST; this page only offers the button (e.g. for a bookmarked link).
export async function loader({ request }: LoaderFunctionArgs) {
  if (!(await getOptionalUser(request))) throw redirect("/");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const setCookie = await logout(request);
  return redirectWithToast("/", "signedOut", { headers: { "Set-Cookie": setCookie } });
}

export default function SignOutPage() {
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <h1>{t("auth.signOutTitle")}</h1>
      <p>{t("auth.signOutQuestion")}</p>
      <Form method="post">
        <StatusButton>{t("auth.signOutSubmit")}</StatusButton>
      </Form>
    </div>
  );
}
