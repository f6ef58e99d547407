import type { AppLoadContext } from "@remix-run/node";
import express from "express";
import { execFile } from "node:child_process";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { applySearchSettings } from "#search/reindex";
import { createTestUser, getRequest, run, sessionCookieFor, withParams } from "#test/factories";
import { loader as hsdsServiceLoader } from "#app/routes/api.v1.hsds.services.$id";
import { loader as hsdsListLoader } from "#app/routes/api.v1.hsds.services";
import { loader as apiSearchLoader } from "#app/routes/api.v1.search";
import { loader as groupFeedLoader } from "#app/routes/arbeitsgruppen.$slug_.kalender[.]ics";
import { loader as meetingDownloadLoader } from "#app/routes/arbeitsgruppen.$slug_.treffen.$id.kalender[.]ics";
import { loader as personalFeedLoader } from "#app/routes/kalender.privat.$token.kalender[.]ics";
import { loader as eventDownloadLoader } from "#app/routes/kalender.termine.$id.kalender[.]ics";
import { loader as publicFeedLoader } from "#app/routes/kalender[.]ics";
import { loader as topicFeedLoader } from "#app/routes/open-mic.$id_.feed[.]xml";
import { loader as topicsFeedLoader } from "#app/routes/open-mic.feed[.]xml";
import { loader as searchPageLoader } from "#app/routes/suche";
import { loader as directoryLoader } from "#app/routes/verzeichnis._index";
import { loader as exportLoader } from "#app/routes/verzeichnis.export[.]csv";
import { parseEnv } from "./env.server";
import { addressKey, READ_LIMITS, requireReadAllowance, setReadLimits, type ReadKind, type ReadLimits } from "./read-limits.server";

const SMALL: ReadLimits = {
  search: { anonymous: { perMinute: 3 }, signedIn: { perMinute: 6 } },
  feed: { anonymous: { perMinute: 2 }, signedIn: { perMinute: 4 } },
  csv: { anonymous: { perMinute: 2 }, signedIn: { perMinute: 4 } },
  api: { anonymous: { perMinute: 3 }, signedIn: { perMinute: 6 } },
};

// Another app process: its own module instances and its own database pool, the same database.
const SECOND_PROCESS = `
const [limitsModule, dbModule, address, limits] = process.argv.slice(1);
const { requireReadAllowance, setReadLimits } = await import(limitsModule);
setReadLimits(JSON.parse(limits));
const statuses = [];
for (let i = 0; i < 4; i++) {
  const request = new Request("http://localhost:3000/suche?q=x");
  statuses.push(await requireReadAllowance(request, { cspNonce: "", clientAddress: address }, "search", null).then(() => 200, (response) => response.status));
}
console.log(statuses.join(","));
await (await import(dbModule)).closeDb();
`;

const context = (clientAddress: string): AppLoadContext => ({ cspNonce: "test", clientAddress });

/** The statuses of n reads of a kind: 200 when allowed, else the thrown response's status. */
async function reads(n: number, kind: ReadKind, ctx: AppLoadContext, options: { cookie?: string } = {}): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    const outcome = await requireReadAllowance(getRequest("/suche?q=x", options), ctx, kind).then(
      () => 200,
      (thrown: Response) => thrown.status,
    );
    statuses.push(outcome);
  }
  return statuses;
}

async function refusal(kind: ReadKind, ctx: AppLoadContext): Promise<Response> {
  for (;;) {
    const thrown = await requireReadAllowance(getRequest("/"), ctx, kind).then(
      () => null,
      (response: Response) => response,
    );
    if (thrown) return thrown;
  }
}

// Empty indexes, so the search routes answer as they would on a new site.
beforeAll(() => applySearchSettings(), 60_000);
beforeEach(() => setReadLimits(SMALL));
afterAll(() => setReadLimits(null));

