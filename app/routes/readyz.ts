import { json } from "@remix-run/node";
import { checkReadiness } from "#app/modules/health/health.server";

export async function loader() {
  const { ready, body } = await checkReadiness();
  return json(body, { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
