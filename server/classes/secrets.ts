import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { CLASS_CODE_ALPHABET, CLASS_CODE_LENGTH } from "../../shared/protocol/class-messages.ts";

/** Codes, tokens and their comparison for classes. Only hashes of tokens are ever stored. */

export function newClassCode(): string {
  let code = "";
  for (let i = 0; i < CLASS_CODE_LENGTH; i++) code += CLASS_CODE_ALPHABET[randomInt(CLASS_CODE_ALPHABET.length)];
  return code;
}

/** A class code free among stored classes and every live room (tables included). */
export function uniqueClassCode(taken: (code: string) => boolean): string | null {
  for (let attempt = 0; attempt < 100; attempt++) {
    const code = newClassCode();
    if (!taken(code)) return code;
  }
  return null;
}

/** 32 characters of randomness (192 bits): instructor tokens and student rejoin tokens. */
export const newSecret = () => randomBytes(24).toString("base64url");

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Constant-time comparison of two secrets of any length. */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

/** Constant-time comparison of a secret with a stored hash. */
export function matchesHash(secret: string, hash: string): boolean {
  const h = Buffer.from(hashSecret(secret), "hex");
  const stored = Buffer.from(hash, "hex");
  return stored.length === h.length && timingSafeEqual(h, stored);
}
