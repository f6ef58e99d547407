import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-boundary";
import { ErrorList, StatusButton } from "~/components/forms";
import { requireUser } from "~/modules/auth/session.server";
import { MeetingFieldset } from "~/modules/groups/meeting-fields";
import { meetingPageTitle } from "~/modules/groups/meeting-parts";
import { MeetingFormSchema } from "~/modules/groups/meeting-schemas";
import { createMeeting, requireMeetingGroup } from "~/modules/groups/meetings.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = (args) => (args.data ? meetingPageTitle(args, "meetings.newTitle", args.data.group.name) : [{ title: "Kurze Wege" }]);

/** Only those who coordinate the group plan its meetings; outsiders of a private group get its 404. */
async function requireCoordination(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const access = await requireMeetingGroup(slug, user);
  if (!access.coordinates) throw new Response("Forbidden", { status: 403 });
  return { user, group: access.group };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group } = await requireCoordination(request, params.slug);
  return json({ group: { slug: group.slug, name: group.name } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, group } = await requireCoordination(request, params.slug);
  const submission = parseWithZod(await request.formData(), { schema: MeetingFormSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const id = await createMeeting(group.id, user.id, submission.value);
  return redirectWithToast(`/arbeitsgruppen/${group.slug}/treffen/${id}`, "meetings.toast.created");
}

export default function NewMeetingPage() {
  const { t } = useTranslation();
  const { group } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "meeting",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MeetingFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="page page--narrow">
      <p className="entry__kind">
        <Link to={`/arbeitsgruppen/${group.slug}/treffen`}>{t("meetings.backToList")}</Link>
      </p>
      <h1>{t("meetings.newTitle")}</h1>
      <p className="lead">{group.name}</p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <MeetingFieldset fields={fields} />
        <StatusButton>{t("meetings.create")}</StatusButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
