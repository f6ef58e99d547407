// Liveness: the process answers. Nothing external is checked, so a database outage does not restart the app.
export function loader() {
  return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
