import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { requireUser } from "#app/modules/auth/session.server";
import { requireGroupAccess } from "#app/modules/groups/group-access.server";
import { MeetingFormPage } from "#app/modules/groups/meetings/meeting-form";
import { meetingFormValues, submitMeetingForm } from "#app/modules/groups/meetings/meeting-form.server";
import { meetingPageTitle } from "#app/modules/groups/meetings/meeting-parts";
import { getMeeting, updateMeeting } from "#app/modules/groups/meetings/meetings.server";
import { forbidden, notFound, requireFound } from "#app/utils/http";

export const meta: MetaFunction<typeof loader> = (args) => (args.data ? meetingPageTitle(args, "meetings.editTitle", args.data.group.name) : [{ title: "Kurze Wege" }]);

/** The meeting of this group (an id of another group is a 404), for those who coordinate the group. */
async function requireEditableMeeting(request: Request, params: { slug?: string; id?: string }) {
  const user = await requireUser(request);
  const { group, coordinates } = await requireGroupAccess(params.slug, user);
  const meeting = requireFound(await getMeeting(group.id, params.id));
  if (!coordinates) throw forbidden();
  return { group, meeting };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, meeting } = await requireEditableMeeting(request, params);
  return json({ group: { slug: group.slug, name: group.name }, meetingId: meeting.id, values: meetingFormValues(meeting), sequence: meeting.sequence });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { group, meeting } = await requireEditableMeeting(request, params);
  return submitMeetingForm(request, "meetings.toast.saved", async (input, seen) => {
    const outcome = await updateMeeting(group.id, meeting.id, input, seen);
    const current = outcome === "conflict" ? await getMeeting(group.id, meeting.id) : null;
    if (current) return { conflict: current };
    if (outcome !== "saved") throw notFound();
    return `/arbeitsgruppen/${group.slug}/treffen/${meeting.id}`;
  });
}

export default function EditMeetingPage() {
  const { t } = useTranslation();
  const { group, meetingId, values, sequence } = useLoaderData<typeof loader>();
  return (
    <MeetingFormPage
      formId="meeting"
      back={{ to: `/arbeitsgruppen/${group.slug}/treffen/${meetingId}`, label: values.title }}
      heading={t("meetings.editTitle")}
      lead={group.name}
      values={values}
      sequence={sequence}
      submitLabel={t("meetings.save")}
    />
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
