import fs from "node:fs/promises";
import path from "node:path";
import { requestPasswordReset } from "#app/modules/auth/accounts.server";
import { captureLogs } from "#app/utils/log.server";
import { createTestUser, testContext } from "#test/factories";
import { linkFrom, waitForMail } from "#test/mail";

describe("the local mail outbox", () => {
  test("a password-reset mail is written to the mail folder; the log names the file, never the link or its token", async () => {
    const user = await createTestUser();
    const capture = captureLogs();
    try {
      await requestPasswordReset(user.email, testContext().clientAddress, "de");
    } finally {
      capture.stop();
    }
    const token = new URL(linkFrom(await waitForMail(user.email)), "http://x").searchParams.get("token")!;
    expect(token.length).toBeGreaterThan(20);
    const lines = capture.lines();
    const written = lines.find((line) => line.event === "mail.written");
    expect(written?.file).toMatch(/mail[/\\].+\.eml$/);
    // The named file is the mail itself.
    expect(await fs.readFile(path.resolve(String(written?.file)), "utf8")).toContain(`To: ${user.email}`);
    const text = JSON.stringify(lines);
    expect(text).not.toContain(token);
    expect(text).not.toContain(encodeURIComponent(token));
    expect(text).not.toContain("passwort-zuruecksetzen?");
  });
});
