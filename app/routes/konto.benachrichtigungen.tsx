import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import type { z } from "zod";
import { ErrorPage } from "#app/components/error-boundary";
import { ErrorList, StatusButton } from "#app/components/forms";
import { pageFrom, Pagination } from "#app/components/pagination";
import { requireUser } from "#app/modules/auth/session.server";
import { NotificationList } from "#app/modules/notifications/notification-list";
import { COORDINATOR_KINDS, NOTIFICATIONS_PER_PAGE } from "#app/modules/notifications/notification-kinds";
import { PreferencesSchema } from "#app/modules/notifications/notification-schemas";
import { notificationKinds } from "#db/schema/open-mic-enums";
import { listNotifications, markAllRead, openNotification } from "#app/modules/notifications/notify.server";
import { ChannelChoice } from "#app/modules/notifications/preference-fields";
import { getPreferences, savePreferences } from "#app/modules/notifications/preferences.server";
import styles from "#app/styles/notifications.css";
import { badRequest, requireFound } from "#app/utils/http";
import { pageTitle } from "#app/utils/meta";
import { useRootData } from "#app/utils/misc";
import { redirectWithToast } from "#app/utils/toast.server";
import { isNetworkCoordinator } from "#app/modules/auth/roles";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = (args) => pageTitle(args, "notifications.title");

const BASE = "/konto/benachrichtigungen";

const pageUrl = (page: number) => (page > 1 ? `${BASE}?seite=${page}` : BASE);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = pageFrom(new URL(request.url).searchParams.get("seite"));
  const [list, preferences] = await Promise.all([listNotifications(user, page, NOTIFICATIONS_PER_PAGE), getPreferences(user.id)]);
  return json({
    list: { ...list, items: list.items.map((item) => ({ ...item, createdAt: item.createdAt.toISOString() })) },
    preferences,
    coordinator: isNetworkCoordinator(user),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = pageUrl(pageFrom(formData.get("seite")));
  if (intent === "read") {
    // Only the person's own notification: any other id is a 404 and changes nothing.
    requireFound(await openNotification(user.id, String(formData.get("id") ?? "")));
    return redirectWithToast(back, "notifications.toast.read");
  }
  if (intent === "read-all") {
    await markAllRead(user.id);
    return redirectWithToast(back, "notifications.toast.allRead");
  }
  if (intent === "preferences") {
    const submission = parseWithZod(formData, { schema: PreferencesSchema });
    if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
    const { moderation_queue: queue, ...choices } = submission.value;
    // The queue's setting is for coordinators: anyone else's form cannot set it.
    await savePreferences(user.id, isNetworkCoordinator(user) && queue ? { ...choices, moderation_queue: queue } : choices);
    return redirectWithToast(`${BASE}#einstellungen`, "notifications.toast.saved");
  }
  throw badRequest();
}

function PreferencesForm({ preferences, coordinator }: { preferences: Record<string, string>; coordinator: boolean }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof PreferencesSchema>>({
    id: "preferences",
    lastResult: actionData?.result,
    defaultValue: preferences,
  });
  const kinds = notificationKinds.filter((kind) => coordinator || !COORDINATOR_KINDS.includes(kind));
  return (
    <Form method="post" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={form.errors} announce />
      {kinds.map((kind) => (
        <ChannelChoice key={kind} kind={kind} field={fields[kind]} />
      ))}
      <StatusButton name="intent" value="preferences">
        {t("notifications.settings.save")}
      </StatusButton>
    </Form>
  );
}

export default function NotificationsPage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { list, preferences, coordinator } = useLoaderData<typeof loader>();
  return (
    <div className="page page--narrow notifications">
      <h1>{t("notifications.title")}</h1>
      <section aria-labelledby="liste-heading">
        <h2 id="liste-heading">{t("notifications.list.heading")}</h2>
        {list.total === 0 ? (
          <p>{t("notifications.list.empty")}</p>
        ) : (
          <>
            <div className="notifications__summary">
              <p>{t("notifications.list.summary", { count: list.unread })}</p>
              {list.unread > 0 ? (
                <Form method="post">
                  <input type="hidden" name="seite" value={list.page} />
                  <StatusButton name="intent" value="read-all" className="button button--secondary">
                    {t("notifications.list.markAllRead")}
                  </StatusButton>
                </Form>
              ) : null}
            </div>
            <NotificationList items={list.items} lang={lang} page={list.page} />
            <Pagination page={list.page} pages={list.pages} href={pageUrl} keys="notifications.list" />
          </>
        )}
      </section>
      <section id="einstellungen" aria-labelledby="einstellungen-heading" className="notifications__settings">
        <h2 id="einstellungen-heading">{t("notifications.settings.heading")}</h2>
        <p>{t("notifications.settings.intro")}</p>
        <PreferencesForm preferences={preferences} coordinator={coordinator} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
