import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-boundary";
import { ErrorList, StatusButton } from "~/components/forms";
import { requireRole, requireUser } from "~/modules/auth/session.server";
import { MeetingFieldset } from "~/modules/groups/meeting-fields";
import { MeetingFormSchema } from "~/modules/groups/meeting-schemas";
import { createMeeting } from "~/modules/groups/meetings.server";
import { pageTitle } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = (args) => pageTitle(args, "calendar.event.newTitle");

/** Network coordination and admins plan network-wide events. */
async function requireEventManager(request: Request) {
  const user = await requireUser(request);
  requireRole(user, ["coordinator", "admin"]);
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireEventManager(request);
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireEventManager(request);
  const submission = parseWithZod(await request.formData(), { schema: MeetingFormSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const id = await createMeeting(null, user.id, submission.value);
  return redirectWithToast(`/kalender/termine/${id}`, "calendar.toast.eventCreated");
}

export default function NewNetworkEventPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "event",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MeetingFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="page page--narrow">
      <p className="entry__kind">
        <Link to="/kalender">{t("calendar.event.back")}</Link>
      </p>
      <h1>{t("calendar.event.newTitle")}</h1>
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <MeetingFieldset fields={fields} />
        <StatusButton>{t("calendar.event.create")}</StatusButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
