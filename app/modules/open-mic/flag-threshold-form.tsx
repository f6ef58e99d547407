import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { ErrorList, Field, StatusButton } from "#app/components/forms";
import { useTranslation } from "#app/utils/use-translation";
import { MAX_FLAGS_TO_HIDE } from "./flag-threshold";

/**
 * From how many different people's flags a post is hidden until a coordinator decides: the value
 * for coordinators, a form for admins (the site setting is theirs).
 */
export function FlagThresholdSection({ threshold, mayChange, lastResult }: { threshold: number; mayChange: boolean; lastResult: SubmissionResult<string[]> | null | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<{ flagsToHide: string }>({ id: "flag-threshold", lastResult, defaultValue: { flagsToHide: String(threshold) } });
  return (
    <section aria-labelledby="flag-threshold-heading" className="om-section">
      <h2 id="flag-threshold-heading">{t("posting.flagThreshold.title")}</h2>
      <p>{threshold === 0 ? t("posting.flagThreshold.off") : t("posting.flagThreshold.current", { count: threshold })}</p>
      {mayChange ? (
        <Form method="post" {...getFormProps(form)}>
          <ErrorList id={form.errorId} errors={form.errors} announce />
          <input type="hidden" name="intent" value="flag-threshold" />
          <Field
            label={t("posting.flagThreshold.label")}
            hint={t("posting.flagThreshold.hint", { max: MAX_FLAGS_TO_HIDE })}
            errors={fields.flagsToHide.errors}
            inputProps={{ ...getInputProps(fields.flagsToHide, { type: "number" }), min: 0, max: MAX_FLAGS_TO_HIDE, step: 1 }}
          />
          <StatusButton className="button button--secondary">{t("posting.flagThreshold.submit")}</StatusButton>
        </Form>
      ) : (
        <p>{t("posting.flagThreshold.readOnly")}</p>
      )}
    </section>
  );
}
