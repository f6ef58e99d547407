import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-boundary";
import { ErrorList, StatusButton } from "~/components/forms";
import { requireUser } from "~/modules/auth/session.server";
import { utcToBerlinWallTime } from "~/modules/calendar/berlin-time";
import { MeetingFieldset } from "~/modules/groups/meeting-fields";
import { meetingPageTitle } from "~/modules/groups/meeting-parts";
import { MeetingFormSchema } from "~/modules/groups/meeting-schemas";
import { getMeeting, requireMeetingGroup, updateMeeting } from "~/modules/groups/meetings.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = (args) => (args.data ? meetingPageTitle(args, "meetings.editTitle", args.data.group.name) : [{ title: "Kurze Wege" }]);

/** The meeting of this group (an id of another group is a 404), for those who coordinate the group. */
async function requireEditableMeeting(request: Request, params: { slug?: string; id?: string }) {
  const user = await requireUser(request);
  const access = await requireMeetingGroup(params.slug, user);
  const meeting = await getMeeting(access.group.id, params.id);
  if (!meeting) throw new Response("Not Found", { status: 404 });
  if (!access.coordinates) throw new Response("Forbidden", { status: 403 });
  return { group: access.group, meeting };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, meeting } = await requireEditableMeeting(request, params);
  return json({
    group: { slug: group.slug, name: group.name },
    meetingId: meeting.id,
    values: {
      title: meeting.title,
      startsAt: utcToBerlinWallTime(meeting.startsAt),
      endsAt: utcToBerlinWallTime(meeting.endsAt),
      place: meeting.place,
      onlineUrl: meeting.onlineUrl ?? "",
      agenda: meeting.agenda,
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { group, meeting } = await requireEditableMeeting(request, params);
  const submission = parseWithZod(await request.formData(), { schema: MeetingFormSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  await updateMeeting(group.id, meeting.id, submission.value);
  return redirectWithToast(`/arbeitsgruppen/${group.slug}/treffen/${meeting.id}`, "meetings.toast.saved");
}

export default function EditMeetingPage() {
  const { t } = useTranslation();
  const { group, meetingId, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "meeting",
    lastResult: actionData?.result,
    defaultValue: values,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MeetingFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="page page--narrow">
      <p className="entry__kind">
        <Link to={`/arbeitsgruppen/${group.slug}/treffen/${meetingId}`}>{values.title}</Link>
      </p>
      <h1>{t("meetings.editTitle")}</h1>
      <p className="lead">{group.name}</p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <MeetingFieldset fields={fields} />
        <StatusButton>{t("meetings.save")}</StatusButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
