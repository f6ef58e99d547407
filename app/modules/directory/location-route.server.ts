import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect } from "@remix-run/node";
import { LocationFormSchema } from "./location-schema";
import { saveLocation } from "./location-writes.server";

/** The action of both location pages: check, save, back to the partner. */
export async function handleLocationSubmit(request: Request, partner: { id: string; slug: string }, locationId?: string) {
  const submission = parseWithZod(await request.formData(), { schema: LocationFormSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  await saveLocation({ partnerId: partner.id, locationId }, submission.value);
  return redirect(`/verzeichnis/partner/${partner.slug}`, 303);
}
