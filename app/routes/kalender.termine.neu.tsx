import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { requireRole, requireUser } from "#app/modules/auth/session.server";
import { MeetingFormPage } from "#app/modules/groups/meetings/meeting-form";
import { submitMeetingForm } from "#app/modules/groups/meetings/meeting-form.server";
import { createMeeting } from "#app/modules/groups/meetings/meetings.server";
import { pageTitle } from "#app/utils/meta";
import { COORDINATION_ROLES } from "#app/modules/auth/roles";

export const meta: MetaFunction = (args) => pageTitle(args, "calendar.event.newTitle");

/** Network coordination and admins plan network-wide events. */
async function requireEventManager(request: Request) {
  const user = await requireUser(request);
  requireRole(user, COORDINATION_ROLES);
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireEventManager(request);
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireEventManager(request);
  return submitMeetingForm(request, "calendar.toast.eventCreated", async (input) => `/kalender/termine/${await createMeeting(null, user.id, input)}`);
}

export default function NewNetworkEventPage() {
  const { t } = useTranslation();
  return <MeetingFormPage formId="event" back={{ to: "/kalender", label: t("calendar.event.back") }} heading={t("calendar.event.newTitle")} submitLabel={t("calendar.event.create")} />;
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
