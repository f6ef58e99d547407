import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "#app/utils/use-translation";
import { ChoiceGroup } from "#app/components/choice-group";
import { SelectField, TextareaField } from "#app/components/conform-fields";
import { Field } from "#app/components/forms";

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
  return (
    <>
      <Field label={t("tasks.fields.title")} errors={fields.title.errors} inputProps={getInputProps(fields.title, { type: "text" })} />
      <TextareaField field={fields.description} errors={fields.description.errors} label={t("tasks.fields.description")} hint={t("tasks.fields.descriptionHint")} rows={6} />
      <ChoiceGroup legend={t("tasks.fields.assignees")} field={fields.assignees} options={choices.members.map((member) => ({ value: member.userId, label: member.displayName }))} />
      <Field label={t("tasks.fields.dueDate")} hint={t("tasks.fields.dueDateHint")} errors={fields.dueDate.errors} inputProps={getInputProps(fields.dueDate, { type: "date" })} />
      <SelectField
        field={fields.threadId}
        errors={fields.threadId.errors}
        label={t("tasks.fields.thread")}
        hint={choices.threads.length > 0 ? t("tasks.fields.threadHint") : t("tasks.fields.noThreads")}
        placeholder={t("tasks.fields.noThread")}
        options={choices.threads.map((thread) => ({ value: thread.id, label: thread.title }))}
      />
      <SelectField
        field={fields.topicId}
        errors={fields.topicId.errors}
        label={t("tasks.fields.topic")}
        hint={choices.topics.length > 0 ? t("tasks.fields.topicHint") : t("tasks.fields.noTopics")}
        placeholder={t("tasks.fields.noTopic")}
        options={choices.topics.map((topic) => ({
          value: String(topic.id),
          label: topic.title === null ? t("tasks.topicNumber", { id: topic.id }) : t("tasks.topicOption", { id: topic.id, title: topic.title }),
        }))}
      />
    </>
  );
}
