import { z } from "zod";

const booleanString = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((value) => ["true", "1", "yes"].includes(value));

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATA_DIR: z.string().min(1).default("./.data"),
  // The app's connection: a role that reads and writes rows but cannot change the schema. Unset, the
  // embedded PostgreSQL in DATA_DIR is used, with such a role made for it.
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  // The schema owner's connection, used only by the migrations at start (and `npm run db:migrate`),
  // which also grant DATABASE_URL's role what the app needs. Unset, it is DATABASE_URL.
  MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  MEILI_URL: z.url({ protocol: /^https?$/ }).optional(),
  MEILI_MASTER_KEY: z.string().min(16, "must be at least 16 bytes").optional(),
  APP_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  MEILI_INDEX_PREFIX: z
    .string()
    .regex(/^[a-z0-9_]*$/)
    .default(""),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).optional(),
  // Backups (npm run db:backup, and daily through the job queue when BACKUP_DAILY is true): how many
  // to keep in DATA_DIR/backups, and where pg_dump and pg_restore are (unset: looked for, see scripts/lib/backup-tools.ts).
  BACKUP_DAILY: booleanString.default(false),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(14),
  PG_BIN_DIR: z.string().min(1).optional(),
  // Unset, it follows APP_URL: true only on localhost (see parseEnv).
  SEED_DEMO: booleanString.optional(),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  // How many server processes `npm start` runs (unset: one per core; see scripts/lib/cluster.ts).
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
});

export type Env = Omit<z.infer<typeof EnvSchema>, "SEED_DEMO"> & {
  APP_URL: string;
  appOrigin: string;
  secure: boolean;
  /** APP_URL's host is localhost, 127.0.0.1 or ::1: a developer's own machine, where demo data belongs. */
  onLocalhost: boolean;
  SEED_DEMO: boolean;
};

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** True when the URL's host is localhost, 127.0.0.1 or ::1 (as the URL parser writes them: "127.1" and "[0::1]" count too). */
function isLocalhostUrl(url: URL): boolean {
  return LOCAL_HOSTS.has(url.hostname);
}

/** Thrown for a configuration value that does not fit: its message is one line naming the variable. */
export class ConfigError extends Error {}

/** Parses and checks the environment; a wrong value throws a ConfigError naming the variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = EnvSchema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0]);
    // Keys and URLs may carry credentials: name the variable, never echo its value.
    const shown = /KEY|URL|SECRET|PASSWORD/.test(name) && name !== "APP_URL" ? "(value hidden)" : JSON.stringify(source[name]);
    throw new ConfigError(`Configuration: ${name}=${shown} is not valid (${issue.message}).`);
  }
  const env = result.data;
  if (Boolean(env.MEILI_URL) !== Boolean(env.MEILI_MASTER_KEY)) {
    const missing = env.MEILI_URL ? "MEILI_MASTER_KEY" : "MEILI_URL";
    throw new ConfigError(`Configuration: ${missing} must be set together with ${missing === "MEILI_URL" ? "MEILI_MASTER_KEY" : "MEILI_URL"}.`);
  }
  if (env.MIGRATION_DATABASE_URL && !env.DATABASE_URL) {
    throw new ConfigError("Configuration: MIGRATION_DATABASE_URL needs DATABASE_URL (the embedded PostgreSQL makes both roles itself).");
  }
  if (env.BACKUP_DAILY && env.MIGRATION_DATABASE_URL && env.MIGRATION_DATABASE_URL !== env.DATABASE_URL) {
    // The daily backup runs in the site's processes, which never keep the owner's connection (decision 068).
    throw new ConfigError(
      "Configuration: BACKUP_DAILY=true cannot work with MIGRATION_DATABASE_URL (the site's processes do not keep the owner's connection): run npm run db:backup from a timer instead.",
    );
  }
  const appUrl = new URL(env.APP_URL ?? `http://localhost:${env.PORT}`);
  const onLocalhost = isLocalhostUrl(appUrl);
  return { ...env, APP_URL: appUrl.href.replace(/\/$/, ""), appOrigin: appUrl.origin, secure: appUrl.protocol === "https:", onLocalhost, SEED_DEMO: env.SEED_DEMO ?? onLocalhost };
}

let cached: Env | undefined;

/** The validated configuration of this process, read once. */
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}
