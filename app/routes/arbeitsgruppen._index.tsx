import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { getOptionalUser } from "#app/modules/auth/session.server";
import { canCreateGroups, listGroups } from "#app/modules/groups/groups.server";
import groupStyles from "#app/styles/groups.css";
import { pageTitle } from "#app/utils/meta";
import { formatDate, useRootData } from "#app/utils/misc";
import { InLang } from "#app/utils/content-lang";

export const meta: MetaFunction = (args) => pageTitle(args, "nav.groups");

export const links = () => [{ rel: "stylesheet", href: groupStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  return json({ groups: await listGroups(user), canCreate: canCreateGroups(user) });
}

export default function GroupsPage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { groups, canCreate } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("nav.groups")}</h1>
      <p className="lead">{t("sections.groupsIntro")}</p>
      {canCreate ? (
        <p>
          <Link to="/arbeitsgruppen/neu" className="button">
            {t("groupAdmin.new.link")}
          </Link>
        </p>
      ) : null}
      {groups.length === 0 ? (
        <p>{t("sections.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="group-table">
            <caption className="visually-hidden">{t("groupAdmin.list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("groupAdmin.list.name")}</th>
                <th scope="col">{t("groupAdmin.list.focus")}</th>
                <th scope="col">{t("groupAdmin.list.members")}</th>
                <th scope="col">{t("groupAdmin.list.nextMeeting")}</th>
                <th scope="col">{t("groupAdmin.list.openTasks")}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((group) => (
                <tr key={group.slug}>
                  <th scope="row">
                    <Link to={`/arbeitsgruppen/${group.slug}`}>
                      <InLang>{group.name}</InLang>
                    </Link>
                    {group.visibility === "private" || group.isMember ? (
                      <span className="group-table__tags">
                        {group.visibility === "private" ? <span className="badge">{t("groups.private")}</span> : null}
                        {group.isMember ? <span className="badge badge--open">{t("groups.youAreMember")}</span> : null}
                      </span>
                    ) : null}
                  </th>
                  <td>{group.focus}</td>
                  <td>{group.members}</td>
                  <td>
                    {group.nextMeetingAt ? (
                      formatDate(lang, group.nextMeetingAt, { dateStyle: "medium", timeStyle: "short" })
                    ) : (
                      <span className="group-table__none">{t("groupAdmin.list.noMeeting")}</span>
                    )}
                  </td>
                  <td>{group.openTasks}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
