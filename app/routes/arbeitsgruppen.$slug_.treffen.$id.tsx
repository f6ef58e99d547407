import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "#app/components/error-boundary";
import { ErrorList, StatusButton } from "#app/components/forms";
import { Markdown, markdownLinks } from "#app/components/markdown";
import { getOptionalUser, requireUser } from "#app/modules/auth/session.server";
import { AgendaTopics, MeetingDetails, meetingPageTitle, TopicDecisions } from "#app/modules/groups/meetings/meeting-parts";
import { AttendanceSchema, MinutesSchema, seenMinutesAt } from "#app/modules/groups/meetings/meeting-schemas";
import { addTopicToAgenda, decisionAnswerText, decisionTaskHref, listAgendaCandidates, statusFormHref, topicsOnAgenda } from "#app/modules/groups/meetings/meeting-topics.server";
import { getAttendance, getMeeting, requireMeetingGroup, respondToMeeting, saveMinutes, setMeetingCancelled } from "#app/modules/groups/meetings/meetings.server";
import { topicNumber } from "#app/modules/groups/tasks/task-schemas";
import styles from "#app/styles/meetings.css";
import topicStyles from "#app/styles/meeting-topics.css";
import { getI18n } from "#app/utils/i18n.server";
import { formatDate, useRootData } from "#app/utils/misc";
import { redirectWithToast } from "#app/utils/toast.server";
import { isNetworkCoordinator } from "#app/modules/auth/roles";

export const links = () => [...markdownLinks, { rel: "stylesheet", href: styles }, { rel: "stylesheet", href: topicStyles }];

// Title and group name come from loader data, which a private group gives its members only.
export const meta: MetaFunction<typeof loader> = (args) => (args.data ? meetingPageTitle(args, null, args.data.meeting.title, args.data.group.name) : [{ title: "Kurze Wege" }]);

const notFound = () => new Response("Not Found", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const { group, isMember, canWriteMinutes, coordinates } = await requireMeetingGroup(params.slug, user);
  const meeting = await getMeeting(group.id, params.id);
  if (!meeting) throw notFound();
  const now = Date.now();
  const started = meeting.startsAt.getTime() <= now;
  const over = meeting.endsAt.getTime() <= now;
  const cancelled = meeting.cancelledAt !== null;
  const attendance = await getAttendance(meeting.id);
  // Who answered what is for the group's people; everyone who reads the group sees the counts.
  const seesNames = isMember || coordinates;
  const names = (response: "yes" | "no") => (seesNames ? attendance.filter((row) => row.response === response).map((row) => row.displayName) : []);
  const { sequence: _sequence, createdAt: _createdAt, updatedAt: _updatedAt, ...shown } = meeting;
  return json({
    group: { slug: group.slug, name: group.name },
    meeting: shown,
    // The minutes as loaded (their time of saving): a minutes save checks nobody saved others since.
    minutesSeen: meeting.minutesAt ? meeting.minutesAt.toISOString() : "",
    // Before the meeting: the Open Mic topics handed to the group, for its coordinators to put on the agenda.
    agendaTopics: coordinates && !started && !cancelled ? await listAgendaCandidates(group.id, meeting.agenda) : [],
    decisions: started && !cancelled ? await decisionsFor(request, user, { group, isMember, meeting }) : [],
    started,
    counts: { yes: attendance.filter((row) => row.response === "yes").length, no: attendance.filter((row) => row.response === "no").length },
    yesNames: names("yes"),
    noNames: names("no"),
    myResponse: user ? (attendance.find((row) => row.userId === user.id)?.response ?? null) : null,
    isMember,
    canAttend: isMember && !over && !cancelled,
    canWriteMinutes: canWriteMinutes && started && !cancelled,
    canCreateTask: (isMember || coordinates) && started,
    coordinates,
  });
}

/**
 * After the meeting began: the visible topics on its agenda, with the status form (answer begun) for
 * network coordination and a linked task for the group's members — only links, nothing is written.
 */
