import { db } from "#db/client";
import { runWithRequestContext } from "#app/utils/log.server";
import { logsOf } from "#test/logs";
import { createTestUser } from "#test/factories";
import { changeRole } from "./account-admin.server";
import { announceSetupLink } from "./setup.server";

// First, while this file's database has no admin yet.
test("the setup link is printed for the operator but never written to the log", async () => {
  const printed: string[] = [];
  let link: string | null = null;
  const lines = await logsOf(async () => {
    link = await announceSetupLink(db, "http://localhost:3000", (line) => printed.push(line));
  });
  expect(printed.join("\n")).toContain(link);
  expect(lines.find((line) => line.event === "admin.setup_link_printed")).toBeDefined();
  expect(JSON.stringify(lines)).not.toContain(link!.split("/einrichten/")[1]);
});

test("an admin action is logged with actor, target, address and the changed fields, not their values or the reason", async () => {
  const admin = await createTestUser({ role: "admin" });
  const person = await createTestUser();
  const reason = "übernimmt die Koordination";
  const lines = await runWithRequestContext({ requestId: "r-admin", clientAddress: "192.0.2.10" }, () => logsOf(() => changeRole({ id: admin.id, role: "admin" }, person.id, "coordinator", reason)));
  expect(lines.find((line) => line.event === "admin.action")).toMatchObject({ action: "role_changed", userId: admin.id, targetUserId: person.id, addr: "192.0.2.10", reqId: "r-admin" });
  expect(JSON.stringify(lines)).not.toContain(reason);
});
