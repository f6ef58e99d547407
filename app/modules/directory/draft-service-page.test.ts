import { randomBytes } from "node:crypto";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "#db/client";
import { partners, services, type UserRole } from "#db/schema";
import { loader } from "#app/routes/verzeichnis.angebote.$slug";
import { createTestUser, getRequest, run, sessionCookieFor, withParams } from "#test/factories";

test.each<["guest" | UserRole, number]>([
  ["guest", 404],
  ["member", 404],
  ["coordinator", 200],
  ["admin", 200],
])("a draft service's page (imported, terms not settled): %s gets %i", async (who, status) => {
  const tag = randomBytes(4).toString("hex");
  const [partner] = await db
    .insert(partners)
    .values({ slug: `entwurf-${tag}`, name: `Entwurf ${tag}`, kind: "verein" })
    .returning({ id: partners.id });
  await db.insert(services).values({ partnerId: partner!.id, slug: `entwurf-angebot-${tag}`, name: "Noch nicht veröffentlicht", status: "draft" });
  const cookie = who === "guest" ? undefined : await sessionCookieFor((await createTestUser({ role: who })).id);
  const response = await run(
    withParams(loader as (args: LoaderFunctionArgs & { params: Record<string, string> }) => unknown, { slug: `entwurf-angebot-${tag}` }),
    getRequest(`/verzeichnis/angebote/entwurf-angebot-${tag}`, { cookie }),
  );
  expect(response.status).toBe(status);
  if (status === 200) expect(((await response.json()) as { service: { draft: boolean } }).service.draft).toBe(true);
});
