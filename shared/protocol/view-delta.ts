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

/** cyrb53 state after some text: a fast 53-bit string hash (not cryptographic: it spots drift, it guards nothing). */
type Cyrb = [h1: number, h2: number];
const CYRB_START: Cyrb = [0xdeadbeef, 0x41c6ce57];

function cyrbStep(state: Cyrb, text: string): Cyrb {
  let [h1, h2] = state;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  return [h1, h2];
}

function cyrbEnd([h1, h2]: Cyrb): string {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

const cyrb53 = (text: string): string => cyrbEnd(cyrbStep(CYRB_START, text));

/** What a hash cache remembers: each object's hash, and each array's cyrb53 state after its elements. */
interface HashMemo {
  hashes: WeakMap<object, string>;
  /** The state after `[` and the elements' hashes joined by `,` (without the closing `]`). */
  prefixes: WeakMap<unknown[], Cyrb>;
  /** A list made by appending to another: the one it grew from (until its own state is known). */
  grewFrom: WeakMap<unknown[], unknown[]>;
}

/** A Merkle hash of a JSON tree: each object or array hashes its keys (sorted) and its children's hashes. */
function treeHash(value: unknown, memo: HashMemo | null): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  const known = memo?.hashes.get(value);
  if (known !== undefined) return known;
  let h: string;
  if (Array.isArray(value)) h = `#${cyrbEnd(cyrbStep(arrayPrefix(value, memo), "]"))}`;
  else {
    const o = value as Record<string, unknown>;
    const text = `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${treeHash(o[k], memo)}`)
      .join(",")}}`;
    h = `#${cyrb53(text)}`;
  }
  memo?.hashes.set(value, h);
  return h;
}

/**
 * The hash state after `[` and the elements' hashes joined by `,`. A list made by `extend`
 * remembers the list it grew from, so its state continues that list's (computed when first
 * needed: a hash is asked for every few commands, not for every delta).
 */
function arrayPrefix(a: readonly unknown[], memo: HashMemo | null): Cyrb {
  const known = memo?.prefixes.get(a as unknown[]);
  if (known) return known;
  // `a` and the lists it grew from, newest first, back to one whose state is known (or the first).
  const chain: unknown[][] = [a as unknown[]];
  let state = cyrbStep(CYRB_START, "[");
  let from = 0;
  for (let list = chain[0]!; memo; ) {
    const parent = memo.grewFrom.get(list);
    if (!parent) break;
    const base = memo.prefixes.get(parent);
    if (base) {
      state = base;
      from = parent.length;
      break;
    }
    chain.push((list = parent));
  }
  for (let c = chain.length - 1; c >= 0; c--) {
    const list = chain[c]!;
    for (let i = from; i < list.length; i++) state = cyrbStep(state, (i > 0 ? "," : "") + treeHash(list[i], memo));
    from = list.length;
    memo?.prefixes.set(list, state);
    memo?.grewFrom.delete(list);
  }
  return state;
}

