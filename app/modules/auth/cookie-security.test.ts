import { vi } from "vitest";
import { createTestUser } from "#test/factories";

describe("session cookie on an https site", () => {
  test("is Secure, HttpOnly, SameSite=Lax and carries the __Host- prefix", async () => {
    vi.resetModules();
    const saved = process.env.APP_URL;
    process.env.APP_URL = "https://netzwerk.auental.example";
    try {
      const { createUserSession } = await import("./session.server");
      const user = await createTestUser();
      const header = await createUserSession(user.id);
      expect(header).toMatch(/^__Host-kw_session=/);
      expect(header).toMatch(/; Secure/i);
      expect(header).toMatch(/; HttpOnly/i);
      expect(header).toMatch(/; SameSite=Lax/i);
      expect(header).toMatch(/; Path=\//i);
      expect(header).not.toMatch(/Domain=/i);
    } finally {
      process.env.APP_URL = saved;
      vi.resetModules();
    }
  });
});
