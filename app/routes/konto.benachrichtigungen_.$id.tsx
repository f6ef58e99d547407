import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { ErrorPage } from "#app/components/error-boundary";
import { requireUser } from "#app/modules/auth/session.server";
import { openNotification } from "#app/modules/notifications/notify.server";
import { requireFound } from "#app/utils/http";

/**
 * Opening a notification: it is marked read and the browser goes on to what it is about. Only the
 * person's own notifications open; any other id answers 404, like one that does not exist.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return redirect(requireFound(await openNotification(user.id, params.id ?? "")), 303);
}

// Never rendered (the loader always redirects or throws); it lets a 404 show in the site's frame.
export default function OpenNotification() {
  return null;
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
