/**
 * The process's life as the web layer sees it: once draining (a SIGTERM arrived), readiness answers
 * 503 and responses close their connections, so a load balancer moves on while in-flight requests finish.
 */
let draining = false;

export function startDraining(): void {
  draining = true;
}

export function isDraining(): boolean {
  return draining;
}
