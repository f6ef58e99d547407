import { Lucia, TimeSpan } from "lucia";
import { db } from "#db/client";
import type { SessionTwoFactorState, UserRole } from "#db/schema";
import { getEnv } from "#app/utils/env.server";
import { HashedSessionAdapter } from "./adapter.server";

/** Sliding expiry: a session unused this long ends; use within it extends it. */
export const SESSION_IDLE_LIFETIME = new TimeSpan(30, "d");
/** Absolute lifetime: no session lives longer than this, however often it is used. */
export const SESSION_ABSOLUTE_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;

function createLucia() {
  const { secure } = getEnv();
  return new Lucia(new HashedSessionAdapter(db), {
    sessionExpiresIn: SESSION_IDLE_LIFETIME,
    sessionCookie: {
      // The __Host- prefix pins the cookie to this host and path, and needs Secure, hence https.
      name: secure ? "__Host-kw_session" : "kw_session",
      expires: true,
      attributes: { secure, sameSite: "lax", path: "/" },
    },
    getSessionAttributes: (attributes) => attributes,
    getUserAttributes: (attributes) => attributes,
  });
}

let instance: ReturnType<typeof createLucia> | undefined;

export function getLucia() {
  instance ??= createLucia();
  return instance;
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseUserAttributes: { email: string; displayName: string; role: UserRole; emailVerifiedAt: Date | null };
    DatabaseSessionAttributes: { absoluteExpiresAt: Date; twoFactor: SessionTwoFactorState | null };
  }
}
