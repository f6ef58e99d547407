import { eq, like, or } from "drizzle-orm";
import type { Executor } from "#db/client";
import { partners, services } from "#db/schema";
import { slugify } from "#app/utils/slug";

// Paths below /verzeichnis/partner/ and /verzeichnis/angebote/ that are pages, not entries.
const RESERVED = new Set(["neu"]);

/** A slug not taken yet among partners or services: the name's, or the name's with a number. */
export async function freeSlug(executor: Executor, table: "partners" | "services", name: string): Promise<string> {
  const base = slugify(name);
  const column = table === "partners" ? partners.slug : services.slug;
  const source = table === "partners" ? partners : services;
  const taken = new Set(
    (
      await executor
        .select({ slug: column })
        .from(source)
        .where(or(eq(column, base), like(column, `${base}-%`)))
    ).map((row) => row.slug),
  );
  for (let suffix = 1; ; suffix++) {
    const candidate = suffix === 1 ? base : `${base}-${suffix}`;
    if (!taken.has(candidate) && !RESERVED.has(candidate)) return candidate;
  }
}
