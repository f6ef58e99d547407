import { createTestUser, sessionCookieFor } from "#test/factories";
import { baseUrl } from "./browser";

// A full page load that goes past the read limit, as a browser makes it: the 429 page says what
// happened and when to come back. A member of its own is used, so no other spec shares the bucket.
describe("past the read limit", () => {
  test("a page answers 429 with Retry-After, no-store and the page in words", async () => {
    const user = await createTestUser({ role: "member" });
    const cookie = await sessionCookieFor(user.id);
    let refused: Response | null = null;
    // Signed-in search allows 240 a minute (read-limits.server.ts): the 241st within it is refused.
    for (let i = 0; i < 400 && !refused; i++) {
      const response = await fetch(`${baseUrl()}/suche?q=Kita${i}`, { headers: { cookie, accept: "text/html" } });
      if (response.status === 429) refused = response;
      else await response.arrayBuffer();
    }
    expect(refused).not.toBeNull();
    expect(Number(refused!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused!.headers.get("cache-control")).toContain("no-store");
    expect(await refused!.text()).toContain("Zu viele Anfragen");
  });
});
