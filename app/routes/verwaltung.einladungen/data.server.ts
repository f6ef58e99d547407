import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, unstable_parseMultipartFormData, type ActionFunctionArgs, type LoaderFunctionArgs, type UploadHandler } from "@remix-run/node";
import { userRoles } from "#db/schema/user-enums";
import { requireAdminArea } from "#app/modules/admin/admin-access.server";
import type { SessionUser } from "#app/modules/auth/session.server";
import { parseAddressCsv } from "#app/modules/invitations/address-csv.server";
import { parseAddressText, problemMessage, type AddressEntry, type AddressProblem } from "#app/modules/invitations/address-list";
import { invitationFiltersFrom } from "#app/modules/invitations/invitation-filters";
import { mayChangeSiteSettings, mayPresetRole, MAX_INVITATIONS } from "#app/modules/invitations/invitation-rules";
import { ADDRESSES_TEXT_MAX, InvitationRowSchema, InviteSchema, SettingsSchema } from "#app/modules/invitations/invitation-schemas";
import {
  findTakenAddresses,
  getInviteOptions,
  lastInvitationSentAt,
  listInvitations,
  resendInvitation,
  revokeInvitation,
  sendInvitations,
  type RowRefusal,
} from "#app/modules/invitations/invitations.server";
import { getSiteSettings, setInvitationOnly } from "#app/modules/invitations/site-settings.server";
import { badRequest, forbidden, refusalReply, type RefusalMessages } from "#app/utils/http";
import { getLanguage, isSupportedLanguage } from "#app/utils/i18n.server";
import { redirectWithToast } from "#app/utils/toast.server";
import { INVITATION_FILE_MAX_BYTES } from "#app/utils/upload-limits";

const LIST_PATH = "/verwaltung/einladungen";
const FILE_MAX_BYTES = INVITATION_FILE_MAX_BYTES;
// A text field of the form: the pasted list at its longest, in UTF-8.
const TEXT_PART_MAX_BYTES = ADDRESSES_TEXT_MAX * 4 + 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireAdminArea(request);
  const filters = invitationFiltersFrom(new URL(request.url).searchParams);
  const [list, options, settings, formKey, lang] = await Promise.all([listInvitations(filters), getInviteOptions(), getSiteSettings(), lastInvitationSentAt(), getLanguage(request)]);
  return json({
    filters,
    ...list,
    options,
    settings: { invitationOnly: settings.invitationOnly },
    formKey,
    defaultLocale: lang,
    viewer: { presetRoles: userRoles.filter((role) => mayPresetRole(viewer.role, role)), changesSettings: mayChangeSiteSettings(viewer.role) },
  });
}

export type InvitationsForm = "invite" | "settings" | "row";
/** What the action answers a form: its errors, by the form's name, so only that form shows them. */
export type InvitationsAnswer = { form: InvitationsForm; result: SubmissionResult<string[]> } | undefined;

const answer = (form: InvitationsForm, result: SubmissionResult<string[]>, status = 400) => json({ form, result } satisfies NonNullable<InvitationsAnswer>, { status });

/**
 * The form's parts, with an upload of at most FILE_MAX_BYTES: a larger file is left out (and said
 * so), while the other fields stay, so that the page comes back with everything typed.
 */
async function readForm(request: Request): Promise<{ formData: FormData; fileTooLarge: boolean }> {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return { formData: await request.formData(), fileTooLarge: false };
  let fileTooLarge = false;
  const handler: UploadHandler = async ({ filename, contentType, data }) => {
    const limit = filename === undefined ? TEXT_PART_MAX_BYTES : FILE_MAX_BYTES;
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size <= limit) chunks.push(new Uint8Array(chunk));
    }
    if (size > limit) {
      if (filename !== undefined) fileTooLarge = true;
      return undefined;
    }
    return filename === undefined ? new Blob(chunks).text() : new File(chunks, filename, { type: contentType });
  };
  return { formData: await unstable_parseMultipartFormData(request, handler), fileTooLarge };
}

type FileReading = { entries: AddressEntry[]; problems: AddressProblem[]; errors: string[] };

/** The uploaded CSV's addresses, or why it cannot be read; addresses already in the pasted list are folded. */
async function readFile(file: FormDataEntryValue | null, tooLarge: boolean, seen: Set<string>): Promise<FileReading> {
  const none: FileReading = { entries: [], problems: [], errors: [] };
  if (tooLarge) return { ...none, errors: ["invitations.validation.fileTooLarge"] };
  if (!(file instanceof File) || (file.size === 0 && !file.name)) return none;
  if (!/\.(csv|txt)$/i.test(file.name)) return { ...none, errors: ["invitations.validation.fileType"] };
  const list = parseAddressCsv(await file.text(), seen);
  if ("refused" in list) return { ...none, errors: [list.refused === "noColumn" ? "invitations.validation.fileNoColumn" : "invitations.validation.fileUnreadable"] };
  return { ...list, errors: list.problems.map(problemMessage) };
}

/**
 * The invitation form. Nothing is sent while any line is bad: the page comes back with the list as
 * typed and every bad line named (an address that is none, or one that has an account).
 */
