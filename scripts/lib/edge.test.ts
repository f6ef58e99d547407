import fs from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { RequestHandler } from "express";
import { getLucia } from "#app/modules/auth/lucia.server";
import { parseEnv } from "#app/utils/env.server";
import { startDraining } from "#app/utils/lifecycle.server";
import { edgeBody } from "./edge-body";
import { FORM_BODY_LIMIT, SESSION_COOKIE_NAMES, UPLOAD_BODY_LIMITS } from "./edge";
import { createEdgeApp, listen, type AppServer } from "./http";

/** What the app behind the edge was handed: the requests that reached it, with the bytes of their bodies. */
const seen: { method: string; url: string; bodyBytes: number }[] = [];
let release: (() => void) | undefined;

/** Stands in for the Remix build: reads the body the edge hands on, and answers by path. */
const probe: RequestHandler = (req, res) => {
  void (async () => {
    const body = edgeBody(res);
    let bodyBytes = 0;
    try {
      if (body?.kind === "buffer") bodyBytes = body.data.length;
      if (body?.kind === "stream") for await (const chunk of body.stream) bodyBytes += (chunk as Buffer).length;
    } catch {
      return;
    }
    seen.push({ method: req.method, url: req.originalUrl, bodyBytes });
    if (req.path === "/langsam") await new Promise<void>((resolve) => (release = resolve));
    if (req.path === "/fehlt") return void res.status(404).send("nicht gefunden");
    if (req.path === "/i18n/de/1") return void res.set("Cache-Control", "public, max-age=31536000, immutable").send("{}");
    res.set("Cache-Control", "public, max-age=60").send(`ok ${bodyBytes}`);
  })();
};

const env = parseEnv({ APP_URL: "http://localhost:3000" });
const ORIGIN = { Origin: "http://localhost:3000" };
let publicDir: string;
let server: AppServer;
let baseUrl: string;

beforeAll(async () => {
  publicDir = await fs.mkdtemp(path.join(os.tmpdir(), "kw-edge-"));
  await fs.mkdir(path.join(publicDir, "build"));
  await fs.writeFile(path.join(publicDir, "build", "root-ABC123.js"), "export {};\n");
  server = await listen(createEdgeApp(env, { development: false, publicDir }, probe), 0);
  baseUrl = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  await fs.rm(publicDir, { recursive: true, force: true });
});
beforeEach(() => {
  seen.length = 0;
});

type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * A request over a raw connection: `head` are the request's headers, `send` writes (some of) its body.
 * The answer may come before the body is sent in full, as the edge means it to.
 */
function rawRequest(port: number, head: string, send?: (socket: net.Socket) => void): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString("utf8")));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      const [headerText = "", ...rest] = received.split("\r\n\r\n");
      const [statusLine = "", ...lines] = headerText.split("\r\n");
      const headers: http.IncomingHttpHeaders = {};
      for (const line of lines) headers[line.slice(0, line.indexOf(":")).toLowerCase()] = line.slice(line.indexOf(":") + 1).trim();
      if (!statusLine) return reject(new Error("no answer"));
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: rest.join("\r\n\r\n") });
    });
    socket.write(`${head}\r\n\r\n`);
    send?.(socket);
  });
}

describe("TRACE", () => {
  test("TRACE answers 405 with Allow, and never reaches the app", async () => {
    const answer = await rawRequest(server.port, `TRACE /verzeichnis HTTP/1.1\r\nHost: localhost\r\nConnection: close`);
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toContain("GET");
    expect(answer.body).toContain("Refused");
    expect(seen).toEqual([]);
  });
});

