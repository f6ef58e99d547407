import { captureLogs } from "#app/utils/log.server";

/** Runs `fn` and returns the log lines it wrote, parsed. */
export async function logsOf(fn: () => Promise<unknown>) {
  const capture = captureLogs();
  try {
    await fn();
    return capture.lines();
  } finally {
    capture.stop();
  }
}
