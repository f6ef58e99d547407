import type { AddressInfo } from "node:net";
import express from "express";
import { parseEnv } from "#app/utils/env.server";
import { originCheck, securityHeaders } from "./http";

let baseUrl: string;
let close: () => void;

beforeAll(async () => {
  const app = express();
  app.use(originCheck("http://localhost:3000"));
  app.all("*", (_req, res) => {
    res.send("changed");
  });
  const server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

describe("Origin check", () => {
  test("a POST from this site passes", async () => {
    const response = await fetch(`${baseUrl}/anmelden`, { method: "POST", headers: { Origin: "http://localhost:3000" } });
    expect(response.status).toBe(200);
  });

  test("a POST from another origin is refused", async () => {
    const response = await fetch(`${baseUrl}/anmelden`, { method: "POST", headers: { Origin: "http://evil.example" } });
    expect(response.status).toBe(403);
  });

  test("the origin comes from configuration, never from the Host header", async () => {
    const response = await fetch(`${baseUrl}/anmelden`, { method: "POST", headers: { Origin: baseUrl } });
    expect(response.status).toBe(403);
  });

  test("a POST without Origin passes only when Sec-Fetch-Site says same-origin", async () => {
    expect((await fetch(`${baseUrl}/x`, { method: "POST" })).status).toBe(403);
    expect((await fetch(`${baseUrl}/x`, { method: "POST", headers: { "Sec-Fetch-Site": "cross-site" } })).status).toBe(403);
    expect((await fetch(`${baseUrl}/x`, { method: "POST", headers: { "Sec-Fetch-Site": "same-origin" } })).status).toBe(200);
  });

  test("a mail program's one-click unsubscribe passes without an origin; nothing else on its way", async () => {
    expect((await fetch(`${baseUrl}/benachrichtigungen/abbestellen?token=x`, { method: "POST" })).status).toBe(200);
    expect((await fetch(`${baseUrl}/benachrichtigungen/abbestellen/x`, { method: "POST" })).status).toBe(403);
    expect((await fetch(`${baseUrl}/benachrichtigungen`, { method: "POST" })).status).toBe(403);
  });

  test("reading is never blocked", async () => {
    expect((await fetch(`${baseUrl}/`, { headers: { Origin: "http://evil.example" } })).status).toBe(200);
  });
});

describe("security headers", () => {
  async function headersFor(appUrl: string) {
    const app = express();
    app.use((_req, res, next) => {
      res.locals.cspNonce = "abc";
      next();
    });
    app.use(securityHeaders(parseEnv({ APP_URL: appUrl }), false));
    app.get("/", (_req, res) => {
      res.send("ok");
    });
    const server = app.listen(0);
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      return (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)).headers;
    } finally {
      server.close();
    }
  }

  test("an https site sends HSTS and upgrades insecure requests; an http one does neither", async () => {
    const secure = await headersFor("https://netzwerk.auental.example");
    expect(secure.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect(secure.get("content-security-policy")).toContain("upgrade-insecure-requests");
    const plain = await headersFor("http://localhost:3000");
    expect(plain.get("strict-transport-security")).toBeNull();
    expect(plain.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
    expect(plain.get("content-security-policy")).toContain("script-src 'strict-dynamic' 'self' 'nonce-abc'");
  });
});
