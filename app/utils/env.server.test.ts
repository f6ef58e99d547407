import { ConfigError, parseEnv } from "./env.server";

describe("configuration", () => {
  test("defaults give a working local setup", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.secure).toBe(false);
    expect(env.SEED_DEMO).toBe(true);
  });

  test("a wrong value is refused with one line naming the variable", () => {
    expect(() => parseEnv({ PORT: "drei" })).toThrow(ConfigError);
    expect(() => parseEnv({ PORT: "drei" })).toThrow(/^Configuration: PORT="drei" is not valid/);
    expect(() => parseEnv({ APP_URL: "localhost" })).toThrow(/APP_URL/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ SEED_DEMO: "vielleicht" })).toThrow(/SEED_DEMO/);
  });

  test("a wrong secret is named but not printed", () => {
    expect(() => parseEnv({ SMTP_URL: "mail://user:geheim@host" })).toThrow(/^Configuration: SMTP_URL=\(value hidden\) is not valid/);
    expect(() => parseEnv({ MEILI_URL: "http://127.0.0.1:7700", MEILI_MASTER_KEY: "kurz" })).not.toThrow(/kurz/);
  });

  test("MEILI_URL and MEILI_MASTER_KEY go together", () => {
    expect(() => parseEnv({ MEILI_URL: "http://127.0.0.1:7700" })).toThrow(/MEILI_MASTER_KEY/);
    expect(parseEnv({ MEILI_URL: "http://127.0.0.1:7700", MEILI_MASTER_KEY: "a".repeat(32) }).MEILI_URL).toBe("http://127.0.0.1:7700");
  });

  test("MIGRATION_DATABASE_URL is optional, needs DATABASE_URL and is never printed", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://app:a@db/kw" }).MIGRATION_DATABASE_URL).toBeUndefined();
    expect(parseEnv({ DATABASE_URL: "postgres://app:a@db/kw", MIGRATION_DATABASE_URL: "postgresql://owner:b@db/kw" }).MIGRATION_DATABASE_URL).toBe("postgresql://owner:b@db/kw");
    expect(() => parseEnv({ MIGRATION_DATABASE_URL: "postgres://owner:b@db/kw" })).toThrow(/^Configuration: MIGRATION_DATABASE_URL needs DATABASE_URL/);
    expect(() => parseEnv({ DATABASE_URL: "postgres://app:a@db/kw", MIGRATION_DATABASE_URL: "mysql://owner:geheim@db" })).toThrow(
      /^Configuration: MIGRATION_DATABASE_URL=\(value hidden\) is not valid/,
    );
  });

  test("the demo network is loaded by default only when APP_URL is localhost", () => {
    for (const appUrl of ["http://localhost:3000", "http://LOCALHOST:8080/", "http://127.0.0.1:3000", "http://127.1:3000", "http://[::1]:3000", "http://[0:0:0:0:0:0:0:1]/"]) {
      const env = parseEnv({ APP_URL: appUrl });
      expect(env.onLocalhost, appUrl).toBe(true);
      expect(env.SEED_DEMO, appUrl).toBe(true);
    }
    for (const appUrl of ["https://netzwerk.example", "http://192.168.1.20:3000", "http://localhost.netzwerk.example", "http://127.0.0.1.nip.io:3000", "http://10.0.0.1"]) {
      const env = parseEnv({ APP_URL: appUrl });
      expect(env.onLocalhost, appUrl).toBe(false);
      expect(env.SEED_DEMO, appUrl).toBe(false);
    }
    expect(parseEnv({ PORT: "8080" }).SEED_DEMO).toBe(true);
  });

  test("an explicit SEED_DEMO wins wherever the site runs", () => {
    expect(parseEnv({ APP_URL: "https://netzwerk.example", SEED_DEMO: "true" }).SEED_DEMO).toBe(true);
    expect(parseEnv({ APP_URL: "https://netzwerk.example", SEED_DEMO: "1" }).SEED_DEMO).toBe(true);
    expect(parseEnv({ APP_URL: "http://localhost:3000", SEED_DEMO: "false" }).SEED_DEMO).toBe(false);
    expect(parseEnv({ APP_URL: "https://netzwerk.example", SEED_DEMO: "" }).SEED_DEMO).toBe(false);
  });

  test("an https APP_URL makes the site secure and sets its origin", () => {
    const env = parseEnv({ APP_URL: "https://netzwerk.auental.example/" });
    expect(env.secure).toBe(true);
    expect(env.appOrigin).toBe("https://netzwerk.auental.example");
    expect(env.APP_URL).toBe("https://netzwerk.auental.example");
  });
});
