import { sql } from "drizzle-orm";
import { holdTableLock } from "#test/locks";
import { databaseTimeouts, db, isDatabaseUnavailable, PoolTimeoutError } from "#db/client";

// Short limits for this file, read when the pool first connects.
process.env.DB_LOCK_TIMEOUT_MS = "800";
process.env.DB_STATEMENT_TIMEOUT_MS = "1500";
process.env.DB_POOL_TIMEOUT_MS = "600";

describe("database timeouts", () => {
  test("every connection of the pool carries the statement and lock timeouts", async () => {
    const [settings] = await db.execute<{ statement: string; lock: string }>(sql`select current_setting('statement_timeout') as statement, current_setting('lock_timeout') as lock`);
    expect(settings).toEqual({ statement: "1500ms", lock: "800ms" });
  });

  test("defaults, and a clear message for a value that is no number", () => {
    expect(databaseTimeouts({})).toEqual({ statementMs: 10_000, lockMs: 3_000, acquireMs: 5_000 });
    expect(databaseTimeouts({ DB_LOCK_TIMEOUT_MS: "0" }).lockMs).toBe(0);
    expect(() => databaseTimeouts({ DB_STATEMENT_TIMEOUT_MS: "10s" })).toThrow(/DB_STATEMENT_TIMEOUT_MS must be a number of milliseconds/);
  });

  test("a statement that runs too long is cancelled", async () => {
    const started = Date.now();
    const error = await db.execute(sql`select pg_sleep(5)`).catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  test("a read of a locked table gives up after the lock timeout", async () => {
    const unlock = await holdTableLock(["working_groups"]);
    try {
      const started = Date.now();
      const error = await db.execute(sql`select count(*) from working_groups`).catch((caught: unknown) => caught);
      expect(Date.now() - started).toBeLessThan(2500);
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      await unlock();
    }
    await expect(db.execute(sql`select count(*) from working_groups`)).resolves.toBeDefined();
  });

  test("with every connection taken, the next query waits at most the acquire timeout", async () => {
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const holding = Array.from({ length: 10 }, () => db.transaction(() => finished));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    const error = await db.execute(sql`select 1`).catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeLessThan(1500);
    expect((error as Error).cause).toBeInstanceOf(PoolTimeoutError);
    expect(isDatabaseUnavailable(error)).toBe(true);
    finish();
    await Promise.all(holding);
    // Connections freed by the transactions serve the next queries; none are lost.
    const results = await Promise.all(Array.from({ length: 30 }, (_, index) => db.execute(sql`select ${index}::int as n, pg_sleep(0.02)`)));
    expect(results).toHaveLength(30);
  });

  test("other errors are not taken for a busy database", async () => {
    const error = await db.execute(sql`select * from no_such_table`).catch((caught: unknown) => caught);
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(isDatabaseUnavailable(new Error("x"))).toBe(false);
  });
});
