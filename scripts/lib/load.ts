import http from "node:http";
import { performance } from "node:perf_hooks";

// A small load driver: a fixed number of keep-alive connections, each sending its next request as soon
// as the last one is answered (closed-loop, like wrk or autocannon). Written here rather than taken
// from a load-testing package because the drain check needs what those lack: stop sending new requests
// when readiness fails, as a proxy's health check does, and count every request that was sent but not
// answered whole.

export type LoadResult = {
  /** Requests answered with a status below 500, read to the end. */
  ok: number;
  /** Sent but answered with 5xx, reset, refused or cut short; each with its reason. */
  failed: number;
  failures: string[];
  statuses: Record<number, number>;
  /** Milliseconds per answered request. */
  latencies: number[];
  durationMs: number;
};

export type LoadOptions = {
  baseUrl: string;
  /** Paths taken in turn by each connection. */
  paths: string[];
  connections: number;
  /** Stops by itself after this long (else only by `stop()`). */
  durationMs?: number;
  headers?: Record<string, string>;
  /** Asked before each new request: false means send nothing more (what is in flight finishes). */
  gate?: () => boolean;
};

/** A GET read to its end; rejects on a network error or a body cut short. */
function get(agent: http.Agent, url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers }, (response) => {
      response.on("data", () => {});
      response.on("end", () => (response.complete ? resolve(response.statusCode!) : reject(new Error("answer cut short"))));
      response.on("error", reject);
      response.on("aborted", () => reject(new Error("answer aborted")));
    });
    request.on("error", reject);
  });
}

/** Starts the load; `done` resolves when every connection has stopped (by time, gate or `stop`). */
export function drive(options: LoadOptions): { done: Promise<LoadResult>; stop: () => void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const result: LoadResult = { ok: 0, failed: 0, failures: [], statuses: {}, latencies: [], durationMs: 0 };
  let stopped = false;
  const started = performance.now();
  const deadline = options.durationMs === undefined ? Number.POSITIVE_INFINITY : started + options.durationMs;
  const open = () => !stopped && performance.now() < deadline && (options.gate?.() ?? true);

  const connection = async (offset: number) => {
    for (let i = offset; open(); i += 1) {
      const path = options.paths[i % options.paths.length]!;
      const sent = performance.now();
      try {
        const status = await get(agent, `${options.baseUrl}${path}`, options.headers ?? {});
        result.statuses[status] = (result.statuses[status] ?? 0) + 1;
        if (status >= 500) {
          result.failed += 1;
          result.failures.push(`${path}: ${status}`);
        } else {
          result.ok += 1;
          result.latencies.push(performance.now() - sent);
        }
      } catch (error) {
        result.failed += 1;
        result.failures.push(`${path}: ${(error as Error).message}`);
      }
    }
  };

  const done = Promise.all(Array.from({ length: options.connections }, (_, i) => connection(i))).then(() => {
    result.durationMs = performance.now() - started;
    agent.destroy();
    return result;
  });
  return {
    done,
    stop: () => {
      stopped = true;
    },
  };
}

/**
 * Polls `/readyz` every `everyMs` and reports whether the instance still takes traffic: false from the
 * first answer that is not 200 (draining) or no answer at all, for good.
 */
export function readinessGate(baseUrl: string, everyMs = 50): { open: () => boolean; stop: () => void; closedAt: () => number | null } {
  let closedAt: number | null = null;
  const agent = new http.Agent({ keepAlive: false });
  const timer = setInterval(() => {
    if (closedAt !== null) return;
    get(agent, `${baseUrl}/readyz`, {}).then(
      (status) => {
        if (status !== 200 && closedAt === null) closedAt = Date.now();
      },
      () => {
        closedAt ??= Date.now();
      },
    );
  }, everyMs);
  return {
    open: () => closedAt === null,
    stop: () => {
      clearInterval(timer);
      agent.destroy();
    },
    closedAt: () => closedAt,
  };
}

export type DrainResult = { result: LoadResult; code: number | null; tookMs: number; gateClosed: boolean };

/**
 * Keeps `connections` requests going over `paths` for `afterMs`, then sends SIGTERM to `site` and waits
 * for it to exit; new requests stop when readiness fails, as behind a proxy. What was sent must be answered.
 */
export async function sigtermUnderLoad(
  site: { kill: (signal: NodeJS.Signals) => boolean },
  exited: Promise<number | null>,
  options: { baseUrl: string; paths: string[]; connections: number; afterMs: number },
): Promise<DrainResult> {
  const gate = readinessGate(options.baseUrl);
  const load = drive({ baseUrl: options.baseUrl, paths: options.paths, connections: options.connections, gate: gate.open });
  await new Promise((resolve) => setTimeout(resolve, options.afterMs));
  const signalled = Date.now();
  site.kill("SIGTERM");
  const code = await exited;
  const tookMs = Date.now() - signalled;
  const result = await load.done;
  gate.stop();
  return { result, code, tookMs, gateClosed: gate.closedAt() !== null };
}
