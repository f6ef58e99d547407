import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "#app/utils/use-translation";
import { ChoiceGroup } from "#app/components/choice-group";
import { SelectField, TextareaField } from "#app/components/conform-fields";
import { Field } from "#app/components/forms";
import { useRootData } from "#app/utils/misc";
import { accessModes, costKinds } from "#db/schema/directory-enums";
import { termLabel } from "./term-label";

type Choices = {
  locations: { id: string; name: string | null; street: string; town: string }[];
  services: { id: string; name: string; partnerName: string }[];
  taxonomy: { kind: "category" | "target_group"; slug: string; labels: Record<string, string> }[];
  people: { id: string; displayName: string; function: string }[];
};

type Fields = Record<
  | "name"
  | "description"
  | "categories"
  | "targetGroups"
  | "languages"
  | "cost"
  | "costNote"
  | "eligibility"
  | "howToAccess"
  | "accessModes"
  | "contactName"
  | "contactUserId"
  | "locationIds"
  | "nextSteps"
  | "keywords"
  | "status",
  FieldMetadata<unknown>
>;

/** The fields of a service, shared by the create and edit pages. */
export function ServiceFieldset({ fields, choices }: { fields: Fields; choices: Choices }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const terms = (kind: "category" | "target_group") => choices.taxonomy.filter((term) => term.kind === kind).map((term) => ({ value: term.slug, label: termLabel(term.labels, lang, term.slug) }));
  return (
    <>
      <Field label={t("directory.edit.name")} errors={fields.name.errors} inputProps={getInputProps(fields.name, { type: "text" })} />
      <TextareaField field={fields.description} errors={fields.description.errors} label={t("directory.edit.description")} />
      <ChoiceGroup legend={t("directory.facets.kategorie")} field={fields.categories} options={terms("category")} />
      <ChoiceGroup legend={t("directory.facets.zielgruppe")} field={fields.targetGroups} options={terms("target_group")} />
      <Field label={t("directory.edit.languages")} hint={t("directory.edit.languagesHint")} errors={fields.languages.errors} inputProps={getInputProps(fields.languages, { type: "text" })} />
      <ChoiceGroup legend={t("directory.facets.kostenlos")} field={fields.cost} type="radio" options={costKinds.map((kind) => ({ value: kind, label: t(`dataCare.cost.${kind}`) }))} />
      <Field label={t("directory.edit.costNote")} errors={fields.costNote.errors} inputProps={getInputProps(fields.costNote, { type: "text" })} />
      <Field label={t("directory.eligibility")} errors={fields.eligibility.errors} inputProps={getInputProps(fields.eligibility, { type: "text" })} />
      <TextareaField field={fields.howToAccess} errors={fields.howToAccess.errors} label={t("directoryLanguages.howToAccess")} hint={t("directoryLanguages.howToAccessHint")} rows={3} />
      <ChoiceGroup legend={t("directory.facets.zugang")} field={fields.accessModes} options={accessModes.map((mode) => ({ value: mode, label: t(`directory.access.${mode}`) }))} />
      <Field label={t("directory.edit.contactName")} errors={fields.contactName.errors} inputProps={getInputProps(fields.contactName, { type: "text" })} />
      <SelectField
        field={fields.contactUserId}
        errors={fields.contactUserId.errors}
        label={t("people.service.contactPerson")}
        hint={t("people.service.contactPersonHint")}
        placeholder={t("people.service.noContactPerson")}
        options={choices.people.map((person) => ({ value: person.id, label: person.function ? `${person.displayName} – ${person.function}` : person.displayName }))}
      />
      <ChoiceGroup
        legend={t("directory.locations")}
        field={fields.locationIds}
        options={choices.locations.map((place) => ({ value: place.id, label: `${place.name ?? place.town}, ${place.street}` }))}
      />
      <Field label={t("directory.edit.keywords")} hint={t("directory.edit.keywordsHint")} errors={fields.keywords.errors} inputProps={getInputProps(fields.keywords, { type: "text" })} />
      <ChoiceGroup
        legend={t("directory.edit.status")}
        field={fields.status}
        type="radio"
        options={[
          { value: "active", label: t("directory.edit.active") },
          { value: "archived", label: t("directory.edit.ended") },
        ]}
      />
      <SelectField
        field={fields.nextSteps}
        errors={fields.nextSteps.errors}
        label={t("directory.edit.nextSteps")}
        hint={t("directory.edit.nextStepsHint")}
        multiple
        size={8}
        options={choices.services.map((service) => ({ value: service.id, label: `${service.name} – ${service.partnerName}` }))}
      />
    </>
  );
}
