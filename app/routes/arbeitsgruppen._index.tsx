import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getOptionalUser } from "~/modules/auth/session.server";
import { listGroups } from "~/modules/groups/groups.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "nav.groups");

export async function loader({ request }: LoaderFunctionArgs) {
  return json({ groups: await listGroups(await getOptionalUser(request)) });
}

export default function GroupsPage() {
  const { t } = useTranslation();
  const { groups } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("nav.groups")}</h1>
      <p className="lead">{t("sections.groupsIntro")}</p>
      {groups.length === 0 ? <p>{t("sections.empty")}</p> : null}
      <ul className="cards">
        {groups.map((group) => (
          <li key={group.slug} className="card">
            <h2>
              <Link to={`/arbeitsgruppen/${group.slug}`}>{group.name}</Link>
            </h2>
            <p>{group.focus}</p>
            <p className="hit__meta">
              {t("groups.members", { count: group.members })}
              {group.visibility === "private" ? ` · ${t("groups.private")}` : ""}
              {group.isMember ? ` · ${t("groups.youAreMember")}` : ""}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
