import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { CheckboxField, SelectField, TextareaField } from "#app/components/conform-fields";
import { ErrorList, Field, StatusButton } from "#app/components/forms";
import type { TopicStatus } from "#db/schema/open-mic-enums";
import { ServicePicker } from "./coordination-service-picker";
import type { StatusChangeSchema } from "./coordination-schemas";
import type { z } from "zod";

type Props = {
  topic: { id: number; title: string; status: TopicStatus; hidden?: boolean };
  allowed: readonly TopicStatus[];
  groups: { id: string; name: string }[];
  services: { id: string; name: string; partnerName: string }[];
  defaultReviewDay: string;
  /** An answer begun elsewhere (e.g. a meeting's decision), as the textarea's first value. */
  initialAnswer?: string;
  lastResult: SubmissionResult<string[]> | null | undefined;
};

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : typeof value === "string" ? [value] : []);

/**
 * The coordinator's form: a new status (only the moves allowed from the current one), the visible
 * answer with an optional summary in plain language, the services it points to and, for a topic handed to a working group, the group, the next
 * review date and an optional task there. Works as a plain form post.
 */
export function StatusChangeForm({ topic, allowed, groups, services, defaultReviewDay, initialAnswer = "", lastResult }: Props) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof StatusChangeSchema>>({
    id: "status-change",
    lastResult,
    defaultValue: {
      nextReviewAt: defaultReviewDay,
      answer: initialAnswer,
      taskTitle: topic.title.slice(0, 200),
      taskDescription: t("openMicCoordination.status.taskDescriptionDefault", { id: topic.id, title: topic.title }),
    },
  });
  const statusErrorId = fields.toStatus.errorId;
  return (
    <Form method="post" {...getFormProps(form)} className="om-status-form">
      <ErrorList id={form.errorId} errors={form.errors} announce />
      <fieldset className="choices om-status-choices" aria-describedby={fields.toStatus.errors?.length ? statusErrorId : undefined}>
        <legend>{t("openMicCoordination.status.newStatus")}</legend>
        <ErrorList id={statusErrorId} errors={fields.toStatus.errors} />
        <ul>
          {allowed.map((status) => (
            <li key={status}>
              <input type="radio" id={`to-${status}`} name={fields.toStatus.name} value={status} defaultChecked={fields.toStatus.initialValue === status} />
              <label htmlFor={`to-${status}`}>
                {status === topic.status ? t("openMicCoordination.status.again", { status: t(`openMicCoordination.statuses.${status}`) }) : t(`openMicCoordination.statuses.${status}`)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <TextareaField field={fields.answer} errors={fields.answer.errors} label={t("openMicCoordination.status.answer")} hint={t("openMicCoordination.status.answerHint")} rows={8} />
      <TextareaField field={fields.plainSummary} errors={fields.plainSummary.errors} label={t("postLanguages.summary.field")} hint={t("postLanguages.summary.hint")} rows={3} />
      <ServicePicker services={services} name={fields.services.name} selected={asList(fields.services.initialValue)} errors={fields.services.errors} errorId={fields.services.errorId} />
      <fieldset className="om-routing">
        <legend>{t("openMicCoordination.status.routing")}</legend>
        <p className="field__hint">{t("openMicCoordination.status.routingHint")}</p>
        <SelectField
          field={fields.groupId}
          errors={fields.groupId.errors}
          label={t("openMicCoordination.status.group")}
          placeholder={t("openMicCoordination.status.chooseGroup")}
          options={groups.map((group) => ({ value: group.id, label: group.name }))}
        />
        <Field
          label={t("openMicCoordination.status.reviewDate")}
          hint={t("openMicCoordination.status.reviewHint")}
          errors={fields.nextReviewAt.errors}
          inputProps={getInputProps(fields.nextReviewAt, { type: "date" })}
        />
        {topic.hidden ? <p className="notice">{t("openMicCoordination.status.hiddenNotice")}</p> : null}
        <CheckboxField field={fields.createTask} errors={fields.createTask.errors} label={t("openMicCoordination.status.createTask")} />
        <Field label={t("openMicCoordination.status.taskTitle")} errors={fields.taskTitle.errors} inputProps={getInputProps(fields.taskTitle, { type: "text" })} />
        <TextareaField field={fields.taskDescription} errors={fields.taskDescription.errors} label={t("openMicCoordination.status.taskDescription")} rows={3} />
      </fieldset>
      <StatusButton>{t("openMicCoordination.status.submit")}</StatusButton>
    </Form>
  );
}
