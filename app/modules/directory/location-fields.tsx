import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "#app/utils/use-translation";
import { CheckboxField, TextareaField } from "#app/components/conform-fields";
import { Field } from "#app/components/forms";

type Fields = Record<"name" | "street" | "postalCode" | "town" | "latitude" | "longitude" | "accessibilityNote" | "wheelchairAccessible" | "openingHours" | "exceptions", FieldMetadata<unknown>>;

/** The fields of a location and its weekly hours, shared by the create and edit pages. */
export function LocationFieldset({ fields }: { fields: Fields }) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t("directory.location.name")} errors={fields.name.errors} inputProps={getInputProps(fields.name, { type: "text" })} />
      <Field label={t("directory.location.street")} errors={fields.street.errors} inputProps={{ ...getInputProps(fields.street, { type: "text" }), autoComplete: "address-line1" }} />
      <Field
        label={t("directory.location.postalCode")}
        errors={fields.postalCode.errors}
        inputProps={{ ...getInputProps(fields.postalCode, { type: "text" }), inputMode: "numeric", autoComplete: "postal-code" }}
      />
      <Field label={t("directory.location.town")} errors={fields.town.errors} inputProps={{ ...getInputProps(fields.town, { type: "text" }), autoComplete: "address-level2" }} />
      <Field
        label={t("directory.location.latitude")}
        hint={t("directory.location.coordinatesHint")}
        errors={fields.latitude.errors}
        inputProps={{ ...getInputProps(fields.latitude, { type: "text" }), inputMode: "decimal" }}
      />
      <Field label={t("directory.location.longitude")} errors={fields.longitude.errors} inputProps={{ ...getInputProps(fields.longitude, { type: "text" }), inputMode: "decimal" }} />
      <TextareaField field={fields.openingHours} errors={fields.openingHours.errors} label={t("directory.location.hours")} hint={t("directory.location.hoursHint")} rows={5} />
      <TextareaField field={fields.exceptions} errors={fields.exceptions.errors} label={t("directory.location.exceptions")} hint={t("directory.location.exceptionsHint")} rows={3} />
      <CheckboxField field={fields.wheelchairAccessible} errors={fields.wheelchairAccessible.errors} label={t("directory.wheelchair")} />
      <Field label={t("directory.location.accessibilityNote")} errors={fields.accessibilityNote.errors} inputProps={getInputProps(fields.accessibilityNote, { type: "text" })} />
    </>
  );
}
