import type { AddressInfo } from "node:net";
import express from "express";
import { originCheck } from "./http";

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

  test("reading is never blocked", async () => {
    expect((await fetch(`${baseUrl}/`, { headers: { Origin: "http://evil.example" } })).status).toBe(200);
  });
});
