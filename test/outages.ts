import { afterAll, beforeAll } from "vitest";

/** For the tests of the surrounding describe block, Meilisearch is unreachable (a closed port). */
export function withMeilisearchUnreachable(): void {
  let saved: string | undefined;
  beforeAll(() => {
    saved = process.env.MEILI_URL;
    process.env.MEILI_URL = "http://127.0.0.1:9";
  });
  afterAll(() => {
    process.env.MEILI_URL = saved;
  });
}
