import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import { log } from "#app/utils/log.server";

// `npm start` with WEB_CONCURRENCY=N: the primary process prepares the servers once (migrations, demo,
// search settings) and forks N server processes that share the port (node:cluster hands out the
// connections). Each runs the HTTP server and a job worker; the job queue runs every job once across
// them, and sessions, rate limits and search live in PostgreSQL and Meilisearch, so nothing is kept
// per process. One process (N=1) runs in the primary itself, as before.

const clusterLog = log.child({ component: "cluster" });

/** Messages from a server process to the primary. */
type ServerMessage = { type: "ready"; port: number };

/** A crashing server process is replaced; this many crashes within a minute mean something is wrong: stop. */
const MAX_CRASHES_PER_MINUTE = 5;

/** How many server processes: WEB_CONCURRENCY, or one per core. */
export function serverProcessCount(configured: number | undefined): number {
  return configured ?? os.availableParallelism();
}

export function isServerProcess(): boolean {
  return cluster.isWorker;
}

/** In a server process: tells the primary that this process serves. */
export function reportReady(port: number): void {
  process.send?.({ type: "ready", port } satisfies ServerMessage);
}

export type ServerGroup = {
  /** Resolves with the port once every process serves; rejects when one fails to start. */
  ready: Promise<number>;
  /** Passes `signal` on to every process and resolves when all have exited. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
};

/**
 * Forks `count` server processes running this same script (they inherit the primary's environment,
 * with the servers' addresses it prepared). A signal to the primary (SIGTERM from a process manager) reaches them at once, so they
 * drain in parallel; Ctrl-C reaches them from the terminal anyway (a second copy within a second is
 * ignored by their shutdown). A process that dies after start is replaced, unless crashes repeat.
 */
export function startServerGroup(count: number, onFatal: (message: string) => void): ServerGroup {
  let stopping = false;
  const crashes: number[] = [];
  const exited = new Set<Worker>();
  let readyCount = 0;
  let resolveReady!: (port: number) => void;
  let rejectReady!: (error: Error) => void;
  const ready = new Promise<number>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  let started = false;

  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on("message", (message: ServerMessage) => {
      if (message?.type !== "ready") return;
      readyCount += 1;
      if (!started && readyCount === count) {
        started = true;
        resolveReady(message.port);
      }
    });
    worker.once("exit", (code, signal) => {
      exited.add(worker);
      if (stopping) return;
      if (!started) {
        rejectReady(new Error(`A server process stopped while starting (exit code ${code ?? signal}); its message is above.`));
        return;
      }
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && crashes[0]! < now - 60_000) crashes.shift();
      if (crashes.length >= MAX_CRASHES_PER_MINUTE) {
        onFatal(`Server processes stopped ${crashes.length} times within a minute: stopping.`);
        return;
      }
      clusterLog.error({ pid: worker.process.pid, code, signal }, "a server process stopped; starting a new one");
      fork();
    });
    return worker;
  };

  for (let i = 0; i < count; i += 1) fork();

  const forward = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker && !exited.has(worker)) worker.process.kill(signal);
    }
  };
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(signal, () => forward(signal));

  return {
    ready,
    stop: async (signal = "SIGTERM") => {
      const running = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => Boolean(worker) && !exited.has(worker!));
      const all = running.map((worker) => new Promise<void>((resolve) => (worker.isDead() ? resolve() : worker.once("exit", () => resolve()))));
      if (!stopping) forward(signal);
      await Promise.all(all);
    },
  };
}
