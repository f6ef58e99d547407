import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "#app/components/forms";
import { partnerKinds } from "#db/schema/directory-enums";

type PartnerFields = Record<"name" | "shortName" | "kind" | "description" | "website" | "email" | "phone", FieldMetadata<unknown>>;

/** The fields of a partner's profile, shared by the create and edit pages. */
export function PartnerFieldset({ fields }: { fields: PartnerFields }) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t("directory.partner.name")} errors={fields.name.errors} inputProps={getInputProps(fields.name, { type: "text" })} />
      <Field label={t("directory.partner.shortName")} errors={fields.shortName.errors} inputProps={getInputProps(fields.shortName, { type: "text" })} />
      <div className="field">
        <label htmlFor={fields.kind.id}>{t("directory.partner.kind")}</label>
        <select {...getSelectProps(fields.kind)}>
          <option value="">{t("directory.partner.chooseKind")}</option>
          {partnerKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`directory.kinds.${kind}`)}
            </option>
          ))}
        </select>
        <ErrorList id={fields.kind.errorId} errors={fields.kind.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.description.id}>{t("directory.edit.description")}</label>
        <textarea {...getTextareaProps(fields.description)} rows={5} />
        <ErrorList id={fields.description.errorId} errors={fields.description.errors} />
      </div>
      <Field label={t("directory.website")} errors={fields.website.errors} inputProps={{ ...getInputProps(fields.website, { type: "url" }), placeholder: "https://" }} />
      <Field label={t("directory.email")} errors={fields.email.errors} inputProps={getInputProps(fields.email, { type: "email" })} />
      <Field label={t("directory.phone")} errors={fields.phone.errors} inputProps={getInputProps(fields.phone, { type: "tel" })} />
    </>
  );
}
