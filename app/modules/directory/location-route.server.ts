import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect } from "@remix-run/node";
import { requireUser } from "#app/modules/auth/session.server";
import { LocationFormSchema } from "./location-schema";
import { saveLocation } from "./location-writes.server";
import { getPartnerForEdit } from "./partner-writes.server";
import { requireCanEditPartner } from "./permissions.server";

/** The partner whose locations the signed-in user may edit, or a thrown 404/403. */
export async function requireEditablePartner(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const editable = await getPartnerForEdit(slug ?? "");
  if (!editable) throw new Response("Not Found", { status: 404 });
  await requireCanEditPartner(user, editable.partner.id);
  return editable.partner;
}

/** The action of both location pages: check, save, back to the partner. */
export async function handleLocationSubmit(request: Request, partner: { id: string; slug: string }, locationId?: string) {
  const submission = parseWithZod(await request.formData(), { schema: LocationFormSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  await saveLocation({ partnerId: partner.id, locationId }, submission.value);
  return redirect(`/verzeichnis/partner/${partner.slug}`, 303);
}
