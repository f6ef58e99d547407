import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { blockUser, changeRole, endSessions, sendResetMail, unblockUser, type AdminRefusalReason, type AdminWriteResult } from "#app/modules/admin/account-admin.server";
import { requireAdminArea } from "#app/modules/admin/admin-access.server";
import { getAdminLogFor } from "#app/modules/admin/admin-log.server";
import { mayChangeSomeRole, mayManageAccounts } from "#app/modules/admin/admin-rules";
import { BlockSchema, ResetMailSchema, RoleSchema, SessionsSchema, TwoFactorResetSchema, UnblockSchema, type PersonForm } from "#app/modules/admin/admin-schemas";
import { db } from "#db/client";
import { resetTwoFactor } from "#app/modules/auth/two-factor.server";
import { getPerson } from "#app/modules/admin/people.server";
import { deleteAccountAsAdmin } from "#app/modules/privacy/account-deletion.server";
import { DeleteAccountAsAdminSchema } from "#app/modules/privacy/privacy-schemas";
import { badRequest, forbidden, notFound, refusalReply, requireFound, type RefusalMessages } from "#app/utils/http";
import { redirectWithToast } from "#app/utils/toast.server";
import { isUuid } from "#app/utils/uuid";

/** The viewer (admin or coordinator) and the person's id from the URL; anything but a row id is a 404. */
async function requirePersonPage(request: Request, idParam: string | undefined) {
  const viewer = await requireAdminArea(request);
  if (!isUuid(idParam)) throw notFound();
  return { viewer, id: idParam.toLowerCase() };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, id } = await requirePersonPage(request, params.id);
  const { person, organisations, groups, sessions } = requireFound(await getPerson(id));
  const manages = mayManageAccounts(viewer.role);
  // Sessions and the log's reasons are for those who act on them: coordinators see the account, not its security.
  return json({
    person,
    organisations,
    groups,
    sessions: manages ? sessions : [],
    history: manages ? await getAdminLogFor(id) : [],
    viewer: { id: viewer.id, manages, changesRoles: mayChangeSomeRole(viewer.role) },
  });
}

type TwoFactorResetResult = Awaited<ReturnType<typeof resetTwoFactor>>;
type TwoFactorResetRefusal = Extract<TwoFactorResetResult, { ok: false }>["error"];

const REFUSALS: RefusalMessages<AdminRefusalReason | TwoFactorResetRefusal> = {
  lastAdmin: { message: "admin.refusals.lastAdmin" },
  self: { message: "admin.refusals.self" },
  unchanged: { message: "admin.refusals.unchanged" },
  blocked: { message: "admin.refusals.blocked" },
  sessionGone: { message: "admin.refusals.sessionGone" },
  throttled: { message: "admin.refusals.throttled" },
  notEnabled: { message: "admin.refusals.twoFactorOff" },
};

const TOASTS: Record<PersonForm, string> = {
  role: "admin.toast.roleChanged",
  block: "admin.toast.blocked",
  unblock: "admin.toast.unblocked",
  reset: "admin.toast.resetSent",
  twoFactor: "admin.toast.twoFactorReset",
  sessions: "admin.toast.sessionsEnded",
};

/** What the action answers a form: its errors, by the form's name, so only that form shows them. */
export type PersonFormAnswer = { form: PersonForm | "delete"; result: SubmissionResult<string[]> } | undefined;

const answer = (form: PersonForm | "delete", result: SubmissionResult<string[]>, status = 400, headers?: Headers) =>
  json({ form, result } satisfies NonNullable<PersonFormAnswer>, { status, headers });

/** One `intent` per form of the page; each write checks the viewer's right again (a coordinator's direct POST gets 403). */
export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, id } = await requirePersonPage(request, params.id);
  const actor = { id: viewer.id, role: viewer.role };
  const formData = await request.formData();
  const intent = formData.get("intent");
  // Refused before the form is read: a coordinator's post gets 403, whatever it holds.
  if (!(intent === "role" ? mayChangeSomeRole(viewer.role) : mayManageAccounts(viewer.role))) throw forbidden();
  const finish = async (form: PersonForm, outcome: AdminWriteResult | TwoFactorResetResult, reply: Parameters<typeof refusalReply>[1], toast = TOASTS[form]) => {
    if (outcome.ok) return redirectWithToast(`/verwaltung/personen/${id}`, toast);
    const { result, status, headers } = refusalReply(outcome, reply, REFUSALS);
    return answer(form, result, status, headers);
  };

  if (intent === "role") {
    const submission = parseWithZod(formData, { schema: RoleSchema });
    if (submission.status !== "success") return answer("role", submission.reply());
    return finish("role", await changeRole(actor, id, submission.value.role, submission.value.reason), submission.reply);
  }
  if (intent === "block") {
    const submission = parseWithZod(formData, { schema: BlockSchema });
    if (submission.status !== "success") return answer("block", submission.reply());
    return finish("block", await blockUser(actor, id, submission.value.reason), submission.reply);
  }
  if (intent === "unblock") {
    const submission = parseWithZod(formData, { schema: UnblockSchema });
    if (submission.status !== "success") return answer("unblock", submission.reply());
    return finish("unblock", await unblockUser(actor, id, submission.value.reason), submission.reply);
  }
  if (intent === "reset") {
    const submission = parseWithZod(formData, { schema: ResetMailSchema });
    if (submission.status !== "success") return answer("reset", submission.reply());
    return finish("reset", await sendResetMail(actor, id, submission.value.reason), submission.reply);
  }
  if (intent === "twoFactor") {
    const submission = parseWithZod(formData, { schema: TwoFactorResetSchema });
    if (submission.status !== "success") return answer("twoFactor", submission.reply());
    return finish("twoFactor", await resetTwoFactor(db, actor, id, submission.value.reason ?? ""), submission.reply);
  }
  if (intent === "sessions") {
    const submission = parseWithZod(formData, { schema: SessionsSchema });
    if (submission.status !== "success") return answer("sessions", submission.reply());
    const all = submission.value.session === "all";
    return finish("sessions", await endSessions(actor, id, submission.value.session, submission.value.reason), submission.reply, all ? "admin.toast.allSessionsEnded" : TOASTS.sessions);
  }
  if (intent === "delete") {
    const submission = parseWithZod(formData, { schema: DeleteAccountAsAdminSchema });
    if (submission.status !== "success") return answer("delete", submission.reply());
    const outcome = await deleteAccountAsAdmin(actor, id, submission.value.reason, submission.value.deletePosts);
    if (outcome.ok) return redirectWithToast("/verwaltung/personen", "privacy.deletion.adminDeleted");
    const { result, status } = refusalReply(outcome, submission.reply, { self: { message: "privacy.deletion.adminSelf" }, lastAdmin: { message: "admin.refusals.lastAdmin" } });
    return answer("delete", result, status);
  }
  throw badRequest();
}
