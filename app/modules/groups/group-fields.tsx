import { getInputProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ChoiceGroup } from "#app/components/choice-group";
import { ErrorList, Field } from "#app/components/forms";

type GroupFields = Record<"name" | "focus" | "description" | "visibility", FieldMetadata<unknown>>;

/** Name, focus, description and visibility of a group: the same fields on the new and the edit page. */
export function GroupFieldset({ fields }: { fields: GroupFields }) {
  const { t } = useTranslation();
  const descriptionErrorId = fields.description.errors?.length ? fields.description.errorId : undefined;
  return (
    <>
      <Field label={t("groupAdmin.form.name")} hint={t("groupAdmin.form.nameHint")} errors={fields.name.errors} inputProps={getInputProps(fields.name, { type: "text" })} />
      <Field label={t("groupAdmin.form.focus")} hint={t("groupAdmin.form.focusHint")} errors={fields.focus.errors} inputProps={getInputProps(fields.focus, { type: "text" })} />
      <div className="field">
        <label htmlFor={fields.description.id}>{t("groupAdmin.form.description")}</label>
        <textarea {...getTextareaProps(fields.description)} aria-describedby={descriptionErrorId} rows={5} />
        <ErrorList id={descriptionErrorId} errors={fields.description.errors} />
      </div>
      <ChoiceGroup
        legend={t("groupAdmin.form.visibility")}
        field={fields.visibility}
        type="radio"
        options={[
          { value: "public", label: t("groupAdmin.form.public") },
          { value: "private", label: t("groupAdmin.form.private") },
        ]}
      />
    </>
  );
}
