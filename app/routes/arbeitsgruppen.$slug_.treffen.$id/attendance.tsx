import { useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { attendanceResponses } from "#db/schema/group-enums";
import type { action, loader } from "./data.server";

/**
 * Who comes, and a member's zusagen/absagen. With JavaScript the answer goes through a fetcher and
 * shows at once; without, the form posts the page. The action answers both with the same redirect.
 */
export function Attendance() {
  const { t } = useTranslation();
  const { counts, yesNames, noNames, myResponse, isMember, canAttend } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const fetcher = useFetcher<typeof action>();
  const sending = fetcher.formData?.get("response");
  const response = attendanceResponses.find((answer) => answer === sending) ?? myResponse;
  const error = (fetcher.data ?? actionData)?.error;
  return (
    <section aria-labelledby="teilnahme" className="meeting__attendance">
      <h2 id="teilnahme" tabIndex={-1}>
        {t("meetings.attendance.heading")}
      </h2>
      <p>
        {t("meetings.yesCount", { count: counts.yes })}, {t("meetings.noCount", { count: counts.no })}
      </p>
      {yesNames.length > 0 || noNames.length > 0 ? (
        <dl className="facts">
          {yesNames.length > 0 ? (
            <>
              <dt>{t("meetings.attendance.saidYes")}</dt>
              <dd>{yesNames.join(", ")}</dd>
            </>
          ) : null}
          {noNames.length > 0 ? (
            <>
              <dt>{t("meetings.attendance.saidNo")}</dt>
              <dd>{noNames.join(", ")}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {isMember ? (
        <>
          <p>{response === "yes" ? t("meetings.attendance.yourYes") : response === "no" ? t("meetings.attendance.yourNo") : t("meetings.attendance.noAnswer")}</p>
          {canAttend ? (
            <fetcher.Form method="post" className="attendance-form">
              <input type="hidden" name="intent" value="attend" />
              <button type="submit" name="response" value="yes" className={response === "yes" ? "button button--secondary" : "button"}>
                {t("meetings.attendance.yes")}
              </button>
              <button type="submit" name="response" value="no" className={response === "no" ? "button button--secondary" : "button"}>
                {t("meetings.attendance.no")}
              </button>
            </fetcher.Form>
          ) : (
            <p className="field__hint">{t("meetings.attendance.closed")}</p>
          )}
          {error ? (
            <p role="alert" className="error-list">
              {t(error)}
            </p>
          ) : null}
        </>
      ) : (
        <p className="field__hint">{t("meetings.attendance.joinHint")}</p>
      )}
    </section>
  );
}
