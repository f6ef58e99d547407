import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { requireUser } from "#app/modules/auth/session.server";
import { requireGroupAccess } from "#app/modules/groups/group-access.server";
import { MeetingFormPage } from "#app/modules/groups/meetings/meeting-form";
import { submitMeetingForm } from "#app/modules/groups/meetings/meeting-form.server";
import { meetingPageTitle } from "#app/modules/groups/meetings/meeting-parts";
import { createMeeting } from "#app/modules/groups/meetings/meetings.server";
import { forbidden } from "#app/utils/http";

export const meta: MetaFunction<typeof loader> = (args) => (args.data ? meetingPageTitle(args, "meetings.newTitle", args.data.group.name) : [{ title: "Kurze Wege" }]);

/** Only those who coordinate the group plan its meetings; outsiders of a private group get its 404. */
async function requireCoordination(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const { group, coordinates } = await requireGroupAccess(slug, user);
  if (!coordinates) throw forbidden();
  return { user, group };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group } = await requireCoordination(request, params.slug);
  return json({ group: { slug: group.slug, name: group.name } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, group } = await requireCoordination(request, params.slug);
  return submitMeetingForm(request, "meetings.toast.created", async (input) => `/arbeitsgruppen/${group.slug}/treffen/${await createMeeting(group.id, user.id, input)}`);
}

export default function NewMeetingPage() {
  const { t } = useTranslation();
  const { group } = useLoaderData<typeof loader>();
  return (
    <MeetingFormPage
      formId="meeting"
      back={{ to: `/arbeitsgruppen/${group.slug}/treffen`, label: t("meetings.backToList") }}
      heading={t("meetings.newTitle")}
      lead={group.name}
      submitLabel={t("meetings.create")}
    />
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
