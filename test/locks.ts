import postgres from "postgres";

/**
 * Holds an access-exclusive lock on the named tables, over a connection of its own, until the returned
 * function releases it: what a long migration or a stuck transaction does to everyone else.
 */
export async function holdTableLock(tables: string[], databaseUrl = process.env.DATABASE_URL!): Promise<() => Promise<void>> {
  if (!tables.every((table) => /^[a-z_]+$/.test(table))) throw new Error(`not a table name: ${tables.join(", ")}`);
  const holder = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await new Promise<void>((resolve, reject) => {
    holder
      .begin(async (tx) => {
        await tx.unsafe(`lock table ${tables.join(", ")} in access exclusive mode`);
        resolve();
        await released;
      })
      .catch(reject);
  });
  return async () => {
    release();
    await holder.end();
  };
}
