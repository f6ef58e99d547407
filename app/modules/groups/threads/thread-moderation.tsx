import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { SelectField, TextareaField } from "#app/components/conform-fields";
import { ErrorList, Field, StatusButton } from "#app/components/forms";
import type { MoveThreadSchema } from "./thread-schemas";
import type { ThreadFlagSchema } from "./thread-schemas";
import type { z } from "zod";

type LastResult = SubmissionResult<string[]> | null | undefined;

/** The coordinators' tools for a whole thread: pin, lock, move, and the way to the log. */
export function ThreadModeration({
  pinned,
  locked,
  moveTargets,
  logUrl,
  flagResult,
  moveResult,
}: {
  pinned: boolean;
  locked: boolean;
  moveTargets: { id: string; name: string }[];
  logUrl: string;
  flagResult: LastResult;
  moveResult: LastResult;
}) {
  const { t } = useTranslation();
  const [flagForm, flagFields] = useForm<z.input<typeof ThreadFlagSchema>>({
    id: "thread-flags",
    lastResult: flagResult,
  });
  const [moveForm, moveFields] = useForm<z.input<typeof MoveThreadSchema>>({
    id: "thread-move",
    lastResult: moveResult,
  });
  return (
    <section aria-labelledby="moderation-heading" className="thread-moderation no-print">
      <h2 id="moderation-heading">{t("threads.moderation.title")}</h2>
      <p>
        <Link to={logUrl}>{t("threads.moderation.logLink")}</Link>
      </p>
      <Form method="post" {...getFormProps(flagForm)}>
        <ErrorList id={flagForm.errorId} errors={flagForm.errors} announce />
        <Field label={t("threads.moderation.reasonOptional")} errors={flagFields.reason.errors} inputProps={getInputProps(flagFields.reason, { type: "text" })} />
        <div className="thread-moderation__buttons">
          <StatusButton name="intent" value={pinned ? "unpin" : "pin"} className="button button--secondary">
            {pinned ? t("threads.moderation.unpin") : t("threads.moderation.pin")}
          </StatusButton>
          <StatusButton name="intent" value={locked ? "unlock" : "lock"} className="button button--secondary">
            {locked ? t("threads.moderation.unlock") : t("threads.moderation.lock")}
          </StatusButton>
        </div>
      </Form>
      {moveTargets.length > 0 ? (
        <Form method="post" {...getFormProps(moveForm)} className="thread-moderation__move">
          <input type="hidden" name="intent" value="move" />
          <fieldset>
            <legend>{t("threads.moderation.move")}</legend>
            <ErrorList id={moveForm.errorId} errors={moveForm.errors} announce />
            <SelectField
              field={moveFields.toGroupId}
              errors={moveFields.toGroupId.errors}
              label={t("threads.moderation.moveTo")}
              placeholder={t("threads.moderation.choose")}
              options={moveTargets.map((target) => ({ value: target.id, label: target.name }))}
            />
            <TextareaField field={moveFields.reason} errors={moveFields.reason.errors} label={t("threads.moderation.reason")} rows={2} />
            <StatusButton className="button button--secondary">{t("threads.moderation.moveSubmit")}</StatusButton>
          </fieldset>
        </Form>
      ) : (
        <p className="field__hint">{t("threads.moderation.noTargets")}</p>
      )}
    </section>
  );
}