describe("control characters", () => {
  test.each([
    ["a percent-encoded NUL in the query", "/suche?q=a%00b"],
    ["an escape character in the query", "/verzeichnis?q=%1B%5B31m"],
    ["a NUL in a query parameter's name", "/verzeichnis?ort%00=x"],
    ["a NUL in the path", "/verzeichnis/partner/a%00b"],
    ["a line feed in the path", "/verzeichnis/partner/a%0Ab"],
  ])("%s answers 400, plain German and English, and never reaches the app", async (_name, url) => {
    const response = await fetch(`${baseUrl}${url}`);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain("Abgelehnt");
    expect(text).toContain("Refused");
    expect(seen).toEqual([]);
  });

  test("a tab or a line break in a query value passes, and so does a percent-encoded percent sign", async () => {
    for (const url of ["/suche?q=Deutschkurs%09Auental", "/suche?q=a%0D%0Ab", "/suche?q=%2500"]) expect((await fetch(`${baseUrl}${url}`)).status).toBe(200);
  });

  test("a NUL in an urlencoded form field answers 400, a textarea's line breaks pass", async () => {
    const post = (body: string) => fetch(`${baseUrl}/open-mic/neu`, { method: "POST", headers: { ...ORIGIN, "Content-Type": "application/x-www-form-urlencoded" }, body });
    expect((await post("title=a%00b&body=x")).status).toBe(400);
    expect((await post("title=ab&body=x%07")).status).toBe(400);
    expect(seen).toEqual([]);
    const passing = await post("title=ab&body=Zeile%0D%0A%09Zeile");
    expect(passing.status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  test("a control character in a JSON body answers 400", async () => {
    const post = (body: string) => fetch(`${baseUrl}/x`, { method: "POST", headers: { ...ORIGIN, "Content-Type": "application/json" }, body });
    expect((await post(JSON.stringify({ title: "a\u0000b" }))).status).toBe(400);
    expect((await post(JSON.stringify({ title: "a\nb" }))).status).toBe(200);
  });

  test("a NUL in a multipart text field answers 400, the file beside it is not refused for its bytes", async () => {
    const form = (text: string) => {
      const data = new FormData();
      data.set("skipInvalid", text);
      data.set("file", new File([new Uint8Array([0, 1, 2, 3])], "daten.csv", { type: "text/csv" }));
      return fetch(`${baseUrl}/verzeichnis/import`, { method: "POST", headers: ORIGIN, body: data });
    };
    expect((await form("1\u0000")).status).toBe(400);
    const passing = await form("1");
    expect(passing.status).toBe(200);
    expect(seen).toHaveLength(1);
  });
});

describe("body limits", () => {
  const formHead = (length: number | "chunked") =>
    `POST /open-mic/neu HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost:3000\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
    (length === "chunked" ? "Transfer-Encoding: chunked" : `Content-Length: ${length}`);

  test("a 300 kB form is refused with 413 at its Content-Length, before a byte of it is read, and the app never sees it", async () => {
    const answer = await rawRequest(server.port, formHead(300 * 1024));
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe("close");
    expect(answer.body).toContain("256 kB");
    expect(seen).toEqual([]);
  });

  test("a chunked form is counted while it streams and cut at 256 kB with 413", async () => {
    let written = 0;
    const answer = await rawRequest(server.port, formHead("chunked"), (socket) => {
      const chunk = "a".repeat(16 * 1024);
      const timer = setInterval(() => {
        if (socket.destroyed || written > 2 * 1024 * 1024) return clearInterval(timer);
        socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
        written += chunk.length;
      }, 2);
    });
    expect(answer.status).toBe(413);
    expect(written).toBeLessThan(2 * 1024 * 1024);
    expect(seen).toEqual([]);
  });

  test("a form just under the limit passes whole", async () => {
    const body = `text=${"a".repeat(FORM_BODY_LIMIT - 5)}`;
    const response = await fetch(`${baseUrl}/open-mic/neu`, { method: "POST", headers: { ...ORIGIN, "Content-Type": "application/x-www-form-urlencoded" }, body });
    expect(response.status).toBe(200);
    expect(seen).toEqual([{ method: "POST", url: "/open-mic/neu", bodyBytes: FORM_BODY_LIMIT }]);
  });

  test("the import upload streams past the form limit up to its own, and is cut beyond it", async () => {
    const upload = (bytes: number) => {
      const data = new FormData();
      data.set("file", new File([new Uint8Array(bytes)], "daten.json"));
      return fetch(`${baseUrl}/verzeichnis/import`, { method: "POST", headers: ORIGIN, body: data });
    };
    const passing = await upload(1024 * 1024);
    expect(passing.status).toBe(200);
    expect(seen[0]!.bodyBytes).toBeGreaterThan(1024 * 1024);
    const refused = await rawRequest(
      server.port,
      `POST /verzeichnis/import HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost:3000\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: ${UPLOAD_BODY_LIMITS["/verzeichnis/import"]! + 1}`,
    );
    expect(refused.status).toBe(413);
  });

  test("a chunked upload is cut at its limit while the app reads it; the app's answer is dropped", async () => {
    const limit = UPLOAD_BODY_LIMITS["/verwaltung/einladungen"]!;
    let written = 0;
    const head = `POST /verwaltung/einladungen HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost:3000\r\nContent-Type: multipart/form-data; boundary=x\r\nTransfer-Encoding: chunked`;
    const answer = await rawRequest(server.port, head, (socket) => {
      const start = `--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n`;
      socket.write(`${start.length.toString(16)}\r\n${start}\r\n`);
      const chunk = "a".repeat(64 * 1024);
      const timer = setInterval(() => {
        if (socket.destroyed || written > 4 * limit) return clearInterval(timer);
        socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
        written += chunk.length;
      }, 2);
    });
    expect(answer.status).toBe(413);
    expect(written).toBeLessThan(4 * limit);
    expect(seen).toEqual([]);
  });
});

describe("Cache-Control", () => {
  test("every answer to a signed-in person is no-store, and so are its data requests", async () => {
    for (const name of SESSION_COOKIE_NAMES) {
      for (const url of ["/verzeichnis", "/verzeichnis?_data=routes%2Fverzeichnis._index"]) {
        const response = await fetch(`${baseUrl}${url}`, { headers: { Cookie: `kw_lang=de; ${name}=abc123` } });
        expect(response.headers.get("cache-control")).toBe("no-store");
      }
    }
  });

  test("a guest's public page keeps its own caching; private pages and their data requests are no-store", async () => {
    expect((await fetch(`${baseUrl}/verzeichnis`)).headers.get("cache-control")).toBe("public, max-age=60");
    expect((await fetch(`${baseUrl}/verzeichnis`, { headers: { Cookie: "kw_session=" } })).headers.get("cache-control")).toBe("public, max-age=60");
    for (const url of ["/konto", "/einladung/abc", "/passwort-zuruecksetzen?token=x&_data=routes%2Fpasswort-zuruecksetzen"])
      expect((await fetch(`${baseUrl}${url}`)).headers.get("cache-control")).toBe("no-store");
  });

  test("error answers are no-store: the app's 404 and the edge's own refusals", async () => {
    expect((await fetch(`${baseUrl}/fehlt`)).headers.get("cache-control")).toBe("no-store");
    expect((await fetch(`${baseUrl}/suche?q=%00`)).headers.get("cache-control")).toBe("no-store");
    expect((await fetch(`${baseUrl}/x`, { method: "POST", headers: { Origin: "http://evil.example" } })).headers.get("cache-control")).toBe("no-store");
  });

  test("/build assets keep their year-long immutable cache, for a signed-in person too, as does a versioned resource", async () => {
    for (const headers of [{}, { Cookie: "kw_session=abc123" }] as Record<string, string>[]) {
      const asset = await fetch(`${baseUrl}/build/root-ABC123.js`, { headers });
      expect(asset.status).toBe(200);
      expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect((await fetch(`${baseUrl}/i18n/de/1`, { headers })).headers.get("cache-control")).toContain("immutable");
    }
  });

  test("the edge knows the session cookie by the name the sign-in gives it", () => {
    expect(SESSION_COOKIE_NAMES).toContain(getLucia().sessionCookieName);
  });
});

describe("closing", () => {
  test("close() closes idle keep-alive connections at once and lets an in-flight request finish", async () => {
    release = undefined;
    const own = await listen(createEdgeApp(env, { development: false, publicDir }, probe), 0);
    const agents = [new http.Agent({ keepAlive: true }), new http.Agent({ keepAlive: true })];
    const get = (url: string, agent: http.Agent) =>
      new Promise<{ status: number; body: string; socket: net.Socket; connection: string | undefined }>((resolve, reject) => {
        const request = http.get(`http://127.0.0.1:${own.port}${url}`, { agent }, (response) => {
          let body = "";
          response.on("data", (chunk: Buffer) => (body += chunk.toString()));
          response.on("end", () => resolve({ status: response.statusCode!, body, socket: request.socket!, connection: response.headers.connection }));
        });
        request.on("error", reject);
      });
    const idle = await get("/verzeichnis", agents[0]!);
    expect(idle.connection).toBe("keep-alive");
    const idleClosed = new Promise((resolve) => idle.socket.once("close", resolve));
    // A second request, in flight when the close begins; its answer's headers are not out yet.
    const slow = get("/langsam", agents[1]!);
    await vi.waitFor(() => expect(release).toBeDefined());
    const started = Date.now();
    const closed = own.close();
    await idleClosed;
    release!();
    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(answer.connection).toBe("close");
    await closed;
    expect(Date.now() - started).toBeLessThan(2000);
    for (const agent of agents) agent.destroy();
  });

  test("an answer whose headers went out before the close began does not hold the close until the keep-alive timeout", async () => {
    const streaming: RequestHandler = (_req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.write("erster Teil ");
      release = () => res.end("zweiter Teil");
    };
    release = undefined;
    const own = await listen(createEdgeApp(env, { development: false, publicDir }, streaming), 0);
    const agent = new http.Agent({ keepAlive: true });
    const body = new Promise<string>((resolve) => {
      http.get(`http://127.0.0.1:${own.port}/`, { agent }, (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => resolve(text));
      });
    });
    await vi.waitFor(() => expect(release).toBeDefined());
    const started = Date.now();
    const closed = own.close();
    release!();
    expect(await body).toBe("erster Teil zweiter Teil");
    await closed;
    expect(Date.now() - started).toBeLessThan(2000);
    agent.destroy();
  });

  test("while the process drains, every answer carries Connection: close", async () => {
    expect((await fetch(`${baseUrl}/verzeichnis`)).headers.get("connection")).toBe("keep-alive");
    startDraining();
    expect((await fetch(`${baseUrl}/verzeichnis`)).headers.get("connection")).toBe("close");
  });
});
