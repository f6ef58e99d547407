import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { isNetworkCoordinator } from "#app/modules/auth/roles";
import { getOptionalUser, requireUser, type SessionUser } from "#app/modules/auth/session.server";
import { requireGroupAccess, type GroupAccess } from "#app/modules/groups/group-access.server";
import { AttendanceSchema, MinutesSchema, seenMinutesAt } from "#app/modules/groups/meetings/meeting-schemas";
import { addTopicToAgenda, decisionAnswerText, decisionTaskHref, listAgendaCandidates, statusFormHref, topicsOnAgenda } from "#app/modules/groups/meetings/meeting-topics.server";
import { getAttendance, getMeeting, respondToMeeting, saveMinutes, setMeetingCancelled, type MeetingRow } from "#app/modules/groups/meetings/meetings.server";
import { topicNumber } from "#app/modules/groups/tasks/task-schemas";
import { badRequest, forbidden, notFound, requireFound } from "#app/utils/http";
import { getI18n } from "#app/utils/i18n.server";
import { formatDate } from "#app/utils/misc";
import { redirectWithToast } from "#app/utils/toast.server";
import type { AttendanceResponse } from "#db/schema/group-enums";
import { renderMarkdown } from "#app/utils/markdown.server";

/** What the meeting page shows this person: the meeting, who answered, and what they may do with it. */
async function loadMeetingPage(request: Request, user: SessionUser | null, access: GroupAccess, meeting: MeetingRow) {
  const { group, isMember, seesPeople, canWriteMinutes, coordinates } = access;
  const now = Date.now();
  const started = meeting.startsAt.getTime() <= now;
  const over = meeting.endsAt.getTime() <= now;
  const cancelled = meeting.cancelledAt !== null;
  const attendance = await getAttendance(meeting.id);
  // Who answered what is for the group's people; everyone who reads the group sees the counts.
  const names = (response: AttendanceResponse) => (seesPeople ? attendance.filter((row) => row.response === response).map((row) => row.displayName) : []);
  const { sequence: _sequence, createdAt: _createdAt, updatedAt: _updatedAt, ...shown } = meeting;
  return {
    group: { slug: group.slug, name: group.name },
    // Agenda and minutes rendered here: the browser needs no Markdown parser.
    meeting: { ...shown, agendaHtml: renderMarkdown(meeting.agenda), minutesHtml: renderMarkdown(meeting.minutes) },
    // The minutes as loaded (their time of saving): a minutes save checks nobody saved others since.
    minutesSeen: meeting.minutesAt ? meeting.minutesAt.toISOString() : "",
    // Before the meeting: the Open Mic topics handed to the group, for its coordinators to put on the agenda.
    agendaTopics: coordinates && !started && !cancelled ? await listAgendaCandidates(group.id, meeting.agenda) : [],
    decisions: started && !cancelled ? await decisionsFor(request, user, access, meeting) : [],
    started,
    counts: { yes: attendance.filter((row) => row.response === "yes").length, no: attendance.filter((row) => row.response === "no").length },
    yesNames: names("yes"),
    noNames: names("no"),
    myResponse: user ? (attendance.find((row) => row.userId === user.id)?.response ?? null) : null,
    isMember,
    canAttend: isMember && !over && !cancelled,
    canWriteMinutes: canWriteMinutes && started && !cancelled,
    // Those who write the minutes turn what was decided into tasks.
    canCreateTask: canWriteMinutes && started,
    coordinates,
  };
}

/**
 * After the meeting began: the visible topics on its agenda, with the status form (answer begun) for
 * network coordination and a linked task for the group's members — only links, nothing is written.
 */
async function decisionsFor(request: Request, user: SessionUser | null, { group, isMember }: GroupAccess, meeting: MeetingRow) {
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

/**
 * Answers the forms of the meeting page: members say zusagen/absagen (with JavaScript through a
 * fetcher, which follows the same redirect) and write the minutes; those who coordinate the group
 * put Open Mic topics on the agenda and cancel the meeting or take that back.
 */
async function submitMeetingPageForm(request: Request, user: SessionUser, access: GroupAccess, meeting: MeetingRow) {
  const { group, isMember, canWriteMinutes, coordinates } = access;
  const here = `/arbeitsgruppen/${group.slug}/treffen/${meeting.id}`;
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "attend") {
    if (!isMember) throw forbidden();
    const parsed = AttendanceSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw badRequest();
    if (!(await respondToMeeting(group.id, meeting.id, user.id, parsed.data.response))) {
      return json({ result: null, error: "meetings.validation.closed" }, { status: 400 });
    }
    return redirectWithToast(`${here}#teilnahme`, "meetings.toast.answered");
  }
  if (intent === "agenda-topic") {
    if (!coordinates) throw forbidden();
    const topicId = topicNumber(formData.get("topicId"));
    const outcome = topicId === null ? "notRouted" : await addTopicToAgenda(group.id, meeting.id, topicId);
    if (outcome === "notFound") throw notFound();
    if (outcome === "added" || outcome === "already") return redirectWithToast(`${here}#agenda-heading`, outcome === "added" ? "meetings.toast.topicAdded" : "meetings.toast.topicAlready");
    return json({ result: null, error: null, topicError: `meetings.topics.errors.${outcome}` }, { status: 400 });
  }
  if (intent === "minutes") {
    if (!canWriteMinutes) throw forbidden();
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
    if (!coordinates) throw forbidden();
    await setMeetingCancelled(group.id, meeting.id, intent === "cancel");
    return redirectWithToast(here, intent === "cancel" ? "meetings.toast.cancelled" : "meetings.toast.restored");
  }
  throw badRequest();
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const access = await requireGroupAccess(params.slug, user);
  const meeting = requireFound(await getMeeting(access.group.id, params.id));
  return json(await loadMeetingPage(request, user, access, meeting));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const access = await requireGroupAccess(params.slug, user);
  const meeting = requireFound(await getMeeting(access.group.id, params.id));
  return submitMeetingPageForm(request, user, access, meeting);
}
