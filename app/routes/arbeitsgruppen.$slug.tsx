import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-boundary";
import { StatusButton } from "~/components/forms";
import { getOptionalUser, requireUser } from "~/modules/auth/session.server";
import { DecideSchema } from "~/modules/groups/group-schemas";
import { coordinatesGroup, decideRequest, getMembers, getPendingRequests, getVisibleGroup, joinPublicGroup, leaveGroup } from "~/modules/groups/groups.server";
import { formatDate, useRootData } from "~/utils/misc";

// The title comes from loader data, which a private group only gives its members.
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.group.name} · Kurze Wege` : "Kurze Wege" }];

const notFound = () => new Response("Not Found", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const visible = await getVisibleGroup(params.slug ?? "", user);
  if (!visible?.canRead) throw notFound();
  const { group, role } = visible;
  const coordinates = user ? coordinatesGroup(user, role) : false;
  // Who is in a group is for its members and coordinators; guests of a public group see the group only.
  const members = role || coordinates ? await getMembers(group.id) : [];
  const requests = coordinates ? await getPendingRequests(group.id) : [];
  const { id: _id, ...shown } = group;
  return json({ group: shown, role, signedIn: Boolean(user), coordinates, members, requests });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const visible = await getVisibleGroup(params.slug ?? "", user);
  if (!visible?.canRead) throw notFound();
  const { group, role } = visible;
  const formData = await request.formData();
  const intent = formData.get("intent");
  const here = `/arbeitsgruppen/${group.slug}`;
  if (intent === "join") {
    // Private groups are joined through a request, never with a click.
    if (group.visibility !== "public") throw new Response("Forbidden", { status: 403 });
    await joinPublicGroup(group.id, user.id);
    return redirect(here, 303);
  }
  if (intent === "leave") {
    await leaveGroup(group.id, user.id);
    return redirect(group.visibility === "private" ? "/arbeitsgruppen" : here, 303);
  }
  const decision = DecideSchema.safeParse(Object.fromEntries(formData));
  if (decision.success) {
    if (!coordinatesGroup(user, role)) throw new Response("Forbidden", { status: 403 });
    await decideRequest(group.id, decision.data.requestId, decision.data.intent === "approve", user.id);
    return redirect(here, 303);
  }
  return json({ error: "unknown intent" }, { status: 400 });
}

export default function GroupPage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { group, role, signedIn, coordinates, members, requests } = useLoaderData<typeof loader>();
  return (
    <article className="page">
      <p className="entry__kind">{group.visibility === "private" ? t("groups.private") : t("groups.public")}</p>
      <h1>{group.name}</h1>
      <p className="lead">{group.focus}</p>
      {group.description ? <p>{group.description}</p> : null}
      {signedIn ? (
        <Form method="post" className="no-print">
          {role ? (
            <StatusButton name="intent" value="leave" className="button button--secondary">
              {t("groups.leave")}
            </StatusButton>
          ) : group.visibility === "public" ? (
            <StatusButton name="intent" value="join">
              {t("groups.join")}
            </StatusButton>
          ) : null}
        </Form>
      ) : (
        <p>{t("groups.signInToJoin")}</p>
      )}
      {coordinates && requests.length > 0 ? (
        <section aria-labelledby="requests-heading" className="notice">
          <h2 id="requests-heading">{t("groups.requests", { count: requests.length })}</h2>
          <ul className="plain">
            {requests.map((joinRequest) => (
              <li key={joinRequest.id} className="suggestion">
                <p>
                  <strong>{joinRequest.displayName}</strong> ({formatDate(lang, joinRequest.createdAt)}){joinRequest.message ? `: ${joinRequest.message}` : ""}
                </p>
                <Form method="post" className="suggestion__actions">
                  <input type="hidden" name="requestId" value={joinRequest.id} />
                  <StatusButton name="intent" value="approve" className="button button--secondary">
                    {t("groups.approve", { name: joinRequest.displayName })}
                  </StatusButton>
                  <StatusButton name="intent" value="decline" className="button button--secondary">
                    {t("groups.decline", { name: joinRequest.displayName })}
                  </StatusButton>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {coordinates && group.visibility === "private" ? <p className="field__hint">{t("groups.requestLinkHint", { path: `/arbeitsgruppen/anfragen/${group.slug}` })}</p> : null}
      {members.length > 0 ? (
        <section aria-labelledby="members-heading">
          <h2 id="members-heading">{t("groups.members", { count: members.length })}</h2>
          <ul className="plain">
            {members.map((member) => (
              <li key={member.userId}>
                {member.displayName}
                {member.role === "coordinator" ? ` (${t("groups.coordinator")})` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
