import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "#app/utils/use-translation";
import { TextareaField } from "#app/components/conform-fields";
import { Field } from "#app/components/forms";

type MeetingFields = Record<"title" | "startsAt" | "endsAt" | "place" | "onlineUrl" | "agenda", FieldMetadata<unknown>>;

/** The fields of a meeting or network event: the same on the create and edit pages. */
export function MeetingFieldset({ fields }: { fields: MeetingFields }) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t("meetings.fields.title")} errors={fields.title.errors} inputProps={getInputProps(fields.title, { type: "text" })} />
      <fieldset className="meeting-times">
        <legend>{t("meetings.fields.timeHint")}</legend>
        <Field label={t("meetings.fields.startsAt")} errors={fields.startsAt.errors} inputProps={getInputProps(fields.startsAt, { type: "datetime-local" })} />
        <Field label={t("meetings.fields.endsAt")} errors={fields.endsAt.errors} inputProps={getInputProps(fields.endsAt, { type: "datetime-local" })} />
      </fieldset>
      <Field label={t("meetings.fields.place")} hint={t("meetings.fields.placeHint")} errors={fields.place.errors} inputProps={getInputProps(fields.place, { type: "text" })} />
      <Field
        label={t("meetings.fields.onlineUrl")}
        hint={t("meetings.fields.onlineUrlHint")}
        errors={fields.onlineUrl.errors}
        inputProps={{ ...getInputProps(fields.onlineUrl, { type: "url" }), placeholder: "https://" }}
      />
      <TextareaField field={fields.agenda} errors={fields.agenda.errors} label={t("meetings.fields.agenda")} hint={t("meetings.fields.agendaHint")} rows={8} />
    </>
  );
}
