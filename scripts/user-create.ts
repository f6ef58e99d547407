import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { db } from "#db/client";
import { userRoles } from "#db/schema";
import { isCommonPassword } from "#app/modules/auth/password.server";
import { EmailSchema, NewPasswordSchema } from "#app/modules/auth/auth-schemas";
import { createUser } from "#app/modules/auth/users.server";
import { getFixedT } from "#app/utils/i18n.server";
import { runTask } from "./lib/task";

const usage = "usage: npm run user:create -- --email <address> [--role admin|coordinator|member] [--name <name>] [--password <password>]";
const { values } = parseArgs({
  options: { email: { type: "string" }, role: { type: "string", default: "member" }, name: { type: "string" }, password: { type: "string" } },
});
const t = getFixedT("en");
const parsed = z
  .object({ email: EmailSchema, role: z.enum(userRoles, { error: `must be one of ${userRoles.join(", ")}` }), name: z.string().max(80).optional(), password: NewPasswordSchema.optional() })
  .safeParse(values);
if (!parsed.success) {
  const issue = parsed.error.issues[0]!;
  const message = issue.message.startsWith("validation.") ? t(issue.message) : issue.message;
  console.error(`--${String(issue.path[0])}: ${message}\n${usage}`);
  process.exit(1);
}
if (parsed.data.password && isCommonPassword(parsed.data.password)) {
  console.error(`--password: ${t("validation.passwordCommon")}`);
  process.exit(1);
}

await runTask("user:create", async () => {
  const password = parsed.data.password ?? randomBytes(12).toString("base64url");
  const name = parsed.data.name ?? parsed.data.email.split("@")[0]!;
  const user = await createUser(db, { email: parsed.data.email, displayName: name, password, role: parsed.data.role, emailVerified: true });
  if (!user) throw new Error(`an account for ${parsed.data.email} exists already`);
  console.info(`Created ${user.role} ${user.email}${parsed.data.password ? "" : ` with password ${password}`}`);
});
