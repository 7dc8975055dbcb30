import jsonPatch, { type Operation } from "fast-json-patch";
import type { PlayerView } from "../rules/view.ts";

/**
 * Views as deltas. After a client's first full view, the server sends only what changed for
 * that viewer, as an RFC 6902 JSON Patch computed from two outputs of viewFor (so secrecy
 * stays in viewFor alone). Appended chat, history and changes become `add` operations at new
 * indices: nothing already sent is sent again.
 *
 * Views are compared and hashed in their JSON form (what the wire carries), so a key that
 * holds `undefined` on the server and is absent on the client cannot cause a false mismatch.
 *
 * fast-json-patch is imported through its default export: Node loads its CommonJS build, which
 * has no named ESM exports, while Vite takes its ES module build, which has both.
 */
export type ViewPatch = Operation[];

/** The JSON form of a view: exactly what a client holds after decoding it. */
export function wireView(view: PlayerView): PlayerView {
  return JSON.parse(JSON.stringify(view)) as PlayerView;
}

/** The operations that turn `previous` into `next` (both in wire form). */
export function diffViews(previous: PlayerView, next: PlayerView): ViewPatch {
  return jsonPatch.compare(previous, next);
}

/** Applies a patch to a copy of the view; throws if an operation does not fit the view. */
export function applyViewPatch(view: PlayerView, patch: ViewPatch): PlayerView {
  return jsonPatch.applyPatch(view, patch, true, false).newDocument;
}

/** A stable hash of a view's content (key order does not matter), for spotting a client that drifted. */
export function viewHash(view: PlayerView): string {
  return wireHash(wireView(view));
}

/** viewHash of a view already in wire form (skips the JSON round trip). */
export function wireHash(wire: PlayerView): string {
  return treeHash(wire);
}

/**
 * A running cyrb53, a fast 53-bit string hash (not cryptographic: it spots drift, it guards
 * nothing), fed piece by piece; `end` reads the hash and leaves the state as it was.
 */
export class Cyrb {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  add(text: string): this {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
    return this;
  }

  copy(): Cyrb {
    const c = new Cyrb();
    c.h1 = this.h1;
    c.h2 = this.h2;
    return c;
  }

  end(): string {
    const h1 = Math.imul(this.h1 ^ (this.h1 >>> 16), 2246822507) ^ Math.imul(this.h2 ^ (this.h2 >>> 13), 3266489909);
    const h2 = Math.imul(this.h2 ^ (this.h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    // The 53 bits as two integers in base 36 (one big double's toString(36) is slow).
    return (2097151 & h2).toString(36) + (h1 >>> 0).toString(36).padStart(7, "0");
  }
}

/**
 * A Merkle hash of a JSON tree: a value hashes as its JSON; a list as cyrb53 of `[`, its items'
 * hashes joined by `,`, and `]`; a record as cyrb53 of `{`, its keys (sorted) each as JSON with
 * `:` and its value's hash, joined by `,`, and `}` (view-tracker.ts builds the same piece by piece).
 */
export function treeHash(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `#${listState(value, new Cyrb().add("["), 0).add("]").end()}`;
  const o = value as Record<string, unknown>;
  return recordHash(Object.keys(o).filter((k) => o[k] !== undefined), (k) => treeHash(o[k]));
}

/** `state` (changed in place) continued with the hashes of `list[from…]`, each after a `,` but the first item's. */
export function listState(list: readonly unknown[], state: Cyrb, from: number): Cyrb {
  for (let i = from; i < list.length; i++) {
    const h = treeHash(list[i]);
    if (i > 0) state.add(",");
    state.add(h);
  }
  return state;
}

/** The hash of a record with these keys, given each one's value hash. */
export function recordHash(keys: string[], hashOf: (key: string) => string): string {
  keys.sort();
  const hashes = keys.map(hashOf);
  const c = new Cyrb().add("{");
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) c.add(",");
    c.add(JSON.stringify(keys[i]));
    c.add(":");
    c.add(hashes[i]!);
  }
  return `#${c.add("}").end()}`;
}
