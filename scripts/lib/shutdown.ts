const FORCE_AFTER_MS = 15_000;
const REPEAT_GRACE_MS = 1_000;

/**
 * Stops what this process started, newest first, on SIGINT, SIGTERM or SIGHUP. Registered before
 * anything starts, so a signal during start-up stops what is already up; a second signal (a second
 * or more after the first) or a hang past 15 seconds ends the process at once.
 */
export function createShutdown() {
  const steps: (() => Promise<void>)[] = [];
  let stopping = false;

  const stopAll = async () => {
    while (steps.length > 0) {
      const step = steps.pop()!;
      await step().catch((error: unknown) => console.error(error));
    }
  };

  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      // The same signal often arrives twice at once (from the terminal or process manager to the whole
      // process group, and forwarded by npm): only a later one is a person insisting.
      if (Date.now() - firstSignalAt < REPEAT_GRACE_MS) return;
      console.info(`${signal} again: stopping now.`);
      process.exit(1);
    }
    stopping = true;
    firstSignalAt = Date.now();
    console.info(`${signal}: shutting down …`);
    setTimeout(() => {
      console.error("Shutdown took too long: stopping now.");
      process.exit(1);
    }, FORCE_AFTER_MS).unref();
    void stopAll().then(() => process.exit(0));
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
