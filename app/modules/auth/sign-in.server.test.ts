import { vi } from "vitest";
import { db } from "#db/client";
import { users } from "#db/schema";
import { DEMO_PASSWORD, demoUsers, isDemoAddress } from "#app/modules/demo/demo-users.server";
import { isDatabaseEmpty, mayLoadDemo, seedDemoOnStart, shouldSeedDemo } from "#app/modules/demo/seed.server";
import { action as signInAction } from "#app/routes/anmelden";
import { parseEnv } from "#app/utils/env.server";
import { createTestUser, formRequest, run, TEST_PASSWORD, testContext, uniqueEmail } from "#test/factories";
import { createUser } from "./users.server";

const PUBLIC_SITE = "https://netzwerk.example";
const [DEMO_ADMIN, DEMO_COORDINATOR, DEMO_MEMBER] = demoUsers;

type SignInAction = typeof signInAction;

function signInWith(action: SignInAction, email: string, password: string, context = testContext(), redirectTo?: string) {
  return run(action, formRequest("/anmelden", { email, password, ...(redirectTo === undefined ? {} : { redirectTo }) }), context);
}

async function formErrors(response: Response): Promise<string[] | undefined> {
  const { result } = (await response.json()) as { result: { error: Record<string, string[]> } };
  return result.error[""];
}

// First, while this file's database is still empty: what `npm start` decides there.
describe("the demo network is loaded only on localhost", () => {
  test("starting on an empty database with APP_URL=https://netzwerk.example loads no demo accounts", async () => {
    expect(await isDatabaseEmpty(db)).toBe(true);
    const lines: string[] = [];
    expect(await seedDemoOnStart(db, parseEnv({ APP_URL: PUBLIC_SITE }), (line) => lines.push(line))).toBe(false);
    expect(await db.select().from(users)).toEqual([]);
    expect(lines).toEqual(["The database is empty; the demo network is not loaded (APP_URL is not localhost: SEED_DEMO=true would load it)."]);
  });

  test("the start loads it into an empty database on localhost, or anywhere with SEED_DEMO=true", () => {
    expect(shouldSeedDemo(parseEnv({}), true)).toBe(true);
    expect(shouldSeedDemo(parseEnv({ APP_URL: "http://127.0.0.1:3000" }), true)).toBe(true);
    expect(shouldSeedDemo(parseEnv({ APP_URL: "http://localhost:3000" }), false)).toBe(false);
    expect(shouldSeedDemo(parseEnv({ APP_URL: PUBLIC_SITE }), true)).toBe(false);
    expect(shouldSeedDemo(parseEnv({ APP_URL: PUBLIC_SITE, SEED_DEMO: "true" }), true)).toBe(true);
    expect(shouldSeedDemo(parseEnv({ APP_URL: PUBLIC_SITE, SEED_DEMO: "true" }), false)).toBe(false);
    expect(shouldSeedDemo(parseEnv({ APP_URL: "http://localhost:3000", SEED_DEMO: "false" }), true)).toBe(false);
  });

  test("npm run db:seed loads it on localhost, elsewhere only with SEED_DEMO=true", () => {
    expect(mayLoadDemo(parseEnv({}))).toBe(true);
    expect(mayLoadDemo(parseEnv({ SEED_DEMO: "false" }))).toBe(true);
    expect(mayLoadDemo(parseEnv({ APP_URL: PUBLIC_SITE }))).toBe(false);
    expect(mayLoadDemo(parseEnv({ APP_URL: PUBLIC_SITE, SEED_DEMO: "true" }))).toBe(true);
  });
});

describe("signing in leads to a path on this site", () => {
  test("a redirectTo that the URL parser turns into another host lands on /", async () => {
    const user = await createTestUser();
    const response = await signInWith(signInAction, user.email, TEST_PASSWORD, testContext(), "/.//evil.example");
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/");
  });

  test("other foreign targets land on / too, and a path on this site is kept", async () => {
    const user = await createTestUser();
    for (const [redirectTo, location] of [
      ["//evil.example", "/"],
      ["/\\evil.example", "/"],
      ["/%2F%2Fevil.example", "/"],
      ["https://evil.example", "/"],
      ["javascript:alert(1)", "/"],
      ["/\t/evil.example", "/"],
      ["", "/"],
      ["/open-mic/3?x=1#a", "/open-mic/3?x=1#a"],
    ] as const) {
      const response = await signInWith(signInAction, user.email, TEST_PASSWORD, testContext(), redirectTo);
      expect(response.status, redirectTo).toBe(303);
      expect(response.headers.get("Location"), redirectTo).toBe(location);
    }
  });
});

