import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The subpath imports of package.json (#app/…, #db/…), as tsconfig.json names them too.
  resolve: { alias: ["app", "db", "search", "test", "scripts"].map((dir) => ({ find: new RegExp(`^#${dir}/`), replacement: `${path.resolve(import.meta.dirname, dir)}/` })) },
  test: {
    globals: true,
    // Real PostgreSQL and Meilisearch for the whole run, started once.
    globalSetup: ["test/setup/global-setup.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "search/**/*.test.ts", "scripts/**/*.test.ts", "test/**/*.test.ts"],
          setupFiles: ["test/setup/per-file-database.ts"],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.spec.ts"],
          globalSetup: ["test/setup/e2e-server.ts"],
          setupFiles: ["test/setup/e2e-database.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
