import { createHmac } from "node:crypto";

/**
 * A key for one purpose ("notifications/unsubscribe"), derived from the installation's APP_SECRET
 * (set by the start command from DATA_DIR/secrets.json unless given): links signed for one purpose
 * are worthless for another, and a key reveals nothing of the secret.
 */
export function signingKey(purpose: string): Buffer {
  const secret = process.env.APP_SECRET;
  if (!secret) throw new Error("APP_SECRET is not set (the start command sets it from DATA_DIR/secrets.json)");
  return createHmac("sha256", secret).update(`kurze-wege/${purpose}`).digest();
}
