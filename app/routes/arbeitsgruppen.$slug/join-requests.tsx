import { Form, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "#app/utils/use-translation";
import { StatusButton } from "#app/components/forms";
import { formatDate, useRootData } from "#app/utils/misc";
import type { loader } from "./data.server";

/** For the group's coordinators: the open requests to join, each to approve or decline, and where to share the request link. */
export function JoinRequests({ sinceField }: { sinceField: ReactNode }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { group, coordinates, requests } = useLoaderData<typeof loader>();
  if (!coordinates) return null;
  return (
    <>
      {requests.length > 0 ? (
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
                  {sinceField}
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
      {group.visibility === "private" ? <p className="field__hint">{t("groups.requestLinkHint", { path: `/arbeitsgruppen/anfragen/${group.slug}` })}</p> : null}
    </>
  );
}
