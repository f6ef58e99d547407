import { asc, gt } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "#db/client";

/** One page of a table's ids in id order, after `afterId`: how a rebuild walks every row. */
export async function pageOfIds(db: Database, table: PgTable, id: PgColumn, afterId: string | null, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id })
    .from(table)
    .where(afterId ? gt(id, afterId) : undefined)
    .orderBy(asc(id))
    .limit(limit);
  return rows.map((row) => String(row.id));
}