describe("read limits", () => {
  test("an anonymous client beyond the limit gets 429 with Retry-After, in German and English", async () => {
    expect(await reads(4, "search", context("192.0.2.1"))).toEqual([200, 200, 200, 429]);
    const response = await refusal("feed", context("192.0.2.1"));
    expect(response.status).toBe(429);
    // 2 a minute: the next read is 30 seconds away.
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThanOrEqual(29);
    expect(Number(response.headers.get("Retry-After"))).toBeLessThanOrEqual(30);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/plain/);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const text = await response.text();
    expect(text).toMatch(/Zu viele Anfragen/);
    expect(text).toMatch(/Too many requests/);
  });

  test("the JSON API answers its refusal in JSON", async () => {
    const response = await refusal("api", context("192.0.2.2"));
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/too many requests/);
  });

  test("a signed-in person has the higher limit, counted for the account wherever it comes from", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookieFor(user.id);
    expect(await reads(7, "search", context("192.0.2.3"), { cookie })).toEqual([200, 200, 200, 200, 200, 200, 429]);
    // Another address, the same account: still empty. The address itself was never used up.
    expect(await reads(1, "search", context("192.0.2.4"), { cookie })).toEqual([429]);
    expect(await reads(1, "search", context("192.0.2.3"))).toEqual([200]);
  });

  test("two addresses have separate buckets, an IPv6 network of one household shares one", async () => {
    expect(await reads(4, "csv", context("198.51.100.1"))).toEqual([200, 200, 429, 429]);
    expect(await reads(2, "csv", context("198.51.100.2"))).toEqual([200, 200]);
    expect(await reads(2, "csv", context("2001:db8:5:6::1"))).toEqual([200, 200]);
    expect(await reads(1, "csv", context("2001:db8:5:6:ffff::9"))).toEqual([429]);
    expect(await reads(1, "csv", context("2001:db8:5:7::1"))).toEqual([200]);
  });

  test("kinds have separate buckets", async () => {
    expect(await reads(4, "search", context("198.51.100.3"))).toEqual([200, 200, 200, 429]);
    expect(await reads(1, "api", context("198.51.100.3"))).toEqual([200]);
  });

  test("the bucket lives in PostgreSQL: another process using it up refuses this one", async () => {
    const files = [path.resolve("app/utils/read-limits.server.ts"), path.resolve("db/client.ts")].map((file) => pathToFileURL(file).href);
    const { stdout } = await promisify(execFile)("node", ["--import", "tsx", "--input-type=module", "-e", SECOND_PROCESS, ...files, "198.51.100.77", JSON.stringify(SMALL)], { env: process.env });
    expect(stdout.trim()).toBe("200,200,200,429");
    expect(await reads(1, "search", context("198.51.100.77"))).toEqual([429]);
    expect(await reads(1, "search", context("198.51.100.78"))).toEqual([200]);
  });

  test("addresses are keyed as clients: IPv4 as is (also IPv6-mapped), IPv6 by its /64", () => {
    expect(addressKey("203.0.113.5")).toBe("203.0.113.5");
    expect(addressKey("::ffff:203.0.113.5")).toBe("203.0.113.5");
    expect(addressKey("2001:0db8:00a0:0001:ffff::")).toBe("2001:db8:a0:1::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey(undefined)).toBe("unknown");
    expect(addressKey("not an address")).toBe("unknown");
  });

  test("production limits stay as written down when tests use small ones", () => {
    setReadLimits(SMALL);
    expect(READ_LIMITS.search.anonymous.perMinute).toBe(60);
    expect(READ_LIMITS.search.signedIn.perMinute).toBe(240);
    expect(READ_LIMITS.csv.anonymous.perMinute).toBe(10);
    expect(READ_LIMITS.api.signedIn.perMinute).toBe(300);
  });
});

describe("the client address follows TRUST_PROXY, never a header a client could choose", () => {
  /** The address express gives the app for one request with this X-Forwarded-For, behind the given setting. */
  async function seenAddress(trustProxy: string, forwardedFor: string): Promise<string> {
    const app = express();
    app.set("trust proxy", parseEnv({ TRUST_PROXY: trustProxy }).TRUST_PROXY);
    app.get("/", (req, res) => res.send(req.ip));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { headers: { "X-Forwarded-For": forwardedFor } });
      return await response.text();
    } finally {
      server.close();
    }
  }

  test("unset (0): the socket's address; a forged header changes nothing", async () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(0);
    expect(await seenAddress("", "203.0.113.9")).toBe("127.0.0.1");
  });

  test("1: the address the one trusted proxy appended, not what the client put before it", async () => {
    expect(await seenAddress("1", "203.0.113.9, 198.51.100.20")).toBe("198.51.100.20");
  });

  test("2: the address the outer of two proxies saw", async () => {
    expect(await seenAddress("2", "203.0.113.9, 198.51.100.20, 10.0.0.2")).toBe("198.51.100.20");
  });
});

describe("the routes that read are limited", () => {
  const id = "00000000-0000-4000-8000-000000000000";
  const routes: [string, Parameters<typeof run>[0], string][] = [
    ["search page", searchPageLoader, "/suche?q=Beratung"],
    ["directory with a query", directoryLoader, "/verzeichnis?q=Beratung"],
    ["directory with a filter", directoryLoader, "/verzeichnis?kostenlos=1"],
    ["directory, page 2", directoryLoader, "/verzeichnis?seite=2"],
    ["CSV export", exportLoader, "/verzeichnis/export.csv"],
    ["API search", apiSearchLoader, "/api/v1/search?q=Beratung"],
    ["HSDS list", hsdsListLoader, "/api/v1/hsds/services"],
    ["HSDS service", withParams(hsdsServiceLoader, { id }), `/api/v1/hsds/services/${id}`],
    ["Open Mic feed", topicsFeedLoader, "/open-mic/feed.xml"],
    ["Open Mic topic feed", withParams(topicFeedLoader, { id: "1" }), "/open-mic/1/feed.xml"],
    ["public calendar", publicFeedLoader, "/kalender.ics"],
    ["personal calendar", withParams(personalFeedLoader, { token: "unknown" }), "/kalender/privat/unknown/kalender.ics"],
    ["group calendar", withParams(groupFeedLoader, { slug: "keine" }), "/arbeitsgruppen/keine/kalender.ics"],
    ["meeting download", withParams(meetingDownloadLoader, { slug: "keine", id }), `/arbeitsgruppen/keine/treffen/${id}/kalender.ics`],
    ["event download", withParams(eventDownloadLoader, { id }), `/kalender/termine/${id}/kalender.ics`],
  ];

  test.each(routes.map((route, index) => [...route, index] as const))("%s: 429 with Retry-After once the address has used its reads", async (_name, loader, url, index) => {
    const ctx = context(`203.0.113.${index + 1}`);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await run(loader, getRequest(url), ctx)).status);
    expect(statuses.slice(0, 2)).not.toContain(429);
    expect(statuses[3]).toBe(429);
    const response = await run(loader, getRequest(url), ctx);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  test("the bare directory and the empty search page cost nothing", async () => {
    const ctx = context("203.0.113.200");
    for (let i = 0; i < 5; i++) expect((await run(directoryLoader, getRequest("/verzeichnis?sortierung=name"), ctx)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await run(searchPageLoader, getRequest("/suche"), ctx)).status).toBe(200);
  });
});
