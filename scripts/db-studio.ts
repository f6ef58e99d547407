import { spawn } from "node:child_process";
import { runTask } from "./lib/task";

await runTask("db:studio", () => {
  const child = spawn("npx", ["drizzle-kit", "studio", "--config", "db/drizzle.config.ts"], { stdio: "inherit", env: process.env });
  return new Promise((resolve) => child.on("exit", () => resolve()));
});