describe("demo accounts", () => {
  beforeAll(async () => {
    for (const user of [DEMO_ADMIN!, DEMO_COORDINATOR!, DEMO_MEMBER!]) await createUser(db, { ...user, password: DEMO_PASSWORD, emailVerified: true, locale: "de" });
  });

  test("are marked by their address at the demo district's domain, and only they are", () => {
    for (const user of demoUsers) expect(isDemoAddress(user.email), user.email).toBe(true);
    expect(isDemoAddress(" Admin@Auental.Example ")).toBe(true);
    for (const email of [uniqueEmail(), "admin@vhs-auental.example", "admin@auental.example.org", "auental.example@netzwerk.example", "admin@netzwerk.example"]) {
      expect(isDemoAddress(email), email).toBe(false);
    }
  });

  test("sign in on localhost", async () => {
    const response = await signInWith(signInAction, DEMO_ADMIN!.email, DEMO_PASSWORD);
    expect(response.status).toBe(303);
    expect(response.headers.getSetCookie().some((header) => header.startsWith("kw_session="))).toBe(true);
  });

  describe(`on an installation at ${PUBLIC_SITE}`, () => {
    let signInThere: SignInAction;
    const savedAppUrl = process.env.APP_URL;

    // The configuration is read once per process: a fresh module graph reads APP_URL anew.
    beforeAll(async () => {
      vi.resetModules();
      process.env.APP_URL = PUBLIC_SITE;
      ({ action: signInThere } = await import("#app/routes/anmelden"));
    });

    afterAll(() => {
      process.env.APP_URL = savedAppUrl;
      vi.resetModules();
    });

    test("every demo role is refused with the answer a wrong password gets, and no session", async () => {
      const wrongPassword = await signInWith(signInThere, (await createTestUser()).email, "falsches Passwort");
      expect(wrongPassword.status).toBe(400);
      const wrongAnswer = await formErrors(wrongPassword);
      expect(wrongAnswer).toEqual(["validation.wrongCredentials"]);
      for (const user of [DEMO_ADMIN!, DEMO_COORDINATOR!, DEMO_MEMBER!]) {
        const response = await signInWith(signInThere, user.email, DEMO_PASSWORD);
        expect(response.status, user.role).toBe(400);
        expect(await formErrors(response), user.role).toEqual(wrongAnswer);
        expect(response.headers.getSetCookie(), user.role).toEqual([]);
      }
      // Written differently, it is still the same account.
      const shouted = await signInWith(signInThere, ` ${DEMO_ADMIN!.email.toUpperCase()} `, DEMO_PASSWORD);
      expect(shouted.status).toBe(400);
      expect(await formErrors(shouted)).toEqual(wrongAnswer);
    });

    test("members, coordinators and admins with their own accounts still sign in", async () => {
      for (const role of ["member", "coordinator", "admin"] as const) {
        const user = await createTestUser({ role });
        const response = await signInWith(signInThere, user.email, TEST_PASSWORD);
        expect(response.status, role).toBe(303);
        expect(
          response.headers.getSetCookie().some((header) => header.startsWith("__Host-kw_session=")),
          role,
        ).toBe(true);
      }
    });

    test("a refused demo sign-in takes as long as a wrong password: the password is checked all the same", async () => {
      const someone = await createTestUser();
      const timed = async (attempt: () => Promise<Response>) => {
        const started = performance.now();
        expect((await attempt()).status).toBe(400);
        return performance.now() - started;
      };
      // Interleaved, and the fastest of five each: the machine's load slows either, never speeds one up.
      const wrong: number[] = [];
      const refused: number[] = [];
      for (let round = 0; round < 5; round++) {
        wrong.push(await timed(() => signInWith(signInThere, someone.email, "falsches Passwort")));
        refused.push(await timed(() => signInWith(signInThere, DEMO_ADMIN!.email, DEMO_PASSWORD)));
      }
      // One argon2id verification dominates both; without it a refusal would take a small fraction of the time.
      expect(Math.min(...refused)).toBeGreaterThan(Math.min(...wrong) / 2);
    });

    test("refused attempts count against the sign-in throttle like wrong passwords", async () => {
      const context = testContext("192.0.2.77");
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 6; attempt++) statuses.push((await signInWith(signInThere, DEMO_MEMBER!.email, DEMO_PASSWORD, context)).status);
      expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    });
  });
});
