import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-boundary";
import { ErrorList, StatusButton } from "~/components/forms";
import { requireRole, requireUser } from "~/modules/auth/session.server";
import { utcToBerlinWallTime } from "~/modules/calendar/berlin-time";
import { MeetingFieldset } from "~/modules/groups/meeting-fields";
import { MeetingFormSchema } from "~/modules/groups/meeting-schemas";
import { getMeeting, updateMeeting } from "~/modules/groups/meetings.server";
import { pageTitle } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = (args) => pageTitle(args, "calendar.event.editTitle");

/** A network-wide event (a group meeting's id finds nothing), for network coordination and admins. */
async function requireEditableEvent(request: Request, id: string | undefined) {
  const user = await requireUser(request);
  requireRole(user, ["coordinator", "admin"]);
  const event = await getMeeting(null, id);
  if (!event) throw new Response("Not Found", { status: 404 });
  return event;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const event = await requireEditableEvent(request, params.id);
  return json({
    eventId: event.id,
    values: {
      title: event.title,
      startsAt: utcToBerlinWallTime(event.startsAt),
      endsAt: utcToBerlinWallTime(event.endsAt),
      place: event.place,
      onlineUrl: event.onlineUrl ?? "",
      agenda: event.agenda,
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const event = await requireEditableEvent(request, params.id);
  const submission = parseWithZod(await request.formData(), { schema: MeetingFormSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  await updateMeeting(null, event.id, submission.value);
  return redirectWithToast(`/kalender/termine/${event.id}`, "calendar.toast.eventSaved");
}

export default function EditNetworkEventPage() {
  const { t } = useTranslation();
  const { eventId, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "event",
    lastResult: actionData?.result,
    defaultValue: values,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MeetingFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="page page--narrow">
      <p className="entry__kind">
        <Link to={`/kalender/termine/${eventId}`}>{values.title}</Link>
      </p>
      <h1>{t("calendar.event.editTitle")}</h1>
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
