import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "#app/utils/use-translation";
import { ChoiceGroup } from "#app/components/choice-group";
import { TextareaField } from "#app/components/conform-fields";
import { Field } from "#app/components/forms";
import { groupVisibilities } from "#db/schema/group-enums";

type GroupFields = Record<"name" | "focus" | "description" | "visibility", FieldMetadata<unknown>>;

/** Name, focus, description and visibility of a group: the same fields on the new and the edit page. */
export function GroupFieldset({ fields }: { fields: GroupFields }) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t("groupAdmin.form.name")} hint={t("groupAdmin.form.nameHint")} errors={fields.name.errors} inputProps={getInputProps(fields.name, { type: "text" })} />
      <Field label={t("groupAdmin.form.focus")} hint={t("groupAdmin.form.focusHint")} errors={fields.focus.errors} inputProps={getInputProps(fields.focus, { type: "text" })} />
      <TextareaField field={fields.description} errors={fields.description.errors} label={t("groupAdmin.form.description")} rows={5} />
      <ChoiceGroup
        legend={t("groupAdmin.form.visibility")}
        field={fields.visibility}
        type="radio"
        options={groupVisibilities.map((visibility) => ({ value: visibility, label: t(`groupAdmin.form.${visibility}`) }))}
      />
    </>
  );
}