async function invite(viewer: SessionUser, formData: FormData, fileTooLarge: boolean) {
  const submission = parseWithZod(formData, { schema: InviteSchema });
  const text = parseAddressText(typeof formData.get("addresses") === "string" ? (formData.get("addresses") as string) : "");
  const file = await readFile(formData.get("file"), fileTooLarge, new Set(text.entries.map((entry) => entry.email)));
  const entries = [...text.entries, ...file.entries];
  const taken = await findTakenAddresses(entries.map((entry) => entry.email));
  const takenProblems = entries.filter((entry) => taken.has(entry.email)).map((entry): AddressProblem => ({ line: entry.line, value: entry.email, source: entry.source, kind: "taken" }));

  const fieldErrors: Record<string, string[]> = {};
  const textErrors = [...text.problems, ...takenProblems.filter((problem) => problem.source === "text")].sort((a, b) => a.line - b.line).map(problemMessage);
  const fileErrors = [...file.errors, ...takenProblems.filter((problem) => problem.source === "file").map(problemMessage)];
  if (textErrors.length > 0) fieldErrors.addresses = textErrors;
  if (fileErrors.length > 0) fieldErrors.file = fileErrors;
  if (entries.length > MAX_INVITATIONS) fieldErrors[file.entries.length > 0 ? "file" : "addresses"] = [`invitations.validation.tooMany|${MAX_INVITATIONS}`];
  if (entries.length === 0 && !fieldErrors.addresses && !fieldErrors.file && text.problems.length === 0) fieldErrors.addresses = ["invitations.validation.noAddresses"];
  if (submission.status === "success" && !mayPresetRole(viewer.role, submission.value.role)) fieldErrors.role = ["invitations.validation.roleForbidden"];
  if (submission.status === "success" && !isSupportedLanguage(submission.value.locale)) fieldErrors.locale = ["invitations.validation.locale"];
  const lineProblems = text.problems.length + file.problems.length + takenProblems.length > 0;
  if (submission.status !== "success" || Object.keys(fieldErrors).length > 0) {
    return answer("invite", submission.reply({ fieldErrors, ...(lineProblems ? { formErrors: ["invitations.form.nothingSent"] } : {}) }));
  }

  const { role, partnerId, partnerFunction, groupIds, locale } = submission.value;
  const outcome = await sendInvitations(
    { id: viewer.id, role: viewer.role, displayName: viewer.displayName },
    entries.map((entry) => entry.email),
    { role, partnerId: partnerId ?? null, partnerFunction, groupIds, locale },
  );
  if (outcome.ok) return redirectWithToast(LIST_PATH, "invitations.toast.sent");
  if (outcome.error === "forbidden") return answer("invite", submission.reply({ fieldErrors: { role: ["invitations.validation.roleForbidden"] } }));
  if (outcome.error === "partner") return answer("invite", submission.reply({ fieldErrors: { partnerId: ["invitations.validation.partnerGone"] } }));
  if (outcome.error === "groups") return answer("invite", submission.reply({ fieldErrors: { groupIds: ["invitations.validation.groupsGone"] } }));
  // An account made meanwhile: named at its line, like the ones found before.
  const late = new Set(outcome.taken);
  const lateErrors: Record<string, string[]> = {};
  for (const entry of entries.filter((candidate) => late.has(candidate.email))) {
    (lateErrors[entry.source === "text" ? "addresses" : "file"] ??= []).push(problemMessage({ line: entry.line, value: entry.email, source: entry.source, kind: "taken" }));
  }
  return answer("invite", submission.reply({ fieldErrors: lateErrors, formErrors: ["invitations.form.nothingSent"] }));
}

const ROW_REFUSALS: RefusalMessages<RowRefusal["error"]> = {
  closed: { message: "invitations.refusals.closed" },
  taken: { message: "invitations.refusals.taken" },
};

/** One `intent` per form of the page; every write checks the viewer's right again (direct POSTs included). */
export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireAdminArea(request);
  const { formData, fileTooLarge } = await readForm(request);
  const intent = formData.get("intent");
  const back = `${LIST_PATH}${new URL(request.url).search}`;

  if (intent === "invite") return invite(viewer, formData, fileTooLarge);

  if (intent === "settings") {
    // Refused before the form is read: a coordinator's post gets 403, whatever it holds.
    if (!mayChangeSiteSettings(viewer.role)) throw forbidden();
    const submission = parseWithZod(formData, { schema: SettingsSchema });
    if (submission.status !== "success") return answer("settings", submission.reply());
    const outcome = await setInvitationOnly(viewer, submission.value.invitationOnly);
    if (!outcome.ok) throw forbidden();
    return redirectWithToast(back, "invitations.toast.settingsSaved");
  }

  if (intent === "resend" || intent === "revoke") {
    const submission = parseWithZod(formData, { schema: InvitationRowSchema });
    if (submission.status !== "success") throw badRequest();
    const actor = { id: viewer.id, role: viewer.role, displayName: viewer.displayName };
    const outcome = intent === "resend" ? await resendInvitation(actor, submission.value.id) : await revokeInvitation(actor, submission.value.id);
    if (outcome.ok) return redirectWithToast(back, intent === "resend" ? "invitations.toast.resent" : "invitations.toast.revoked");
    const { result, status } = refusalReply(outcome, submission.reply, ROW_REFUSALS);
    return answer("row", result, status);
  }
  throw badRequest();
}