async function decisionsFor(
  request: Request,
  user: Awaited<ReturnType<typeof getOptionalUser>>,
  { group, isMember, meeting }: { group: { id: string; slug: string; name: string; visibility: "public" | "private" }; isMember: boolean; meeting: { agenda: string; startsAt: Date } },
) {
  const answers = isNetworkCoordinator(user);
  if (!answers && !isMember) return [];
  const topics = await topicsOnAgenda(meeting.agenda);
  if (topics.length === 0) return [];
  const { t, lang } = await getI18n(request);
  const answer = decisionAnswerText(t, lang, group, meeting.startsAt);
  const date = formatDate(lang, meeting.startsAt);
  return topics.map((topic) => ({
    id: topic.id,
    title: topic.title,
    status: topic.status,
    statusHref: answers ? statusFormHref(topic.id, answer) : null,
    // A task can be linked only to a topic handed to this group (the task form checks it again).
    taskHref: isMember && topic.routedGroupId === group.id ? decisionTaskHref(group.slug, topic, t("meetings.topics.taskDescription", { date, id: topic.id })) : null,
  }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { group, isMember, canWriteMinutes, coordinates } = await requireMeetingGroup(params.slug, user);
  const meeting = await getMeeting(group.id, params.id);
  if (!meeting) throw notFound();
  const here = `/arbeitsgruppen/${group.slug}/treffen/${meeting.id}`;
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "attend") {
    if (!isMember) throw new Response("Forbidden", { status: 403 });
    const parsed = AttendanceSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw new Response("Bad Request", { status: 400 });
    if (!(await respondToMeeting(group.id, meeting.id, user.id, parsed.data.response))) {
      return json({ result: null, error: "meetings.validation.closed" }, { status: 400 });
    }
    return redirectWithToast(`${here}#teilnahme`, "meetings.toast.answered");
  }
  if (intent === "agenda-topic") {
    if (!coordinates) throw new Response("Forbidden", { status: 403 });
    const topicId = topicNumber(formData.get("topicId"));
    const outcome = topicId === null ? "notRouted" : await addTopicToAgenda(group.id, meeting.id, topicId);
    if (outcome === "notFound") throw notFound();
    if (outcome === "added" || outcome === "already") return redirectWithToast(`${here}#agenda-heading`, outcome === "added" ? "meetings.toast.topicAdded" : "meetings.toast.topicAlready");
    return json({ result: null, error: null, topicError: `meetings.topics.errors.${outcome}` }, { status: 400 });
  }
  if (intent === "minutes") {
    if (!canWriteMinutes) throw new Response("Forbidden", { status: 403 });
    const submission = parseWithZod(formData, { schema: MinutesSchema });
    if (submission.status !== "success") return json({ result: submission.reply(), error: null }, { status: 400 });
    const outcome = await saveMinutes(group.id, meeting.id, user.id, submission.value.minutes, seenMinutesAt(submission.value.seen));
    if (outcome === "closed") {
      return json({ result: submission.reply({ formErrors: ["meetings.validation.minutesClosed"] }), error: null }, { status: 400 });
    }
    if (outcome === "conflict") {
      // Someone else saved the minutes meanwhile: nothing changed; the typed text comes back with theirs.
      const current = await getMeeting(group.id, meeting.id);
      const minutesConflict = { minutes: current?.minutes ?? "", seen: current?.minutesAt ? current.minutesAt.toISOString() : "" };
      return json({ result: submission.reply({ formErrors: ["meetings.conflict.minutes"] }), error: null, minutesConflict }, { status: 409 });
    }
    return redirectWithToast(`${here}#protokoll`, "meetings.toast.minutesSaved");
  }
  if (intent === "cancel" || intent === "restore") {
    if (!coordinates) throw new Response("Forbidden", { status: 403 });
    await setMeetingCancelled(group.id, meeting.id, intent === "cancel");
    return redirectWithToast(here, intent === "cancel" ? "meetings.toast.cancelled" : "meetings.toast.restored");
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function MeetingPage() {
  const { t } = useTranslation();
  const { group, meeting, coordinates, agendaTopics, decisions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/arbeitsgruppen/${group.slug}/treffen/${meeting.id}`;
  return (
    <article className="page meeting">
      <p className="entry__kind">
        <Link to={`/arbeitsgruppen/${group.slug}/treffen`}>{t("meetings.backToList")}</Link> · <Link to={`/arbeitsgruppen/${group.slug}`}>{group.name}</Link>
      </p>
      <h1>
        {meeting.title}
        {meeting.cancelledAt ? <span className="badge badge--cancelled">{t("meetings.cancelled")}</span> : null}
      </h1>
      <MeetingDetails meeting={meeting} downloadHref={`${base}/kalender.ics`} cancelledText={t("meetings.cancelledNotice")} />
      <AgendaTopics topics={agendaTopics} error={actionData && "topicError" in actionData ? actionData.topicError : null} />
      <Attendance />
      <Minutes />
      <TopicDecisions decisions={decisions} />
      {coordinates ? (
        <section aria-label={t("meetings.edit")} className="meeting__manage no-print">
          <Link to={`${base}/bearbeiten`} className="button button--secondary">
            {t("meetings.edit")}
          </Link>
          <Form method="post" className="inline-form">
            <StatusButton name="intent" value={meeting.cancelledAt ? "restore" : "cancel"} className="button button--secondary">
              {meeting.cancelledAt ? t("meetings.restore") : t("meetings.cancel")}
            </StatusButton>
          </Form>
          {meeting.cancelledAt ? null : <p className="field__hint">{t("meetings.cancelHint")}</p>}
        </section>
      ) : null}
    </article>
  );
}

function Attendance() {
  const { t } = useTranslation();
  const { counts, yesNames, noNames, myResponse, isMember, canAttend } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
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
          <p>{myResponse === "yes" ? t("meetings.attendance.yourYes") : myResponse === "no" ? t("meetings.attendance.yourNo") : t("meetings.attendance.noAnswer")}</p>
          {canAttend ? (
            <Form method="post" className="attendance-form">
              <input type="hidden" name="intent" value="attend" />
              <StatusButton name="response" value="yes" className={myResponse === "yes" ? "button button--secondary" : "button"}>
                {t("meetings.attendance.yes")}
              </StatusButton>
              <StatusButton name="response" value="no" className={myResponse === "no" ? "button button--secondary" : "button"}>
                {t("meetings.attendance.no")}
              </StatusButton>
            </Form>
          ) : (
            <p className="field__hint">{t("meetings.attendance.closed")}</p>
          )}
          {actionData?.error ? (
            <p role="alert" className="error-list">
              {t(actionData.error)}
            </p>
          ) : null}
        </>
      ) : (
        <p className="field__hint">{t("meetings.attendance.joinHint")}</p>
      )}
    </section>
  );
}

function Minutes() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { group, meeting, minutesSeen, started, canWriteMinutes, canCreateTask } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const conflict = actionData && "minutesConflict" in actionData ? actionData.minutesConflict : null;
  const [form, fields] = useForm({
    id: "minutes",
    lastResult: actionData?.result,
    defaultValue: { minutes: meeting.minutes },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MinutesSchema }),
    shouldValidate: "onBlur",
  });
  const day = formatDate(lang, meeting.startsAt);
  const taskHref = `/arbeitsgruppen/${group.slug}/aufgaben/neu?${new URLSearchParams({ beschreibung: t("meetings.minutes.taskDescription", { date: day }) }).toString()}`;
  const hintId = `${fields.minutes.id}-hint`;
  return (
    <section aria-labelledby="protokoll" className="meeting__minutes">
      <h2 id="protokoll" tabIndex={-1}>
        {t("meetings.minutes.heading")}
      </h2>
      {meeting.minutes ? (
        <>
          <Markdown source={meeting.minutes} />
          {meeting.minutesAt ? (
            <p className="field__hint">
              {meeting.minutesByName ? t("meetings.minutes.by", { name: meeting.minutesByName, date: formatDate(lang, meeting.minutesAt) }) : t("meetings.minutes.byUnknown", { date: formatDate(lang, meeting.minutesAt) })}
            </p>
          ) : null}
        </>
      ) : (
        <p>{started ? t("meetings.minutes.none") : t("meetings.minutes.notYet")}</p>
      )}
      {canCreateTask ? (
        <p>
          <Link to={taskHref}>{t("meetings.minutes.createTask")}</Link>
        </p>
      ) : null}
      {canWriteMinutes ? (
        <Form method="post" {...getFormProps(form)} className="minutes-form no-print">
          <ErrorList id={form.errorId} errors={form.errors} announce />
          {conflict ? (
            <div className="notice field">
              <label htmlFor="minutes-current">{t("meetings.conflict.currentMinutes")}</label>
              <textarea id="minutes-current" readOnly rows={10} value={conflict.minutes} />
            </div>
          ) : null}
          <input type="hidden" name="intent" value="minutes" />
          <input type="hidden" name="seen" value={conflict ? conflict.seen : minutesSeen} />
          <div className="field">
            <label htmlFor={fields.minutes.id}>{t("meetings.minutes.label")}</label>
            <p id={hintId} className="field__hint">
              {t("meetings.minutes.hint")}
            </p>
            <textarea {...getTextareaProps(fields.minutes)} rows={10} aria-describedby={[hintId, fields.minutes.errors?.length ? fields.minutes.errorId : ""].join(" ").trim()} />
            <ErrorList id={fields.minutes.errorId} errors={fields.minutes.errors} />
          </div>
          <StatusButton>
            {t("meetings.minutes.save")}
          </StatusButton>
        </Form>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
