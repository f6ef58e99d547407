import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { TextareaField } from "#app/components/conform-fields";
import { ErrorList, Field, StatusButton } from "#app/components/forms";
import { getOptionalUser, requireUser } from "#app/modules/auth/session.server";
import { requireGroupAccess } from "#app/modules/groups/group-access.server";
import { errorTitleKey } from "#app/modules/groups/group-meta";
import { InviteSchema, MemberRoleSchema, RemoveMemberSchema, RevokeInvitationSchema } from "#app/modules/groups/group-schemas";
import { inviteToGroup, listGroupInvitations, revokeInvitation } from "#app/modules/groups/membership/invitations.server";
import { countMembers, getMembers, removeMember, setMemberRole } from "#app/modules/groups/membership/membership.server";
import groupStyles from "#app/styles/groups.css";
import { forbidden, notFound } from "#app/utils/http";
import { pageTitle, titleWith } from "#app/utils/meta";
import { formatDate, useRootData } from "#app/utils/misc";
import { redirectWithToast } from "#app/utils/toast.server";
import { groupRoles } from "#db/schema/group-enums";
import type { z } from "zod";

export const links = () => [{ rel: "stylesheet", href: groupStyles }];

// The group's name is in the title for those who may read the group; anyone else gets the 404 page's title.
export const meta: MetaFunction<typeof loader> = (args) => {
  if (!args.data) return pageTitle(args, errorTitleKey(args.error));
  const groupName = args.data.group.name;
  return titleWith(args, (t) => [t("groupAdmin.members.title"), groupName]);
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const { group, coordinates, seesPeople } = await requireGroupAccess(params.slug, user);
  // Everyone else sees how many are in the group, not who.
  const [memberCount, members, invitations] = await Promise.all([
    countMembers(group.id),
    seesPeople ? getMembers(group.id) : Promise.resolve([]),
    coordinates ? listGroupInvitations(group.id) : Promise.resolve([]),
  ]);
  return json({
    group: { slug: group.slug, name: group.name, visibility: group.visibility },
    viewerId: seesPeople ? user!.id : null,
    coordinates,
    memberCount,
    members,
    invitations,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { group, coordinates } = await requireGroupAccess(params.slug, user);
  if (!coordinates) throw forbidden();
  const formData = await request.formData();
  const intent = formData.get("intent");
  const here = `/arbeitsgruppen/${group.slug}/mitglieder`;
  if (intent === "invite") {
    const submission = parseWithZod(formData, { schema: InviteSchema });
    if (submission.status !== "success") return json({ inviteResult: submission.reply(), error: null }, { status: 400 });
    const result = await inviteToGroup(group, submission.value.email, submission.value.message, user);
    if (result.status !== "sent") {
      const message = result.status === "alreadyMember" ? "groupAdmin.invite.alreadyMember" : "groupAdmin.invite.alreadyInvited";
      return json({ inviteResult: submission.reply({ fieldErrors: { email: [message] } }), error: null }, { status: 400 });
    }
    return redirectWithToast(here, "groupAdmin.toast.invited");
  }
  if (intent === "revoke") {
    const parsed = RevokeInvitationSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success || !(await revokeInvitation(group.id, parsed.data.invitationId))) throw notFound();
    return redirectWithToast(here, "groupAdmin.toast.revoked");
  }
  if (intent === "role") {
    const parsed = MemberRoleSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw notFound();
    const result = await setMemberRole(group.id, parsed.data.userId, parsed.data.role);
    if (result === "notMember") throw notFound();
    if (result === "lastCoordinator") return json({ inviteResult: null, error: "groupAdmin.members.lastCoordinatorDemote" }, { status: 400 });
    return redirectWithToast(here, "groupAdmin.toast.roleChanged");
  }
  if (intent === "remove") {
    const parsed = RemoveMemberSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw notFound();
    const result = await removeMember(group.id, parsed.data.userId);
    if (result === "notMember") throw notFound();
    if (result === "lastCoordinator") return json({ inviteResult: null, error: "groupAdmin.members.lastCoordinatorRemove" }, { status: 400 });
    // Whoever took themselves out of a private group may no longer see this page.
    if (parsed.data.userId === user.id && group.visibility === "private") return redirect("/arbeitsgruppen", 303);
    return redirectWithToast(here, "groupAdmin.toast.removed");
  }
  return json({ inviteResult: null, error: "groupAdmin.unknownIntent" }, { status: 400 });
}

export default function MembersPage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { group, viewerId, coordinates, memberCount, members, invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [inviteForm, inviteFields] = useForm<z.input<typeof InviteSchema>>({
    id: "invite",
    lastResult: actionData?.inviteResult,
  });
  return (
    <div className="page">
      <p>
        <Link to={`/arbeitsgruppen/${group.slug}`}>{t("groupAdmin.backToGroupNamed", { group: group.name })}</Link>
      </p>
      <h1>{t("groupAdmin.members.title")}</h1>
      <p className="lead">{t("groups.members", { count: memberCount })}</p>
      {actionData?.error ? (
        <div role="alert" className="notice">
          <p>{t(actionData.error)}</p>
        </div>
      ) : null}
      {viewerId === null ? (
        <p>{t("groupAdmin.members.onlyMembersSee")}</p>
      ) : (
        <ul className="member-list">
          {members.map((member) => (
            <li key={member.userId}>
              <span>
                <strong>{member.displayName}</strong>
                {member.userId === viewerId ? ` (${t("groupAdmin.members.you")})` : ""}{" "}
                <span className={member.role === "coordinator" ? "badge badge--open" : "badge"}>{member.role === "coordinator" ? t("groups.coordinator") : t("groupAdmin.members.roleMember")}</span>
              </span>
              {coordinates ? (
                <div className="member-list__actions">
                  <Form method="post">
                    <input type="hidden" name="userId" value={member.userId} />
                    <label htmlFor={`role-${member.userId}`} className="visually-hidden">
                      {t("groupAdmin.members.roleOf", { name: member.displayName })}
                    </label>
                    <select id={`role-${member.userId}`} name="role" defaultValue={member.role}>
                      {groupRoles.map((option) => (
                        <option key={option} value={option}>
                          {option === "coordinator" ? t("groups.coordinator") : t("groupAdmin.members.roleMember")}
                        </option>
                      ))}
                    </select>
                    <StatusButton name="intent" value="role" className="button button--secondary">
                      {t("groupAdmin.members.changeRole")}
                      <span className="visually-hidden">: {member.displayName}</span>
                    </StatusButton>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="userId" value={member.userId} />
                    <StatusButton name="intent" value="remove" className="button button--secondary">
                      {t("groupAdmin.members.remove")}
                      <span className="visually-hidden">: {member.displayName}</span>
                    </StatusButton>
                  </Form>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {coordinates ? (
        <>
          <section aria-labelledby="invite-heading">
            <h2 id="invite-heading">{t("groupAdmin.invite.title")}</h2>
            <p>{t("groupAdmin.invite.intro")}</p>
            <Form method="post" className="page--narrow" {...getFormProps(inviteForm)}>
              <ErrorList id={inviteForm.errorId} errors={inviteForm.errors} announce />
              <Field label={t("groupAdmin.invite.email")} errors={inviteFields.email.errors} inputProps={getInputProps(inviteFields.email, { type: "email" })} />
              <TextareaField field={inviteFields.message} errors={inviteFields.message.errors} label={t("groupAdmin.invite.message")} rows={4} />
              <StatusButton name="intent" value="invite">
                {t("groupAdmin.invite.submit")}
              </StatusButton>
            </Form>
          </section>
          <section aria-labelledby="invitations-heading">
            <h2 id="invitations-heading">{t("groupAdmin.invite.pendingTitle")}</h2>
            {invitations.length === 0 ? (
              <p>{t("groupAdmin.invite.none")}</p>
            ) : (
              <ul className="member-list">
                {invitations.map((invitation) => (
                  <li key={invitation.id}>
                    <span>
                      <strong>{invitation.email}</strong>{" "}
                      <span className="group-item__meta">
                        {invitation.inviterName
                          ? t("groupAdmin.invite.sentBy", { name: invitation.inviterName, date: formatDate(lang, invitation.createdAt) })
                          : t("groupAdmin.invite.sentOn", { date: formatDate(lang, invitation.createdAt) })}
                      </span>
                    </span>
                    <Form method="post">
                      <input type="hidden" name="invitationId" value={invitation.id} />
                      <StatusButton name="intent" value="revoke" className="button button--secondary">
                        {t("groupAdmin.invite.revoke")}
                        <span className="visually-hidden">: {invitation.email}</span>
                      </StatusButton>
                    </Form>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
