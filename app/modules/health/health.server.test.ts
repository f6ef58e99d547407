import { closeDb } from "#db/client";
import { withMeilisearchUnreachable } from "#test/outages";
import { loader as readyLoader } from "#app/routes/readyz";
import { loader as liveLoader } from "#app/routes/healthz";

describe("health", () => {
  test("/healthz answers without asking anything external", async () => {
    const response = liveLoader();
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("ok");
  });

  test("/readyz reports each dependency with its latency and the search-sync lag", async () => {
    const response = await readyLoader();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.status).toBe("ok");
    expect(body.checks.postgres).toMatchObject({ status: "ok" });
    expect(body.checks.postgres.latencyMs).toBeGreaterThanOrEqual(0);
    expect(body.checks.meilisearch).toMatchObject({ status: "ok" });
    expect(body.checks.searchSync).toMatchObject({ status: "ok", pending: 0, lagSeconds: 0 });
  });

  describe("with Meilisearch unreachable", () => {
    withMeilisearchUnreachable();

    test("/readyz stays 200 and reports search as degraded", async () => {
      const response = await readyLoader();
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.status).toBe("degraded");
      expect(body.checks.meilisearch.status).toBe("degraded");
      expect(body.checks.postgres.status).toBe("ok");
    });
  });

  describe("with PostgreSQL unreachable", () => {
    let saved: string | undefined;
    beforeAll(async () => {
      saved = process.env.DATABASE_URL;
      await closeDb();
      process.env.DATABASE_URL = "postgres://nobody:secret@127.0.0.1:9/none";
    });
    afterAll(async () => {
      await closeDb();
      process.env.DATABASE_URL = saved;
    });

    test("/readyz answers 503 within seconds", async () => {
      const started = Date.now();
      const response = await readyLoader();
      expect(response.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(5000);
      const body = await response.json();
      expect(body.checks.postgres.status).toBe("down");
    });
  });
});
