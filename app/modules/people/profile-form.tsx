import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ChoiceGroup } from "#app/components/choice-group";
import { SelectField, TextareaField } from "#app/components/conform-fields";
import { ErrorList, Field, StatusButton } from "#app/components/forms";
import { termLabel } from "#app/modules/directory/term-label";
import { useRootData } from "#app/utils/misc";
import { contactVisibilities } from "#db/schema/user-enums";
import { ORGANISATION_ROWS_MIN, ORGANISATIONS_MAX } from "./profile-limits";
import type { ProfileFormSchema } from "./profile-schema";
import type { z } from "zod";

type ProfileValues = {
  organisations: { partnerId: string; function: string }[];
  languages: string[];
  topics: string[];
  about: string;
  phone: string;
  phoneVisibility: string;
  emailVisibility: string;
};

type ProfileChoices = {
  organisations: { id: string; name: string }[];
  topics: { slug: string; labels: Record<string, string> }[];
  languages: string[];
};

/** The rows the form shows: the person's organisations and one empty row more, at least ORGANISATION_ROWS_MIN. */
function withEmptyRows(organisations: ProfileValues["organisations"]) {
  const rows = Math.min(ORGANISATIONS_MAX, Math.max(ORGANISATION_ROWS_MIN, organisations.length + 1));
  return [...organisations, ...Array.from({ length: rows - organisations.length }, () => ({ partnerId: "", function: "" }))];
}

/** The "Wer ist wer" part of /konto/profil: organisations with functions, languages, topics, a short text, phone and who sees the contact fields. */
export function ProfileForm({ values, choices, email, lastResult }: { values: ProfileValues; choices: ProfileChoices; email: string; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const [form, fields] = useForm<z.input<typeof ProfileFormSchema>>({
    id: "profile-form",
    lastResult,
    defaultValue: { ...values, organisations: withEmptyRows(values.organisations) },
  });
  const languageNames = new Intl.DisplayNames([lang], { type: "language" });
  const visibilityOptions = contactVisibilities.map((value) => ({ value, label: t(`people.profile.visibility.${value}`) }));
  const rows = fields.organisations.getFieldList();
  return (
    <Form method="post" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={form.errors} announce />
      <input type="hidden" name="intent" value="profile" />
      <fieldset className="organisation-rows" aria-describedby="organisations-hint">
        <legend>{t("people.profile.organisations")}</legend>
        <p id="organisations-hint" className="field__hint">
          {t("people.profile.organisationsHint")}
        </p>
        {rows.map((row, index) => {
          const organisation = row.getFieldset();
          return (
            <div key={row.key} className="organisation-row">
              <SelectField
                field={organisation.partnerId}
                errors={organisation.partnerId.errors}
                label={t("people.profile.organisation", { number: index + 1 })}
                placeholder={t("people.profile.noOrganisation")}
                options={choices.organisations.map((partner) => ({ value: partner.id, label: partner.name }))}
              />
              <Field
                label={t("people.profile.function", { number: index + 1 })}
                hint={t("people.profile.functionHint")}
                errors={organisation.function.errors}
                inputProps={getInputProps(organisation.function, { type: "text" })}
              />
            </div>
          );
        })}
      </fieldset>
      <ChoiceGroup legend={t("people.profile.languages")} field={fields.languages} options={choices.languages.map((code) => ({ value: code, label: languageNames.of(code) ?? code }))} />
      <ChoiceGroup legend={t("people.profile.topics")} field={fields.topics} options={choices.topics.map((topic) => ({ value: topic.slug, label: termLabel(topic.labels, lang, topic.slug) }))} />
      <TextareaField field={fields.about} errors={fields.about.errors} label={t("people.profile.about")} hint={t("people.profile.aboutHint")} rows={4} />
      <Field
        label={t("people.profile.phone")}
        hint={t("people.profile.phoneHint")}
        errors={fields.phone.errors}
        inputProps={{ ...getInputProps(fields.phone, { type: "tel" }), autoComplete: "tel" }}
      />
      <ChoiceGroup legend={t("people.profile.phoneVisibility")} field={fields.phoneVisibility} type="radio" options={visibilityOptions} />
      <ChoiceGroup legend={t("people.profile.emailVisibility", { email })} field={fields.emailVisibility} type="radio" options={visibilityOptions} />
      <StatusButton>{t("people.profile.save")}</StatusButton>
    </Form>
  );
}
