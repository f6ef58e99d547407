import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { requireRole, requireUser } from "#app/modules/auth/session.server";
import { MeetingFormPage } from "#app/modules/groups/meetings/meeting-form";
import { meetingFormValues, submitMeetingForm } from "#app/modules/groups/meetings/meeting-form.server";
import { getMeeting, updateMeeting } from "#app/modules/groups/meetings/meetings.server";
import { notFound, requireFound } from "#app/utils/http";
import { pageTitle } from "#app/utils/meta";
import { COORDINATION_ROLES } from "#app/modules/auth/roles";

export const meta: MetaFunction = (args) => pageTitle(args, "calendar.event.editTitle");

/** A network-wide event (a group meeting's id finds nothing), for network coordination and admins. */
async function requireEditableEvent(request: Request, id: string | undefined) {
  const user = await requireUser(request);
  requireRole(user, COORDINATION_ROLES);
  return requireFound(await getMeeting(null, id));
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const event = await requireEditableEvent(request, params.id);
  return json({ eventId: event.id, values: meetingFormValues(event), sequence: event.sequence });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const event = await requireEditableEvent(request, params.id);
  return submitMeetingForm(
    request,
    "calendar.toast.eventSaved",
    async (input, seen) => {
      const outcome = await updateMeeting(null, event.id, input, seen);
      const current = outcome === "conflict" ? await getMeeting(null, event.id) : null;
      if (current) return { conflict: current };
      if (outcome !== "saved") throw notFound();
      return `/kalender/termine/${event.id}`;
    },
    "calendar.event.conflict",
  );
}

export default function EditNetworkEventPage() {
  const { t } = useTranslation();
  const { eventId, values, sequence } = useLoaderData<typeof loader>();
  return (
    <MeetingFormPage
      formId="event"
      back={{ to: `/kalender/termine/${eventId}`, label: values.title }}
      heading={t("calendar.event.editTitle")}
      values={values}
      sequence={sequence}
      submitLabel={t("meetings.save")}
    />
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
