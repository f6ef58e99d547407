import fs from "node:fs/promises";
import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/modules/auth/session.server";
import { requireCoordinator } from "#app/modules/directory/permissions.server";
import { resourceRoute } from "#app/utils/database-busy.server";

// The CSV template of the import (docs/import-example.csv), for coordinators, as the import page offers it.
const TEMPLATE = path.join(process.cwd(), "docs", "import-example.csv");

export const loader = resourceRoute(async ({ request }: LoaderFunctionArgs) => {
  requireCoordinator(await requireUser(request));
  const body = await fs.readFile(TEMPLATE);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="kurze-wege-import-vorlage.csv"',
      "Cache-Control": "private, no-store",
    },
  });
});
