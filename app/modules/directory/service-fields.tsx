import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ChoiceGroup } from "#app/components/choice-group";
import { ErrorList, Field } from "#app/components/forms";
import { useRootData } from "#app/utils/misc";
import { accessModes } from "#db/schema/directory-enums";

type Choices = {
  locations: { id: string; name: string | null; street: string; town: string }[];
  services: { id: string; name: string; partnerName: string }[];
  taxonomy: { kind: "category" | "target_group"; slug: string; labels: Record<string, string> }[];
};

type Fields = Record<
  "name" | "description" | "categories" | "targetGroups" | "languages" | "cost" | "costNote" | "eligibility" | "accessModes" | "contactName" | "locationIds" | "nextSteps" | "keywords" | "status",
  FieldMetadata<unknown>
>;

/** The fields of a service, shared by the create and edit pages. */
export function ServiceFieldset({ fields, choices }: { fields: Fields; choices: Choices }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const terms = (kind: "category" | "target_group") =>
    choices.taxonomy.filter((term) => term.kind === kind).map((term) => ({ value: term.slug, label: term.labels[lang] ?? term.labels.de ?? term.slug }));
  return (
    <>
        <Field label={t("directory.edit.name")} errors={fields.name.errors} inputProps={getInputProps(fields.name, { type: "text" })} />
        <div className="field">
          <label htmlFor={fields.description.id}>{t("directory.edit.description")}</label>
          <textarea {...getTextareaProps(fields.description)} rows={6} />
          <ErrorList id={fields.description.errorId} errors={fields.description.errors} />
        </div>
        <ChoiceGroup legend={t("directory.facets.kategorie")} field={fields.categories} options={terms("category")} />
        <ChoiceGroup legend={t("directory.facets.zielgruppe")} field={fields.targetGroups} options={terms("target_group")} />
        <Field label={t("directory.edit.languages")} hint={t("directory.edit.languagesHint")} errors={fields.languages.errors} inputProps={getInputProps(fields.languages, { type: "text" })} />
        <ChoiceGroup legend={t("directory.facets.kostenlos")} field={fields.cost} type="radio" options={[{ value: "free", label: t("directory.free") }, { value: "fee", label: t("directory.fee") }]} />
        <Field label={t("directory.edit.costNote")} errors={fields.costNote.errors} inputProps={getInputProps(fields.costNote, { type: "text" })} />
        <Field label={t("directory.eligibility")} errors={fields.eligibility.errors} inputProps={getInputProps(fields.eligibility, { type: "text" })} />
        <ChoiceGroup legend={t("directory.facets.zugang")} field={fields.accessModes} options={accessModes.map((mode) => ({ value: mode, label: t(`directory.access.${mode}`) }))} />
        <Field label={t("directory.edit.contactName")} errors={fields.contactName.errors} inputProps={getInputProps(fields.contactName, { type: "text" })} />
        <ChoiceGroup legend={t("directory.locations")} field={fields.locationIds} options={choices.locations.map((place) => ({ value: place.id, label: `${place.name ?? place.town}, ${place.street}` }))} />
        <Field label={t("directory.edit.keywords")} hint={t("directory.edit.keywordsHint")} errors={fields.keywords.errors} inputProps={getInputProps(fields.keywords, { type: "text" })} />
        <ChoiceGroup legend={t("directory.edit.status")} field={fields.status} type="radio" options={[{ value: "active", label: t("directory.edit.active") }, { value: "archived", label: t("directory.edit.ended") }]} />
      <div className="field">
        <label htmlFor={fields.nextSteps.id}>{t("directory.edit.nextSteps")}</label>
        <p id={`${fields.nextSteps.id}-hint`} className="field__hint">
          {t("directory.edit.nextStepsHint")}
        </p>
        <select
          {...getSelectProps(fields.nextSteps)}
          multiple
          size={8}
          aria-describedby={[`${fields.nextSteps.id}-hint`, fields.nextSteps.errors?.length ? fields.nextSteps.errorId : ""].join(" ").trim()}
        >
          {choices.services.map((service) => (
            <option key={service.id} value={service.id}>
              {service.name} – {service.partnerName}
            </option>
          ))}
        </select>
        <ErrorList id={fields.nextSteps.errorId} errors={fields.nextSteps.errors} />
      </div>
    </>
  );
}