const dropped = (v: unknown) => v === undefined || typeof v === "function" || typeof v === "symbol";
const isTree = (v: unknown): v is object => v !== null && typeof v === "object";
const clone = <T>(v: T): T => (isTree(v) ? (JSON.parse(JSON.stringify(v)) as T) : v);
const pointer = (key: string) => `/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;

/** Every element of `before` is, by identity, the element at the same place in `after`. */
function appended(before: readonly unknown[], after: readonly unknown[]): boolean {
  if (after.length < before.length) return false;
  for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) return false;
  return true;
}

/**
 * `a` (from viewFor) has the JSON of `b` (what the last view held there), checked without
 * building anything: the same object, or the same keys holding the same values all the way
 * down. viewFor builds a few small parts afresh every time (the agendas, the deterrence
 * breakdown); an unchanged one is found here and keeps its wire form.
 */
function sameTree(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isTree(a) || !isTree(b)) return typeof a === "number" && typeof b === "number" && !Number.isFinite(a) && !Number.isFinite(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && (dropped(a[i]) || dropped(b[i]) || !sameTree(a[i], b[i]))) return false;
    return true;
  }
  if (Array.isArray(b) || typeof (a as { toJSON?: unknown }).toJSON === "function" || typeof (b as { toJSON?: unknown }).toJSON === "function") return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let na = 0;
  for (const k in ra) {
    if (!Object.hasOwn(ra, k) || dropped(ra[k])) continue;
    na += 1;
    if (!Object.hasOwn(rb, k) || dropped(rb[k]) || !sameTree(ra[k], rb[k])) return false;
  }
  let nb = 0;
  for (const k in rb) if (Object.hasOwn(rb, k) && !dropped(rb[k])) nb += 1;
  return na === nb;
}

/** Two different records that each have an `id` (two cards): the new one replaces the old at once. */
const otherRecord = (a: unknown, b: unknown): boolean =>
  isTree(a) && isTree(b) && !Array.isArray(a) && !Array.isArray(b) && "id" in a && "id" in b && (a as { id: unknown }).id !== (b as { id: unknown }).id;

/** A viewer's last view as `viewFor` returned it, and its wire form. */
export interface TrackedView {
  view: PlayerView;
  wire: PlayerView;
}

/**
 * The server's view codec: the wire form of a view (exactly `wireView`) and its hash, built
 * once per object of the game state. The engine shares unchanged parts between states, so an
 * unchanged message, meter change or card keeps its wire object: the next wire view is built
 * from what changed, the diff skips identical subtrees at once, and the hash reuses theirs.
 * Only for views of immutable states (the engine never changes a state it has returned).
 *
 * `advance` makes a viewer's next delta cost what changed, not the length of the game: a
 * top-level part of the view that `viewFor` returned unchanged (the same object) is skipped;
 * a list that only grew (chat, history, meter changes: the old items, by identity, at the
 * start) becomes `add` operations for its new items and extends its hash; any other changed
 * part is compared by fast-json-patch.
 */
export class WireCache {
  private wires = new WeakMap<object, unknown>();
  private memo: HashMemo = { hashes: new WeakMap(), prefixes: new WeakMap(), grewFrom: new WeakMap() };

  wire(view: PlayerView): PlayerView {
    return this.toWire(view) as PlayerView;
  }

  hash(wire: PlayerView): string {
    return treeHash(wire, this.memo);
  }

  /** The wire form of `view` and the RFC 6902 patch that turns `prev.wire` into it. */
  advance(prev: TrackedView, view: PlayerView): { next: TrackedView; ops: ViewPatch } {
    const ops: ViewPatch = [];
    const pv = prev.view as unknown as Record<string, unknown>;
    const pw = prev.wire as unknown as Record<string, unknown>;
    const wire: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(view)) {
      if (dropped(x)) continue;
      const before = pw[k];
      const had = Object.hasOwn(pw, k);
      if (had && sameTree(x, pv[k])) {
        wire[k] = before;
        continue;
      }
      const path = pointer(k);
      const old = pv[k];
      if (had && Array.isArray(x) && Array.isArray(old) && Array.isArray(before) && before.length === old.length && appended(old, x)) {
        wire[k] = this.extend(before, x.slice(old.length), path, ops);
        continue;
      }
      const w = this.toWire(x);
      wire[k] = w;
      if (!had) ops.push({ op: "add", path, value: clone(w) });
      else if (w === before) continue;
      else if (isTree(w) && isTree(before) && Array.isArray(w) === Array.isArray(before) && !otherRecord(w, before)) {
        const changed = jsonPatch.compare(before, w);
        // Equal content in a new object (viewFor builds some parts afresh): keep the old wire object and its hash.
        if (changed.length === 0) wire[k] = before;
        for (const op of changed) ops.push({ ...op, path: path + op.path });
      } else ops.push({ op: "replace", path, value: clone(w) });
    }
    for (const k of Object.keys(pw)) if (!Object.hasOwn(wire, k)) ops.push({ op: "remove", path: pointer(k) });
    return { next: { view, wire: wire as unknown as PlayerView }, ops };
  }

  /** `before` (a wire list) with the wire forms of `items` after it; their `add` operations go to `ops`. */
  private extend(before: unknown[], items: readonly unknown[], path: string, ops: ViewPatch): unknown[] {
    if (items.length === 0) return before;
    const added = items.map((x) => (dropped(x) ? null : this.toWire(x)));
    added.forEach((w, i) => ops.push({ op: "add", path: `${path}/${before.length + i}`, value: clone(w) }));
    const out = before.concat(added);
    this.memo.grewFrom.set(out, before);
    return out;
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
