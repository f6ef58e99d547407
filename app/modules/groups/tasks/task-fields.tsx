import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ChoiceGroup } from "#app/components/choice-group";
import { ErrorList, Field } from "#app/components/forms";

export type TaskChoices = {
  members: { userId: string; displayName: string }[];
  threads: { id: string; title: string }[];
  /** Open Mic topics handed to the group; the title is null for a task's own topic no longer shown. */
  topics: { id: number; title: string | null }[];
};

type Fields = Record<"title" | "description" | "assignees" | "dueDate" | "threadId" | "topicId", FieldMetadata<unknown>>;

/** The fields of a task, shared by the new-task page and the edit form on the task's page. */
export function TaskFieldset({ fields, choices }: { fields: Fields; choices: TaskChoices }) {
  const { t } = useTranslation();
  const descriptionHint = `${fields.description.id}-hint`;
  const threadHint = `${fields.threadId.id}-hint`;
  const topicHint = `${fields.topicId.id}-hint`;
  const describedBy = (hint: string, field: FieldMetadata<unknown>) => [hint, field.errors?.length ? field.errorId : ""].join(" ").trim();
  return (
    <>
      <Field label={t("tasks.fields.title")} errors={fields.title.errors} inputProps={getInputProps(fields.title, { type: "text" })} />
      <div className="field">
        <label htmlFor={fields.description.id}>{t("tasks.fields.description")}</label>
        <p id={descriptionHint} className="field__hint">
          {t("tasks.fields.descriptionHint")}
        </p>
        <textarea {...getTextareaProps(fields.description)} rows={6} aria-describedby={describedBy(descriptionHint, fields.description)} />
        <ErrorList id={fields.description.errorId} errors={fields.description.errors} />
      </div>
      <ChoiceGroup legend={t("tasks.fields.assignees")} field={fields.assignees} options={choices.members.map((member) => ({ value: member.userId, label: member.displayName }))} />
      <Field label={t("tasks.fields.dueDate")} hint={t("tasks.fields.dueDateHint")} errors={fields.dueDate.errors} inputProps={getInputProps(fields.dueDate, { type: "date" })} />
      <div className="field">
        <label htmlFor={fields.threadId.id}>{t("tasks.fields.thread")}</label>
        <p id={threadHint} className="field__hint">
          {choices.threads.length > 0 ? t("tasks.fields.threadHint") : t("tasks.fields.noThreads")}
        </p>
        <select {...getSelectProps(fields.threadId)} aria-describedby={describedBy(threadHint, fields.threadId)}>
          <option value="">{t("tasks.fields.noThread")}</option>
          {choices.threads.map((thread) => (
            <option key={thread.id} value={thread.id}>
              {thread.title}
            </option>
          ))}
        </select>
        <ErrorList id={fields.threadId.errorId} errors={fields.threadId.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.topicId.id}>{t("tasks.fields.topic")}</label>
        <p id={topicHint} className="field__hint">
          {choices.topics.length > 0 ? t("tasks.fields.topicHint") : t("tasks.fields.noTopics")}
        </p>
        <select {...getSelectProps(fields.topicId)} aria-describedby={describedBy(topicHint, fields.topicId)}>
          <option value="">{t("tasks.fields.noTopic")}</option>
          {choices.topics.map((topic) => (
            <option key={topic.id} value={String(topic.id)}>
              {topic.title === null ? t("tasks.topicNumber", { id: topic.id }) : t("tasks.topicOption", { id: topic.id, title: topic.title })}
            </option>
          ))}
        </select>
        <ErrorList id={fields.topicId.errorId} errors={fields.topicId.errors} />
      </div>
    </>
  );
}
