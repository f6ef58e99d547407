import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { db } from "#db/client";
import { DEFAULT_SYNONYM_GROUPS } from "#search/synonyms";
import { requireUser } from "#app/modules/auth/session.server";
import { requireCoordinator } from "#app/modules/directory/permissions.server";
import { RETENTION } from "#app/modules/privacy/retention-periods";
import { SynonymGroupSchema, SynonymRowSchema, TermKeywordsSchema } from "#app/modules/search-vocabulary/vocabulary-schema";
import { createSynonymGroup, deleteSynonymGroup, listSynonymGroups, listTermKeywords, setTermKeywords, updateSynonymGroup, zeroResultReport } from "#app/modules/search-vocabulary/vocabulary.server";
import { forgetIndexWords } from "#app/modules/search-vocabulary/zero-result-help.server";
import { badRequest } from "#app/utils/http";
import { getLanguage } from "#app/utils/i18n.server";
import { redirectWithToast } from "#app/utils/toast.server";

export const PATH = "/verzeichnis/suchbegriffe";

/** Coordinators only: a guest is sent to sign in, a member gets 403. */
async function requireVocabularyCoordinator(request: Request) {
  const user = await requireUser(request);
  requireCoordinator(user);
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireVocabularyCoordinator(request);
  const lang = await getLanguage(request);
  const [groups, terms, report] = await Promise.all([listSynonymGroups(db), listTermKeywords(db, lang), zeroResultReport(db)]);
  return json({ groups, shipped: DEFAULT_SYNONYM_GROUPS, terms, report, reportDays: RETENTION.zeroResultSearchDays });
}

/** Which form an answer belongs to: "new", a group's id, or "term:<id>". */
export type VocabularyAnswer = { form: string; result: SubmissionResult<string[]> } | undefined;

const answer = (form: string, result: SubmissionResult<string[]>, status = 400) => json({ form, result } satisfies NonNullable<VocabularyAnswer>, { status });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireVocabularyCoordinator(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "create") {
    const submission = parseWithZod(formData, { schema: SynonymGroupSchema });
    if (submission.status !== "success") return answer("new", submission.reply());
    await createSynonymGroup(db, submission.value.words, user.id);
    forgetIndexWords();
    return redirectWithToast(PATH, "searchVocabulary.synonyms.added");
  }
  if (intent === "update" || intent === "delete") {
    const row = SynonymRowSchema.safeParse({ id: formData.get("id") });
    if (!row.success) throw badRequest();
    const form = row.data.id;
    if (intent === "delete") {
      // Deleting a group that is gone already changes nothing: the same answer.
      await deleteSynonymGroup(db, row.data.id);
      forgetIndexWords();
      return redirectWithToast(PATH, "searchVocabulary.synonyms.deleted");
    }
    const submission = parseWithZod(formData, { schema: SynonymGroupSchema });
    if (submission.status !== "success") return answer(form, submission.reply());
    if (!(await updateSynonymGroup(db, row.data.id, submission.value.words))) return answer(form, submission.reply({ formErrors: ["searchVocabulary.validation.gone"] }));
    forgetIndexWords();
    return redirectWithToast(PATH, "searchVocabulary.synonyms.added");
  }
  if (intent === "keywords") {
    const termId = SynonymRowSchema.safeParse({ id: formData.get("termId") });
    if (!termId.success) throw badRequest();
    const form = `term:${termId.data.id}`;
    const submission = parseWithZod(formData, { schema: TermKeywordsSchema });
    if (submission.status !== "success") return answer(form, submission.reply());
    if (!(await setTermKeywords(db, submission.value.termId, submission.value.keywords))) return answer(form, submission.reply({ formErrors: ["searchVocabulary.validation.gone"] }));
    forgetIndexWords();
    return redirectWithToast(PATH, "searchVocabulary.keywords.saved");
  }
  throw badRequest();
}
