import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "#app/utils/use-translation";
import { SelectField, TextareaField } from "#app/components/conform-fields";
import { Field } from "#app/components/forms";
import { partnerKinds } from "#db/schema/directory-enums";

type PartnerFields = Record<"name" | "shortName" | "kind" | "description" | "website" | "email" | "phone", FieldMetadata<unknown>>;

/** The fields of a partner's profile, shared by the create and edit pages. */
export function PartnerFieldset({ fields }: { fields: PartnerFields }) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t("directory.partner.name")} errors={fields.name.errors} inputProps={getInputProps(fields.name, { type: "text" })} />
      <Field label={t("directory.partner.shortName")} errors={fields.shortName.errors} inputProps={getInputProps(fields.shortName, { type: "text" })} />
      <SelectField
        field={fields.kind}
        errors={fields.kind.errors}
        label={t("directory.partner.kind")}
        placeholder={t("directory.partner.chooseKind")}
        options={partnerKinds.map((kind) => ({ value: kind, label: t(`directory.kinds.${kind}`) }))}
      />
      <TextareaField field={fields.description} errors={fields.description.errors} label={t("directory.edit.description")} rows={5} />
      <Field label={t("directory.website")} errors={fields.website.errors} inputProps={{ ...getInputProps(fields.website, { type: "url" }), placeholder: "https://" }} />
      <Field label={t("directory.email")} errors={fields.email.errors} inputProps={getInputProps(fields.email, { type: "email" })} />
      <Field label={t("directory.phone")} errors={fields.phone.errors} inputProps={getInputProps(fields.phone, { type: "tel" })} />
    </>
  );
}
