import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { StatusButton } from "#app/components/forms";
import { isKind, type Kind } from "#app/modules/notifications/notification-kinds";
import { UNSUBSCRIBE_PATH, unsubscribe, verifyUnsubscribeToken } from "#app/modules/notifications/unsubscribe.server";
import { pageTitle } from "#app/utils/meta";

export const meta: MetaFunction = (args) => [...pageTitle(args, "notifications.unsubscribe.title"), { name: "robots", content: "noindex" }];

type State = { state: "invalid" } | { state: "confirm"; token: string; kind: Kind | null } | { state: "done"; kind: Kind | null };

const GUEST = "gast";

/**
 * A link from a mail. GET only asks (mail scanners follow links); the button, or a mail program's
 * one-click POST (RFC 8058, without any session), carries it out. The signed token is the only
 * authority: a forged or used-up one answers 404 and changes nothing.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  const done = search.get("erledigt");
  if (done !== null && (done === GUEST || isKind(done))) return json<State>({ state: "done", kind: done === GUEST ? null : done });
  const token = search.get("token") ?? "";
  const target = await verifyUnsubscribeToken(token);
  if (!target) return json<State>({ state: "invalid" }, { status: 404 });
  return json<State>({ state: "confirm", token, kind: target.type === "member" ? target.kind : null });
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const fromForm = formData.get("token");
  const token = new URL(request.url).searchParams.get("token") ?? (typeof fromForm === "string" ? fromForm : "");
  const outcome = await unsubscribe(token);
  if (!outcome) return json<State>({ state: "invalid" }, { status: 404 });
  const kind = outcome.type === "member" ? outcome.kind : null;
  // A mail program's one-click POST wants an answer, not a page to follow.
  if (formData.get("List-Unsubscribe") === "One-Click") return json<State>({ state: "done", kind });
  return redirect(`${UNSUBSCRIBE_PATH}?erledigt=${kind ?? GUEST}`, 303);
}

export default function UnsubscribePage() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const view = (acted ?? loaded) as State;
  const kindLabel = (kind: Kind | null) => (kind ? t(`notifications.kinds.${kind}`) : "");
  return (
    <div className="page page--narrow">
      <h1>{t("notifications.unsubscribe.title")}</h1>
      {view.state === "invalid" ? (
        <p className="notice" role="alert">
          {t("notifications.unsubscribe.invalid")}
        </p>
      ) : view.state === "done" ? (
        <p className="notice" role="status">
          {view.kind ? t("notifications.unsubscribe.doneMember", { kind: kindLabel(view.kind) }) : t("notifications.unsubscribe.doneGuest")}
        </p>
      ) : (
        <Form method="post" action={`${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(view.token)}`}>
          <p>{view.kind ? t("notifications.unsubscribe.memberQuestion", { kind: kindLabel(view.kind) }) : t("notifications.unsubscribe.guestQuestion")}</p>
          <input type="hidden" name="token" value={view.token} />
          <StatusButton>{t("notifications.unsubscribe.confirm")}</StatusButton>
        </Form>
      )}
      {view.state !== "invalid" && view.kind ? (
        <p>
          <Link to="/konto/benachrichtigungen#einstellungen">{t("notifications.unsubscribe.settingsLink")}</Link>
        </p>
      ) : null}
    </div>
  );
}
