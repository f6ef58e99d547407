import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { StatusButton } from "#app/components/forms";
import { requireUser } from "#app/modules/auth/session.server";
import { errorTitleKey } from "#app/modules/groups/group-meta";
import { InvitationAnswerSchema } from "#app/modules/groups/group-schemas";
import { getGroupAccess } from "#app/modules/groups/group-access.server";
import { answerInvitation, canAnswerInvitations, getInvitationFor } from "#app/modules/groups/membership/invitations.server";
import groupStyles from "#app/styles/groups.css";
import { notFound } from "#app/utils/http";
import { pageTitle } from "#app/utils/meta";
import { formatDate, useRootData } from "#app/utils/misc";
import { redirectWithToast } from "#app/utils/toast.server";

// The title never names the group: it is the same for every invitation.
export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, args.data ? "groupAdmin.invitation.title" : errorTitleKey(args.error));

export const links = () => [{ rel: "stylesheet", href: groupStyles }];

/**
 * An invitation is for the account with its address and nobody else: anyone else gets the 404 of
 * a missing page. An address not confirmed yet sees only that it must be confirmed first, not the
 * group — whoever typed someone else's address at registration learns nothing. Only an open
 * invitation shows its group: once it is revoked or declined, or the person has left the group
 * again, the link is a 404 like any other.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const invitation = await getInvitationFor(params.id ?? "", user);
  if (!invitation) throw notFound();
  if (!canAnswerInvitations(user)) return json({ confirmFirst: true as const, invitation: null });
  if (invitation.status !== "pending") {
    const access = await getGroupAccess(invitation.group.slug, user);
    if (invitation.status === "accepted" && access?.isMember) return redirect(`/arbeitsgruppen/${invitation.group.slug}`);
    throw notFound();
  }
  return json({ confirmFirst: false as const, invitation });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = InvitationAnswerSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ error: "groupAdmin.unknownIntent" }, { status: 400 });
  const accept = parsed.data.intent === "accept";
  const slug = await answerInvitation(params.id ?? "", user, accept);
  if (!slug) throw notFound();
  return accept ? redirectWithToast(`/arbeitsgruppen/${slug}`, "groupAdmin.toast.invitationAccepted") : redirectWithToast("/", "groupAdmin.toast.invitationDeclined");
}

export default function InvitationPage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { confirmFirst, invitation } = useLoaderData<typeof loader>();
  return (
    <div className="page page--narrow">
      <h1>{t("groupAdmin.invitation.title")}</h1>
      {confirmFirst || !invitation ? (
        <p>
          {t("groupAdmin.invitation.confirmFirst")} <Link to="/konto">{t("groupAdmin.invitation.toAccount")}</Link>
        </p>
      ) : (
        <>
          <p className="lead">
            {invitation.inviterName
              ? t("groupAdmin.invitation.intro", { inviter: invitation.inviterName, group: invitation.group.name })
              : t("groupAdmin.invitation.introAnonymous", { group: invitation.group.name })}
          </p>
          <p>
            {invitation.group.focus} · {invitation.group.visibility === "private" ? t("groups.private") : t("groups.public")}
          </p>
          {invitation.message ? (
            <figure className="notice">
              <blockquote className="group-description">{invitation.message}</blockquote>
              <figcaption>{t("groupAdmin.invitation.messageFrom", { name: invitation.inviterName ?? t("groups.coordinator"), date: formatDate(lang, invitation.createdAt) })}</figcaption>
            </figure>
          ) : null}
          <Form method="post" className="suggestion__actions">
            <StatusButton name="intent" value="accept">
              {t("groupAdmin.invitation.accept")}
            </StatusButton>
            <StatusButton name="intent" value="decline" className="button button--secondary">
              {t("groupAdmin.invitation.decline")}
            </StatusButton>
          </Form>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
