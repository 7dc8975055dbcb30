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
  return treeHash(wire, null);
}

/** cyrb53: a fast 53-bit string hash (not cryptographic: it spots drift, it guards nothing). */
function cyrb53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** A Merkle hash of a JSON tree: each object or array hashes its keys (sorted) and its children's hashes. */
function treeHash(value: unknown, cache: WeakMap<object, string> | null): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  const known = cache?.get(value);
  if (known !== undefined) return known;
  let text: string;
  if (Array.isArray(value)) text = `[${value.map((v) => treeHash(v, cache)).join(",")}]`;
  else {
    const o = value as Record<string, unknown>;
    text = `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${treeHash(o[k], cache)}`)
      .join(",")}}`;
  }
  const h = `#${cyrb53(text)}`;
  cache?.set(value, h);
  return h;
}

const dropped = (v: unknown) => v === undefined || typeof v === "function" || typeof v === "symbol";

/**
 * The server's view codec: the wire form of a view (exactly `wireView`) and its hash, built
 * once per object of the game state. The engine shares unchanged parts between states, so an
 * unchanged message, meter change or card keeps its wire object: the next wire view is built
 * from what changed, the diff skips identical subtrees at once, and the hash reuses theirs.
 * Only for views of immutable states (the engine never changes a state it has returned).
 */
export class WireCache {
  private wires = new WeakMap<object, unknown>();
  private hashes = new WeakMap<object, string>();

  wire(view: PlayerView): PlayerView {
    return this.toWire(view) as PlayerView;
  }

  hash(wire: PlayerView): string {
    return treeHash(wire, this.hashes);
  }

  private toWire(v: unknown): unknown {
    if (v === null || typeof v !== "object") return typeof v === "number" && !Number.isFinite(v) ? null : v;
    const hit = this.wires.get(v);
    if (hit !== undefined) return hit;
    let out: unknown;
    if (Array.isArray(v)) out = v.map((x) => (dropped(x) ? null : this.toWire(x)));
    else if (typeof (v as { toJSON?: unknown }).toJSON === "function") out = JSON.parse(JSON.stringify(v));
    else {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (!dropped(x)) o[k] = this.toWire(x);
      out = o;
    }
    this.wires.set(v, out);
    return out;
  }
}
