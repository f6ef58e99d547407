import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { partners } from "#db/schema";
import { requireUser } from "#app/modules/auth/session.server";
import { MergePartnerSchema } from "#app/modules/directory/merge/merge-schema";
import { countMergeable, listMergeTargets, mergePartner, type MergeRefusal } from "#app/modules/directory/merge/merge.server";
import { requireCoordinator } from "#app/modules/directory/permissions.server";
import { refusalReply, requireFound, type RefusalMessages } from "#app/utils/http";
import { redirectWithToast } from "#app/utils/toast.server";

/** Merging is network coordination's: a guest is sent to sign in, anyone else gets 403; an unknown partner 404. */
async function requireMergeable(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  requireCoordinator(user);
  const [partner] = await db
    .select({ id: partners.id, slug: partners.slug, name: partners.name, status: partners.status })
    .from(partners)
    .where(eq(partners.slug, slug ?? ""));
  return { user, partner: requireFound(partner) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { partner } = await requireMergeable(request, params.slug);
  const [targets, moves] = await Promise.all([listMergeTargets(db, partner.id), countMergeable(db, partner.id)]);
  const wanted = new URL(request.url).searchParams.get("in");
  const into = targets.find((target) => target.slug === wanted) ?? null;
  return json({ partner: { slug: partner.slug, name: partner.name, archived: partner.status !== "active" }, targets, moves, into });
}

const REFUSALS: RefusalMessages<MergeRefusal["error"]> = {
  same: { message: "partnerMerge.validation.same", field: "into" },
  archived: { message: "partnerMerge.validation.archived", field: "into" },
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, partner } = await requireMergeable(request, params.slug);
  const submission = parseWithZod(await request.formData(), { schema: MergePartnerSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const [into] = await db.select({ id: partners.id }).from(partners).where(eq(partners.slug, submission.value.into));
  if (!into) return json({ result: submission.reply({ fieldErrors: { into: ["partnerMerge.validation.unknown"] } }) }, { status: 400 });
  const merged = await mergePartner(db, { from: partner.id, into: into.id, by: user.id });
  if (merged.ok) return redirectWithToast(`/verzeichnis/partner/${merged.into.slug}`, "partnerMerge.toast.merged");
  // A partner gone in between (merged by someone else) is the page's 404.
  const { result, status } = refusalReply(merged, submission.reply, REFUSALS);
  return json({ result }, { status });
}
