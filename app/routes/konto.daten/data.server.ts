import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { logout, requireUser } from "#app/modules/auth/session.server";
import { isLastActiveAdmin } from "#app/modules/admin/active-admins.server";
import { deleteOwnAccount } from "#app/modules/privacy/account-deletion.server";
import { getDataExport, requestDataExport } from "#app/modules/privacy/data-export.server";
import { DeleteOwnAccountSchema } from "#app/modules/privacy/privacy-schemas";
import { RETENTION } from "#app/modules/privacy/retention-periods";
import { badRequest, refusalReply, retryAfter } from "#app/utils/http";
import { getLanguage } from "#app/utils/i18n.server";
import { redirectWithToast } from "#app/utils/toast.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ dataExport: await getDataExport(user.id), exportHours: RETENTION.dataExportHours, lastAdmin: await isLastActiveAdmin(user.id) });
}

/** Two forms: "export" asks for a data export, "delete" deletes the account (password again, a ticked confirmation). */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "export") {
    const outcome = await requestDataExport(user.id, await getLanguage(request));
    if (outcome.ok) return redirectWithToast("/konto/daten", "privacy.export.requested");
    if (outcome.error === "throttled") {
      const headers = retryAfter(outcome.retryAfterSeconds);
      return json({ intent, error: `privacy.export.throttled|${headers.get("Retry-After")}`, result: undefined }, { status: 429, headers });
    }
    return json({ intent, error: "privacy.export.alreadyPending", result: undefined }, { status: 400 });
  }
  if (intent !== "delete") throw badRequest();
  const hideFields = ["currentPassword"];
  const submission = parseWithZod(formData, { schema: DeleteOwnAccountSchema });
  if (submission.status !== "success") return json({ intent, error: undefined, result: submission.reply({ hideFields }) }, { status: 400 });
  const outcome = await deleteOwnAccount(user.id, submission.value.currentPassword, submission.value.deletePosts, context.clientAddress);
  if (!outcome.ok) {
    const { result, status, headers } = refusalReply(outcome, (options) => submission.reply({ ...options, hideFields }), {
      wrongPassword: { message: "validation.wrongCurrentPassword", field: "currentPassword" },
      throttled: { message: "validation.throttled", field: "currentPassword" },
      lastAdmin: { message: "privacy.deletion.lastAdmin" },
    });
    return json({ intent, error: undefined, result }, { status, headers });
  }
  // The sessions are gone with the account; the browser still gets the blank cookie.
  return redirectWithToast("/", "privacy.deletion.deleted", { headers: { "Set-Cookie": await logout(request) } });
}
