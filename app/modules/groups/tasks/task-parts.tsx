import { isRouteErrorResponse, Link, useParams } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { useRootData } from "#app/utils/misc";
import { formatDay } from "./task-dates";

/** The due day of a task, with the "überfällig" mark when it has passed; `bare` where a heading says "Fällig am". */
export function DueDate({ dueDate, overdue, bare = false }: { dueDate: string | null; overdue: boolean; bare?: boolean }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  if (!dueDate) return <span className="task-due task-due--none">{t("tasks.noDueDate")}</span>;
  return (
    <span className="task-due">
      {bare ? null : `${t("tasks.dueOn")} `}
      <time dateTime={dueDate}>{formatDay(lang, dueDate)}</time>
      {overdue ? (
        <>
          {" "}
          <span className="badge badge--overdue">{t("tasks.overdue")}</span>
        </>
      ) : null}
    </span>
  );
}

/** Who works on a task; people who may not see the group's members see only how many. */
export function Assignees({ names, count, bare = false }: { names: string[] | null; count: number; bare?: boolean }) {
  const { t } = useTranslation();
  if (count === 0) return <>{t("tasks.nobodyAssigned")}</>;
  if (!names) return <>{t("tasks.assigneeCount", { count })}</>;
  return <>{bare ? names.join(", ") : t("tasks.assignedTo", { names: names.join(", ") })}</>;
}

/** 404 and 500 as everywhere; a refusal (403) says that only members write and where to join. */
export function TaskErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const { slug } = useParams();
  if (!isRouteErrorResponse(error) || error.status !== 403) return <ErrorPage error={error} />;
  return (
    <div className="page page--narrow">
      <h1>{t("tasks.forbidden.title")}</h1>
      <p>{t("tasks.forbidden.text")}</p>
      <p>
        <Link to={`/arbeitsgruppen/${slug ?? ""}`}>{t("tasks.forbidden.toGroup")}</Link>
      </p>
    </div>
  );
}
