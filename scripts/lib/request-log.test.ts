import type { AddressInfo, Server } from "node:net";
import express from "express";
import { captureLogs, log, setRequestActor } from "#app/utils/log.server";
import { requestIdFrom, requestLog } from "./request-log";

let server: Server;
let origin: string;

beforeAll(async () => {
  const app = express();
  app.set("trust proxy", 1);
  app.use(requestLog());
  app.get("/passwort-zuruecksetzen", (_req, res) => void res.send("form"));
  app.get("/verwaltung", (_req, res) => {
    // What the auth code does once it knows the session's person.
    setRequestActor("user-7");
    log.info("inside the app");
    res.status(403).send("Forbidden");
  });
  app.get("/einladung/:token", (_req, res) => void res.send("invitation"));
  server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

async function logsOf(path: string, headers: Record<string, string> = {}) {
  const capture = captureLogs();
  try {
    const response = await fetch(`${origin}${path}`, { headers });
    await response.text();
    // The line is written when the response has finished on the server's side, which may come a moment after the client has it.
    for (let waited = 0; waited < 2000 && !capture.lines().some((entry) => entry.event === "request"); waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    return { response, lines: capture.lines() };
  } finally {
    capture.stop();
  }
}

describe("the request log", () => {
  test("a request line has id, method, path, query keys, status, duration and address, and no query values", async () => {
    const { response, lines } = await logsOf("/passwort-zuruecksetzen?token=Zm9vYmFyU2VjcmV0VG9rZW4xMjM&lang=de", { "X-Forwarded-For": "198.51.100.23" });
    const line = lines.find((entry) => entry.event === "request");
    expect(line).toMatchObject({ method: "GET", path: "/passwort-zuruecksetzen", query: ["token", "lang"], status: 200, addr: "198.51.100.23" });
    expect(typeof line?.durationMs).toBe("number");
    expect(line?.reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("x-request-id")).toBe(line?.reqId);
    expect(JSON.stringify(lines)).not.toContain("Zm9vYmFyU2VjcmV0VG9rZW4xMjM");
    expect(JSON.stringify(lines)).not.toContain('de"');
  });

  test("a secret link's token is not in the logged path", async () => {
    const { lines } = await logsOf("/einladung/AbCdEfGh12345678");
    expect(lines.find((entry) => entry.event === "request")).toMatchObject({ path: "/einladung/:token", status: 200 });
    expect(JSON.stringify(lines)).not.toContain("AbCdEfGh12345678");
  });

  test("a refusal (403) is logged with the actor, and the app's own lines carry the same request id", async () => {
    const { lines } = await logsOf("/verwaltung", { "X-Request-Id": "edge-4711" });
    const request = lines.find((entry) => entry.event === "request");
    expect(request).toMatchObject({ reqId: "edge-4711", status: 403, userId: "user-7" });
    expect(lines.find((entry) => entry.event === "refused")).toMatchObject({ level: "warn", reqId: "edge-4711", userId: "user-7", path: "/verwaltung" });
    expect(lines.find((entry) => entry.msg === "inside the app")).toMatchObject({ reqId: "edge-4711", userId: "user-7" });
  });

  test("an incoming request id is reused only when it is a short safe token", () => {
    expect(requestIdFrom("abc-123_x.y:z")).toBe("abc-123_x.y:z");
    for (const hostile of ["a b", "x\u001b[31m", "a".repeat(65), "id\nforged", ""]) expect(requestIdFrom(hostile)).not.toBe(hostile);
    expect(requestIdFrom(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
