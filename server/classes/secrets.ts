import { randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { CLASS_CODE_ALPHABET, CLASS_CODE_LENGTH } from "../../shared/protocol/class-messages.ts";
import { sameSecret } from "../rooms/table/seats.ts";
import { hashToken } from "../storage/store.ts";

/** Codes, tokens and their comparison for classes. Only hashes of tokens are ever stored. */

export function newClassCode(): string {
  let code = "";
  for (let i = 0; i < CLASS_CODE_LENGTH; i++) code += CLASS_CODE_ALPHABET[randomInt(CLASS_CODE_ALPHABET.length)];
  return code;
}

/** A class code free among stored classes and every live room (tables included). */
export async function uniqueClassCode(taken: (code: string) => boolean | Promise<boolean>): Promise<string | null> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const code = newClassCode();
    if (!(await taken(code))) return code;
  }
  return null;
}

/** 32 characters of randomness (192 bits): instructor tokens and student rejoin tokens. */
export const newSecret = () => randomBytes(24).toString("base64url");

/** SHA-256, hex: the same hash as seat tokens. */
export const hashSecret = hashToken;
export { sameSecret };

/** Constant-time comparison of a secret with a stored hash. */
export function matchesHash(secret: string, hash: string): boolean {
  const h = Buffer.from(hashSecret(secret), "hex");
  const stored = Buffer.from(hash, "hex");
  return stored.length === h.length && timingSafeEqual(h, stored);
}
