import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ChoiceGroup } from "#app/components/choice-group";
import { SelectField } from "#app/components/conform-fields";
import { ErrorList, Field, StatusButton } from "#app/components/forms";
import { useRootData } from "#app/utils/misc";
import type { UserRole } from "#db/schema/user-enums";
import { AddressProblems } from "./address-problems";
import type { InviteSchema } from "#app/modules/invitations/invitation-schemas";
import type { z } from "zod";

type Option = { id: string; name: string };

type InviteFormProps = {
  lastResult: SubmissionResult<string[]> | undefined;
  presetRoles: UserRole[];
  partners: Option[];
  groups: Option[];
  defaultLocale: string;
};

/** Invite one address, a pasted list or a CSV file, with the presets of the new accounts. */
export function InviteForm({ lastResult, presetRoles, partners, groups, defaultLocale }: InviteFormProps) {
  const { t } = useTranslation();
  const { languages } = useRootData();
  const [form, fields] = useForm<z.input<typeof InviteSchema>>({
    id: "invite-form",
    lastResult,
    defaultValue: { role: "member", locale: defaultLocale },
  });
  const addressErrors = fields.addresses.errors;
  const fileErrors = fields.file.errors;
  const addressesHint = `${fields.addresses.id}-hint`;
  const fileHint = `${fields.file.id}-hint`;
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={form.errors} announce />
      <input type="hidden" name="intent" value="invite" />
      <div className="field">
        <label htmlFor={fields.addresses.id}>{t("invitations.form.addresses")}</label>
        <p id={addressesHint} className="field__hint">
          {t("invitations.form.addressesHint")}
        </p>
        <textarea {...getTextareaProps(fields.addresses, { ariaDescribedBy: addressesHint })} rows={8} spellCheck={false} />
        <AddressProblems id={fields.addresses.errorId} errors={addressErrors} />
      </div>
      <div className="field">
        <label htmlFor={fields.file.id}>{t("invitations.form.file")}</label>
        <p id={fileHint} className="field__hint">
          {t("invitations.form.fileHint")}
        </p>
        <input {...getInputProps(fields.file, { type: "file", ariaDescribedBy: fileHint })} accept=".csv,.txt,text/csv,text/plain" />
        <AddressProblems id={fields.file.errorId} errors={fileErrors} />
      </div>
      <fieldset>
        <legend>{t("invitations.form.presets")}</legend>
        <SelectField
          field={fields.role}
          errors={fields.role.errors}
          label={t("invitations.form.role")}
          hint={presetRoles.length < 3 ? t("invitations.form.roleHint") : undefined}
          options={presetRoles.map((role) => ({ value: role, label: t(`admin.roles.${role}`) }))}
        />
        <SelectField
          field={fields.partnerId}
          errors={fields.partnerId.errors}
          label={t("invitations.form.partner")}
          placeholder={t("invitations.form.partnerNone")}
          options={partners.map((partner) => ({ value: partner.id, label: partner.name }))}
        />
        <Field
          label={t("invitations.form.partnerFunction")}
          hint={t("invitations.form.partnerFunctionHint")}
          errors={fields.partnerFunction.errors}
          inputProps={getInputProps(fields.partnerFunction, { type: "text" })}
        />
        {groups.length > 0 ? (
          // Keyed by its errors: ChoiceGroup reads them itself, and this render must read them to show a check's result.
          <ChoiceGroup
            key={fields.groupIds.errors?.join() ?? "groups"}
            legend={t("invitations.form.groups")}
            field={fields.groupIds}
            options={groups.map((group) => ({ value: group.id, label: group.name }))}
          />
        ) : (
          <p>{t("invitations.form.groupsNone")}</p>
        )}
        <SelectField
          field={fields.locale}
          errors={fields.locale.errors}
          label={t("invitations.form.locale")}
          hint={t("invitations.form.localeHint")}
          options={languages.map((language) => ({ value: language.code, label: language.name }))}
        />
      </fieldset>
      <StatusButton>{t("invitations.form.submit")}</StatusButton>
    </Form>
  );
}
