import { getFormProps, useForm } from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ChoiceGroup } from "#app/components/choice-group";
import { TextareaField } from "#app/components/conform-fields";
import { ErrorList } from "#app/components/forms";
import { flagReasons } from "#db/schema/open-mic-enums";
import type { action } from "./data.server";
import type { LastResult } from "./topic-forms";
import type { FlagSchema } from "#app/modules/open-mic/topic-schemas";
import type { z } from "zod";

type Fetcher = ReturnType<typeof useFetcher<typeof action>>;

/**
 * "Melden" for the topic or one reply. With JavaScript the flag is sent in the background and the
 * confirmation shows at once; a refusal (too many flags in a row) brings the form back with its
 * message. Without JavaScript it is an ordinary post of the page.
 */
export function FlagControl({ replyId, what, flagged, lastResult }: { replyId: string | null; what: string; flagged: boolean; lastResult: LastResult }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  if (flagged || fetcher.state !== "idle") return <p className="flag__done">{t("openMic.flag.done")}</p>;
  return <FlagForm fetcher={fetcher} replyId={replyId} what={what} lastResult={fetcher.data?.result ?? lastResult} />;
}

/** A reason and an optional note; open again after an error. */
function FlagForm({ fetcher, replyId, what, lastResult }: { fetcher: Fetcher; replyId: string | null; what: string; lastResult: LastResult }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof FlagSchema>>({
    id: `flag-${replyId ?? "topic"}`,
    lastResult,
  });
  const failed = Boolean(lastResult && (form.errors?.length || fields.reason.errors?.length || fields.note.errors?.length));
  return (
    <details className="flag" open={failed || undefined}>
      <summary>
        {t("openMic.flag.open")}
        <span className="visually-hidden"> {what}</span>
      </summary>
      <fetcher.Form method="post" preventScrollReset {...getFormProps(form)} className="flag__form">
        <input type="hidden" name="intent" value="flag" />
        {replyId ? <input type="hidden" name="replyId" value={replyId} /> : null}
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <ChoiceGroup legend={t("openMic.flag.reason")} field={fields.reason} type="radio" options={flagReasons.map((reason) => ({ value: reason, label: t(`openMic.flag.reasons.${reason}`) }))} />
        <TextareaField field={fields.note} errors={fields.note.errors} label={t("openMic.flag.note")} rows={2} />
        <button type="submit" className="button button--secondary">
          {t("openMic.flag.submit")}
        </button>
      </fetcher.Form>
    </details>
  );
}
