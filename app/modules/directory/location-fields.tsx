import { getInputProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "#app/components/forms";

type Fields = Record<"name" | "street" | "postalCode" | "town" | "latitude" | "longitude" | "accessibilityNote" | "wheelchairAccessible" | "openingHours" | "exceptions", FieldMetadata<unknown>>;

/** The fields of a location and its weekly hours, shared by the create and edit pages. */
export function LocationFieldset({ fields }: { fields: Fields }) {
  const { t } = useTranslation();
  const hintId = `${fields.openingHours.id}-hint`;
  return (
    <>
      <Field label={t("directory.location.name")} errors={fields.name.errors} inputProps={getInputProps(fields.name, { type: "text" })} />
      <Field label={t("directory.location.street")} errors={fields.street.errors} inputProps={{ ...getInputProps(fields.street, { type: "text" }), autoComplete: "street-address" }} />
      <Field label={t("directory.location.postalCode")} errors={fields.postalCode.errors} inputProps={{ ...getInputProps(fields.postalCode, { type: "text" }), inputMode: "numeric", autoComplete: "postal-code" }} />
      <Field label={t("directory.location.town")} errors={fields.town.errors} inputProps={{ ...getInputProps(fields.town, { type: "text" }), autoComplete: "address-level2" }} />
      <Field label={t("directory.location.latitude")} hint={t("directory.location.coordinatesHint")} errors={fields.latitude.errors} inputProps={{ ...getInputProps(fields.latitude, { type: "text" }), inputMode: "decimal" }} />
      <Field label={t("directory.location.longitude")} errors={fields.longitude.errors} inputProps={{ ...getInputProps(fields.longitude, { type: "text" }), inputMode: "decimal" }} />
      <div className="field">
        <label htmlFor={fields.openingHours.id}>{t("directory.location.hours")}</label>
        <p id={hintId} className="field__hint">
          {t("directory.location.hoursHint")}
        </p>
        <textarea
          {...getTextareaProps(fields.openingHours)}
          rows={5}
          aria-describedby={[hintId, fields.openingHours.errors?.length ? fields.openingHours.errorId : ""].join(" ").trim()}
        />
        <ErrorList id={fields.openingHours.errorId} errors={fields.openingHours.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.exceptions.id}>{t("directory.location.exceptions")}</label>
        <p id={`${fields.exceptions.id}-hint`} className="field__hint">
          {t("directory.location.exceptionsHint")}
        </p>
        <textarea
          {...getTextareaProps(fields.exceptions)}
          rows={3}
          aria-describedby={[`${fields.exceptions.id}-hint`, fields.exceptions.errors?.length ? fields.exceptions.errorId : ""].join(" ").trim()}
        />
        <ErrorList id={fields.exceptions.errorId} errors={fields.exceptions.errors} />
      </div>
      <div className="field field--checkbox">
        <input {...getInputProps(fields.wheelchairAccessible, { type: "checkbox" })} />
        <label htmlFor={fields.wheelchairAccessible.id}>{t("directory.wheelchair")}</label>
      </div>
      <Field label={t("directory.location.accessibilityNote")} errors={fields.accessibilityNote.errors} inputProps={getInputProps(fields.accessibilityNote, { type: "text" })} />
    </>
  );
}
