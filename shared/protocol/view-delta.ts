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

/** cyrb53 state after some text: a fast 53-bit string hash (not cryptographic: it spots drift, it guards nothing). */
export type Cyrb = [h1: number, h2: number];
export const CYRB_START: Cyrb = [0xdeadbeef, 0x41c6ce57];

export function cyrbStep(state: Cyrb, text: string): Cyrb {
  let [h1, h2] = state;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  return [h1, h2];
}

export function cyrbEnd([h1, h2]: Cyrb): string {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

const cyrb53 = (text: string): string => cyrbEnd(cyrbStep(CYRB_START, text));

/**
 * A Merkle hash of a JSON tree: a value hashes as its JSON; a list as `[` and its items'
 * hashes joined by `,` and `]`; a record as `{`, its keys (sorted) each with `:` and its
 * value's hash, joined by `,`, and `}` (view-tracker.ts builds the same hash piece by piece).
 */
export function treeHash(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `#${cyrbEnd(cyrbStep(listState(value, CYRB_LIST, 0), "]"))}`;
  const o = value as Record<string, unknown>;
  return recordHash(Object.keys(o).filter((k) => o[k] !== undefined), (k) => treeHash(o[k]));
}

/** The state after `[`, where a list's hash starts. */
export const CYRB_LIST: Cyrb = cyrbStep(CYRB_START, "[");

/** `state` continued with the hashes of `list[from…]` (each after a `,` but the first item's). */
export function listState(list: readonly unknown[], state: Cyrb, from: number): Cyrb {
  let st = state;
  for (let i = from; i < list.length; i++) st = cyrbStep(st, (i > 0 ? "," : "") + treeHash(list[i]));
  return st;
}

/** The hash of a record with these keys, given each one's value hash. */
export function recordHash(keys: string[], hashOf: (key: string) => string): string {
  return `#${cyrb53(`{${keys
    .sort()
    .map((k) => `${JSON.stringify(k)}:${hashOf(k)}`)
    .join(",")}}`)}`;
}
