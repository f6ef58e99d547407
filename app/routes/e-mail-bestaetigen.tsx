import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { confirmEmail } from "#app/modules/auth/accounts.server";
import { pageTitle } from "#app/utils/meta";
import { redirectWithToast } from "#app/utils/toast.server";

export const meta: MetaFunction = (args) => pageTitle(args, "auth.verifyTitle");

// Following the link is the confirmation: it proves access to the mailbox, whoever is signed in.
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  if (token && (await confirmEmail(token))) throw await redirectWithToast("/konto", "emailVerified");
  return null;
}

export default function VerifyEmailPage() {
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <h1>{t("auth.verifyTitle")}</h1>
      <p>{t("auth.verifyInvalid")}</p>
      <p>
        <Link to="/konto">{t("nav.account")}</Link>
      </p>
    </div>
  );
}
