import { StudentNameSchema } from "../../shared/protocol/class-messages.ts";

/**
 * Student names in a class. A name is refused when it
 * - hides characters: format and control characters (zero-width spaces and joiners, the
 *   direction overrides and isolates U+202A–U+202E, U+2066–U+2069), private-use, line separators,
 *   or piles of combining marks;
 * - pretends to be a bot or the staff ("Hawkish bot", "robot", "🤖", "Instructor", "admin"…);
 * - is a classmate's name once case, spacing, accents and look-alike letters are folded away.
 */

export type NameCheck = { ok: true; name: string; key: string } | { ok: false; message: string };

const HIDDEN = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u180E]|\u034F/u;
const MARK_PILE = /\p{M}{3,}/u;
const PRETENDS = /\b(?:ro)?bots?\b|\bai\b|\b(?:instructor|teacher|professor|admin|administrator|moderator|system|server)\b|🤖/iu;
const LOOKALIKE: Record<string, string> = { "0": "o", "1": "l", i: "l", "3": "e", "5": "s", "@": "a", $: "s", "|": "l", "!": "l" };

/** The folded form two names are compared by. */
export function nameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}@$|!]/gu, "")
    .replace(/[013i5@$|!]/g, (c) => LOOKALIKE[c] ?? c);
}

export function checkStudentName(raw: unknown, classmates: Iterable<string>): NameCheck {
  const parsed = StudentNameSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Please type a name." };
  const name = parsed.data.normalize("NFC").replace(/\s+/gu, " ");
  if (HIDDEN.test(name)) return { ok: false, message: "Names cannot contain invisible or text-direction characters." };
  if (MARK_PILE.test(name)) return { ok: false, message: "Names cannot stack accent marks." };
  const spaced = name.normalize("NFKD").replace(/\p{M}/gu, "").replace(/[_.-]+/g, " ");
  if (PRETENDS.test(spaced) || PRETENDS.test(spaced.replace(/\s+/g, ""))) {
    return { ok: false, message: "Names cannot look like a bot's or the instructor's." };
  }
  const key = nameKey(name);
  if (key.length === 0) return { ok: false, message: "Names need at least one letter or digit." };
  for (const other of classmates) {
    if (other === key) return { ok: false, message: `Someone in this class already uses the name "${name}". Add an initial.` };
  }
  return { ok: true, name, key };
}
