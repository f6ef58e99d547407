import { startDraining } from "#app/utils/lifecycle.server";
import { log } from "#app/utils/log.server";

const FORCE_AFTER_MS = 10_000;
const REPEAT_GRACE_MS = 1_000;

/**
 * How long a SIGTERM keeps everything serving while readiness already answers 503, so that a load
 * balancer or proxy sees it before connections are refused (SHUTDOWN_DELAY_MS, default 1 s). Ctrl-C
 * (SIGINT) and SIGHUP stop at once.
 */
function delayFor(signal: NodeJS.Signals): number {
  if (signal !== "SIGTERM") return 0;
  const value = Number(process.env.SHUTDOWN_DELAY_MS ?? 1000);
  return Number.isFinite(value) && value >= 0 ? Math.min(value, FORCE_AFTER_MS / 2) : 1000;
}

/**
 * Stops what this process started, newest first, on SIGINT, SIGTERM or SIGHUP. Registered before
 * anything starts, so a signal during start-up stops what is already up. At the signal readiness turns
 * 503 (draining); then the steps run (the app's: refuse new connections, let in-flight requests finish,
 * stop the job worker, close the pools; then the embedded servers) and the process exits 0. A second
 * signal (a second or more after the first) or a hang past 10 seconds ends the process at once with 1.
 */
export function createShutdown() {
  const steps: (() => Promise<void>)[] = [];
  let stopping = false;

  const stopAll = async () => {
    while (steps.length > 0) {
      const step = steps.pop()!;
      await step().catch((error: unknown) => log.error({ component: "shutdown", err: error }, "a shutdown step failed"));
    }
  };

  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      // The same signal often arrives twice at once (from the terminal or process manager to the whole
      // process group, and forwarded by npm): only a later one is a person insisting.
      if (Date.now() - firstSignalAt < REPEAT_GRACE_MS) return;
      log.warn({ component: "shutdown", signal }, `${signal} again: stopping now.`);
      process.exit(1);
    }
    stopping = true;
    firstSignalAt = Date.now();
    startDraining();
    log.info({ component: "shutdown", signal }, `${signal}: shutting down …`);
    setTimeout(() => {
      log.error({ component: "shutdown" }, "Shutdown took too long: stopping now.");
      process.exit(1);
    }, FORCE_AFTER_MS).unref();
    setTimeout(() => void stopAll().then(() => process.exit(0)), delayFor(signal));
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);

  return {
    /** Adds a step; during a shutdown already under way it runs at once. */
    add(step: () => Promise<void>) {
      if (stopping) void step();
      else steps.push(step);
    },
    get stopping() {
      return stopping;
    },
  };
}
