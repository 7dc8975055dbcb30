/**
 * The hash that server and client compare to spot a client whose view drifted: a Merkle hash
 * of a JSON tree, built from cyrb53 (fast, 53 bits; it spots drift, it guards nothing).
 *
 * - A leaf (null, a boolean, a number, a string) is hashed from a type tag and its content: a
 *   number by its 64 bits (−0 as 0, as JSON has it), a string by its length and UTF-16 units.
 * - A list: its items' hashes in order, then its length.
 * - A record: the sum, over its keys (those not holding `undefined`, as JSON drops them), of a
 *   hash of (key, value's hash), so key order does not matter (a client's patched copy may
 *   order keys differently) and no key list is built or sorted.
 *
 * Node hashes are numbers, so hashing a part allocates next to nothing (string hashes and
 * sorted key lists made hashing a large share of the server's garbage). The wire carries the
 * hash of a whole view as a base-36 string (`hashText`).
 */

const K1 = 2654435761;
const K2 = 1597334677;
/** What kind of thing comes next (a leaf's type, a list, a record, a record's entry, a list's end). */
const Tag = { Null: 1, False: 2, True: 3, Number: 4, String: 5, List: 6, Record: 7, Entry: 8, End: 9 } as const;
const TWO_32 = 4294967296;
/** A number's 64 bits, little-endian on every machine. */
const bits = new DataView(new ArrayBuffer(8));

/** A running cyrb53, fed 32-bit words; `value` reads the 53-bit hash and leaves the state as it was. */
export class Cyrb {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  reset(): this {
    this.h1 = 0xdeadbeef;
    this.h2 = 0x41c6ce57;
    return this;
  }

  word(w: number): this {
    this.h1 = Math.imul(this.h1 ^ w, K1);
    this.h2 = Math.imul(this.h2 ^ w, K2);
    return this;
  }

  text(s: string): this {
    let h1 = Math.imul(this.h1 ^ s.length, K1);
    let h2 = Math.imul(this.h2 ^ s.length, K2);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, K1);
      h2 = Math.imul(h2 ^ c, K2);
    }
    this.h1 = h1;
    this.h2 = h2;
    return this;
  }

  /** Feeds a node's hash (a 53-bit number). */
  hash(h: number): this {
    return this.word(h >>> 0).word((h / TWO_32) >>> 0);
  }

  /** Feeds a JSON leaf: null (or undefined, which a list's JSON holds as null), a boolean, a number, a string. */
  leaf(v: unknown): this {
    if (typeof v === "string") return this.word(Tag.String).text(v);
    if (typeof v === "number") {
      if (!Number.isFinite(v)) return this.word(Tag.Null); // JSON has NaN and ±Infinity as null
      bits.setFloat64(0, v === 0 ? 0 : v, true);
      return this.word(Tag.Number).word(bits.getUint32(0, true)).word(bits.getUint32(4, true));
    }
    if (v === true) return this.word(Tag.True);
    if (v === false) return this.word(Tag.False);
    return this.word(Tag.Null);
  }

  copy(): Cyrb {
    const c = new Cyrb();
    c.h1 = this.h1;
    c.h2 = this.h2;
    return c;
  }

  value(): number {
    const h1 = Math.imul(this.h1 ^ (this.h1 >>> 16), 2246822507) ^ Math.imul(this.h2 ^ (this.h2 >>> 13), 3266489909);
    const h2 = Math.imul(this.h2 ^ (this.h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (2097151 & h2) * TWO_32 + (h1 >>> 0);
  }
}

/** For leaves and record entries: used only between two calls that hash nothing else. */
const scratch = new Cyrb();

const isTree = (v: unknown): v is object => v !== null && typeof v === "object";

/** The hash states of the lists `treeHash` is inside of, one per depth (reused: hashing builds nothing). */
const openLists: Cyrb[] = [];
let depth = 0;

/** The hash of a JSON value. */
export function treeHash(value: unknown): number {
  if (!isTree(value)) return scratch.reset().leaf(value).value();
  if (!Array.isArray(value)) return recordHash(value as Record<string, unknown>, valueHash);
  // As listEnd(listState(value, listStart(), 0), value.length), with this depth's own state.
  const state = (openLists[depth] ??= new Cyrb()).reset().word(Tag.List);
  depth += 1;
  try {
    for (let i = 0; i < value.length; i++) state.hash(treeHash(value[i]));
  } finally {
    depth -= 1;
  }
  return state.word(Tag.End).word(value.length).value();
}

const valueHash = (o: Record<string, unknown>, key: string): number => treeHash(o[key]);

/** A list's hash state before its first item. */
export const listStart = (): Cyrb => new Cyrb().word(Tag.List);

/** `state` (changed in place) continued with `list[from…]`. */
export function listState(list: readonly unknown[], state: Cyrb, from: number): Cyrb {
  for (let i = from; i < list.length; i++) state.hash(treeHash(list[i]));
  return state;
}

/** The hash of a list whose items `state` holds (`state` is left as it was). */
export const listEnd = (state: Cyrb, length: number): number => state.copy().word(Tag.End).word(length).value();

const entryHash = (key: string, valueHash: number): number => scratch.reset().word(Tag.Entry).text(key).hash(valueHash).value();

const recordEnd = (count: number, lo: number, hi: number): number => scratch.reset().word(Tag.Record).word(count).word(lo).word(hi).value();

/** The hash of a record, given each key's value hash (the same as treeHash's for the same hashes). */
export function recordHash<R extends Record<string, unknown>>(o: R, hashOf: (o: R, key: string) => number): number {
  let count = 0;
  let lo = 0;
  let hi = 0;
  for (const k in o) {
    if (!Object.hasOwn(o, k) || o[k] === undefined) continue;
    const e = entryHash(k, hashOf(o, k));
    count += 1;
    lo = (lo + (e >>> 0)) >>> 0;
    hi = (hi + ((e / TWO_32) >>> 0)) >>> 0;
  }
  return recordEnd(count, lo, hi);
}

/** A hash as the wire carries it. */
export const hashText = (h: number): string => `#${h.toString(36)}`;
