import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireTaxonomyManager } from "#app/modules/taxonomy/taxonomy-access.server";
import { addTermSchema, filledLabels, MergeTermsSchema, TermRowSchema } from "#app/modules/taxonomy/taxonomy-schemas";
import { addTerm, listTerms, mergeTerms, moveTerm, setTermRetired, type MergeRefusal } from "#app/modules/taxonomy/taxonomy.server";
import { badRequest, refusalReply, type RefusalMessages } from "#app/utils/http";
import { getLanguages } from "#app/utils/i18n.server";
import { redirectWithToast } from "#app/utils/toast.server";

const PATH = "/verzeichnis/themen";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireTaxonomyManager(request);
  const terms = await listTerms();
  return json({
    languages: getLanguages(),
    terms: terms.map((term) => ({ ...term, retiredAt: term.retiredAt?.toISOString() ?? null })),
  });
}

export type TaxonomyForm = "add" | "merge";
/** What the action answers a form: its errors, by the form's name, so only that form shows them. */
export type TaxonomyAnswer = { form: TaxonomyForm; result: SubmissionResult<string[]> } | undefined;

const answer = (form: TaxonomyForm, result: SubmissionResult<string[]>, status = 400) => json({ form, result } satisfies NonNullable<TaxonomyAnswer>, { status });

const MERGE_REFUSALS: RefusalMessages<MergeRefusal["error"]> = {
  same: { message: "taxonomy.validation.mergeSame", field: "targetId" },
  otherKind: { message: "taxonomy.validation.mergeOtherKind", field: "targetId" },
};

/** One `intent` per form of the page; each checks the viewer's right again (direct POSTs included). */
export async function action({ request }: ActionFunctionArgs) {
  await requireTaxonomyManager(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const codes = getLanguages().map((language) => language.code);

  if (intent === "add") {
    const submission = parseWithZod(formData, { schema: addTermSchema(codes) });
    if (submission.status !== "success") return answer("add", submission.reply());
    const added = await addTerm({ kind: submission.value.kind, labels: filledLabels(submission.value.labels) });
    if (!added.ok) return answer("add", submission.reply({ fieldErrors: { "labels.de": ["taxonomy.validation.slugTaken"] } }));
    return redirectWithToast(PATH, "taxonomy.toast.added");
  }

  if (intent === "merge") {
    const submission = parseWithZod(formData, { schema: MergeTermsSchema });
    if (submission.status !== "success") return answer("merge", submission.reply());
    const merged = await mergeTerms(submission.value.sourceId, submission.value.targetId);
    if (merged.ok) return redirectWithToast(PATH, "taxonomy.toast.merged");
    if (merged.error === "notFound") return answer("merge", submission.reply({ fieldErrors: { sourceId: ["taxonomy.validation.gone"] } }));
    const { result, status } = refusalReply(merged, submission.reply, MERGE_REFUSALS);
    return answer("merge", result, status);
  }

  if (intent === "up" || intent === "down" || intent === "retire" || intent === "unretire") {
    const submission = parseWithZod(formData, { schema: TermRowSchema });
    if (submission.status !== "success") throw badRequest();
    const { termId } = submission.value;
    const outcome = intent === "up" || intent === "down" ? await moveTerm(termId, intent) : await setTermRetired(termId, intent === "retire");
    if (!outcome.ok) refusalReply(outcome, submission.reply, {});
    return redirectWithToast(PATH, intent === "up" || intent === "down" ? "taxonomy.toast.moved" : `taxonomy.toast.${intent}d`);
  }
  throw badRequest();
}
