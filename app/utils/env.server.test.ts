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

  test("an https APP_URL makes the site secure and sets its origin", () => {
    const env = parseEnv({ APP_URL: "https://netzwerk.auental.example/" });
    expect(env.secure).toBe(true);
    expect(env.appOrigin).toBe("https://netzwerk.auental.example");
    expect(env.APP_URL).toBe("https://netzwerk.auental.example");
  });
});
