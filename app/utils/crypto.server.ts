import { createHash } from "node:crypto";

/** Hex SHA-256 of a secret (session ids, mailed tokens): what is stored instead of the secret. */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
