import type { SubmissionResult } from "@conform-to/react";
import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorList, StatusButton } from "#app/components/forms";
import { Pagination } from "#app/components/pagination";
import { INVITATION_PARAMS, invitationListHref, type InvitationFilters } from "#app/modules/invitations/invitation-filters";
import { invitationStates, type InvitationState } from "#app/modules/invitations/invitation-rules";
import { formatDate, useRootData } from "#app/utils/misc";
import type { UserRole } from "#db/schema/user-enums";

export type InvitationRow = {
  id: string;
  email: string;
  role: UserRole;
  state: InvitationState;
  sentAt: string;
  sendCount: number;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
  partnerName: string | null;
  inviterName: string | null;
  acceptedUserId: string | null;
  accepterName: string | null;
};

type ListProps = {
  rows: InvitationRow[];
  filters: InvitationFilters;
  total: number;
  page: number;
  pages: number;
  presetRoles: UserRole[];
  rowResult: SubmissionResult<string[]> | undefined;
};

/** What the state column says: the state, and its date. */
function StateCell({ row }: { row: InvitationRow }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const date = (value: string) => formatDate(lang, value, { dateStyle: "medium" });
  const state = t(`invitations.states.${row.state}`);
  switch (row.state) {
    case "pending":
      return (
        <>
          {state}, {t("invitations.list.validUntil", { date: date(row.expiresAt) })}
        </>
      );
    case "expired":
      return <>{t("invitations.list.expiredOn", { date: date(row.expiresAt) })}</>;
    case "accepted":
      return (
        <>
          {state} ({date(row.acceptedAt!)})
          {row.acceptedUserId && row.accepterName ? (
            <>
              {" "}
              {t("invitations.list.acceptedBy")} <Link to={`/verwaltung/personen/${row.acceptedUserId}`}>{row.accepterName}</Link>
            </>
          ) : null}
        </>
      );
    case "revoked":
      return (
        <>
          {state} ({date(row.revokedAt!)})
        </>
      );
  }
}

/** Resend and withdraw, for open invitations of a role the viewer may invite into. */
function RowActions({ row, presetRoles }: { row: InvitationRow; presetRoles: UserRole[] }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (row.state !== "pending" && row.state !== "expired") return null;
  if (!presetRoles.includes(row.role)) return <>{t("invitations.list.adminOnly")}</>;
  // Posted to the page as shown, so that the redirect brings back the same filter and page.
  const action = `${location.pathname}${location.search}`;
  return (
    <div className="admin-inline">
      <Form method="post" action={action}>
        <input type="hidden" name="intent" value="resend" />
        <input type="hidden" name="id" value={row.id} />
        <StatusButton className="button button--secondary">
          {t("invitations.list.resend")}
          <span className="visually-hidden"> ({row.email})</span>
        </StatusButton>
      </Form>
      <Form method="post" action={action}>
        <input type="hidden" name="intent" value="revoke" />
        <input type="hidden" name="id" value={row.id} />
        <StatusButton className="button button--secondary">
          {t("invitations.list.revoke")}
          <span className="visually-hidden"> ({row.email})</span>
        </StatusButton>
      </Form>
    </div>
  );
}

/** The invitations sent, newest first, with a filter by state and a page of 50. */
export function InvitationList({ rows, filters, total, page, pages, presetRoles, rowResult }: ListProps) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const location = useLocation();
  return (
    <>
      <ErrorList errors={rowResult?.error?.[""] ?? undefined} announce />
      <Form key={location.search} method="get" role="search" aria-label={t("invitations.list.filterLabel")} className="admin-filters">
        <div className="field">
          <label htmlFor="invitation-state">{t("invitations.list.state")}</label>
          <select id="invitation-state" name={INVITATION_PARAMS.state} defaultValue={filters.state ?? ""}>
            <option value="">{t("invitations.list.any")}</option>
            {invitationStates.map((state) => (
              <option key={state} value={state}>
                {t(`invitations.states.${state}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="admin-filters__actions">
          <button type="submit" className="button button--secondary">
            {t("invitations.list.submit")}
          </button>
        </div>
      </Form>
      <p role="status">{t("invitations.list.found", { count: total })}</p>
      {rows.length === 0 ? (
        <p>{t("invitations.list.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="admin-table">
            <caption className="visually-hidden">{t("invitations.list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("invitations.list.email")}</th>
                <th scope="col">{t("invitations.list.role")}</th>
                <th scope="col">{t("invitations.list.organisation")}</th>
                <th scope="col">{t("invitations.list.sent")}</th>
                <th scope="col">{t("invitations.list.status")}</th>
                <th scope="col">{t("invitations.list.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const sent = formatDate(lang, row.sentAt, { dateStyle: "medium", timeStyle: "short" });
                return (
                  <tr key={row.id} data-state={row.state}>
                    <th scope="row">{row.email}</th>
                    <td>{t(`admin.roles.${row.role}`)}</td>
                    <td>{row.partnerName ?? "–"}</td>
                    <td>
                      {row.inviterName ? t("invitations.list.sentBy", { date: sent, name: row.inviterName }) : t("invitations.list.sentByFormer", { date: sent })}
                      <br />
                      {t("invitations.list.sendCount", { count: row.sendCount })}
                    </td>
                    <td>
                      <StateCell row={row} />
                    </td>
                    <td>
                      <RowActions row={row} presetRoles={presetRoles} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={pages} href={(to) => invitationListHref(filters, to)} keys="invitations.list" />
    </>
  );
}
