import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { CheckboxField, TextareaField } from "#app/components/conform-fields";
import { ErrorList, Field, StatusButton } from "#app/components/forms";
import type { LastResult } from "#app/modules/open-mic/moderation-forms";
import type { ModeratorEditSchema } from "#app/modules/open-mic/coordination-schemas";
import type { z } from "zod";

/**
 * The moderator's edit of the topic (title and text) or of one reply (text), with the reason the
 * author sees — or, ticked, the removal of personal data for good.
 */
export function ModeratorEditForm({
  replyId,
  title,
  body,
  guestName = null,
  town = null,
  personalData,
  lastResult,
}: {
  replyId: string | null;
  title: string;
  body: string;
  /** The guest's name and the place of the topic (a reply has neither); null when there is none. */
  guestName?: string | null;
  town?: string | null;
  personalData: boolean;
  lastResult: LastResult;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof ModeratorEditSchema>>({
    id: `edit-${replyId ?? "topic"}`,
    lastResult,
    defaultValue: { title, body, guestName: guestName ?? "", town: town ?? "", personalData: personalData ? "on" : undefined },
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={[...(form.errors ?? []), ...(fields.replyId.errors ?? [])]} announce />
      <input type="hidden" name="intent" value="edit" />
      {replyId ? <input type="hidden" name="replyId" value={replyId} /> : null}
      {replyId ? null : <Field label={t("openMicCoordination.moderate.editTitle")} errors={fields.title.errors} inputProps={getInputProps(fields.title, { type: "text" })} />}
      <TextareaField field={fields.body} errors={fields.body.errors} label={t("openMicCoordination.moderate.editBody")} rows={10} />
      {replyId ? null : (
        <>
          <input type="hidden" name="topicFields" value="on" />
          {guestName !== null ? (
            <Field label={t("openMicCoordination.moderate.editGuestName")} errors={fields.guestName.errors} inputProps={getInputProps(fields.guestName, { type: "text" })} />
          ) : null}
          <Field label={t("openMicCoordination.moderate.editTown")} errors={fields.town.errors} inputProps={getInputProps(fields.town, { type: "text" })} />
        </>
      )}
      <Field label={t("openMicCoordination.moderate.editReason")} errors={fields.reason.errors} inputProps={getInputProps(fields.reason, { type: "text" })} />
      <CheckboxField field={fields.personalData} errors={fields.personalData.errors} label={t("openMicCoordination.moderate.personalData")} hint={t("openMicCoordination.moderate.personalDataHint")} />
      <StatusButton>{t("openMicCoordination.moderate.editSubmit")}</StatusButton>
    </Form>
  );
}
