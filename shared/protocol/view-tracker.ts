import jsonPatch from "fast-json-patch";
import { startsWith } from "../rules/lists.ts";
import type { PlayerView } from "../rules/view.ts";
import type { ViewPatch } from "./view-delta.ts";
import { hashText, listEnd, listStart, listState, recordHash, treeHash, type Cyrb } from "./view-hash.ts";

/**
 * The server's side of views as deltas: one viewer's last view, and how the next one differs,
 * at a cost that follows what changed rather than the length of the game.
 *
 * - The wire form (exactly `wireView`, what a client decodes) shares the game state's own
 *   objects wherever they are already plain JSON (nearly everywhere): nothing is copied, and
 *   no cache keyed by state objects is kept (a WeakMap per object of every table's state
 *   made the garbage collector's pauses long).
 * - Only the wire form is kept between commands, and `advanceView` brings it up to date in
 *   place: what `viewFor` built afresh for a command (the view itself, its filtered chat, the
 *   small parts it builds every time) dies young instead of surviving until the next command,
 *   which is what made the young generation's pauses long. A list that grew is held as the
 *   view has it (the state's own list, never changed), with no copy of the viewer's own; only
 *   a list whose new items are not plain JSON is copied once and grown in place.
 *   `snapshot` gives a copy to send as a full view.
 * - `advanceView` compares the new view with the wire form part by part (the top-level
 *   fields of `PlayerView`): a part `viewFor` returned unchanged (the same object, or the
 *   same JSON built afresh) is skipped; a list whose old items are all still at its start
 *   (chat, history, meter changes) becomes `add` operations for its new items; another
 *   record with a different `id` (the next card) is one `replace`; anything else is compared
 *   by fast-json-patch. The result is a standard RFC 6902 patch.
 * - `trackedHash` gives `viewHash` of the view, keeping each part's hash, and for a list the
 *   hash state after its items, so a grown list hashes only its new items.
 *
 * Views of immutable states only (the engine never changes a state it has returned).
 */
export interface TrackedView {
  /** The last view's wire form: the state's objects where they are plain JSON already; kept up to date in place. */
  wire: PlayerView;
  memo: HashMemo;
}

interface HashMemo {
  /** Hash of each top-level part, where `known` (entries are updated in place, not replaced: less garbage). */
  parts: Map<string, { hash: number; known: boolean }>;
  /** For a top-level list: the hash state after its first `length` items. */
  lists: Map<string, { state: Cyrb; length: number }>;
  /** For a top-level list hashed anew (it did not just grow): its items' hashes, by item. */
  items: Map<string, Map<object, number>>;
  /** Top-level lists that are this viewer's own copies (grown in place; never shared). */
  owned: Set<string>;
}

const dropped = (v: unknown) => v === undefined || typeof v === "function" || typeof v === "symbol";
const isTree = (v: unknown): v is object => v !== null && typeof v === "object";
const hasToJSON = (v: object) => typeof (v as { toJSON?: unknown }).toJSON === "function";
const pointer = (key: string) => `/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;

/** Already its own JSON form: no undefined, function or symbol values, no NaN or Infinity, no toJSON. */
function plain(v: unknown): boolean {
  if (!isTree(v)) return typeof v !== "number" || Number.isFinite(v);
  if (Array.isArray(v)) {
    for (const x of v) if (dropped(x) || !plain(x)) return false;
    return true;
  }
  if (hasToJSON(v)) return false;
  for (const k in v) if (Object.hasOwn(v, k) && (dropped((v as Record<string, unknown>)[k]) || !plain((v as Record<string, unknown>)[k]))) return false;
  return true;
}

/** The JSON form of a value (JSON.parse(JSON.stringify(v))), sharing every part that is already plain. */
export function toWire(v: unknown): unknown {
  if (!isTree(v)) return typeof v === "number" && !Number.isFinite(v) ? null : v;
  if (plain(v)) return v;
  if (Array.isArray(v)) return v.map((x) => (dropped(x) ? null : toWire(x)));
  if (hasToJSON(v)) return JSON.parse(JSON.stringify(v));
  const o: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (!dropped(x)) o[k] = toWire(x);
  return o;
}

/**
 * `a` (from viewFor) has the JSON of `b` (what the last view held there), checked without
 * building anything: the same object, or the same keys holding the same values all the way
 * down (viewFor builds a few small parts afresh every time: the agendas, the deterrence).
 */
function sameTree(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isTree(a) || !isTree(b)) return typeof a === "number" && typeof b === "number" && !Number.isFinite(a) && !Number.isFinite(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && (dropped(a[i]) || dropped(b[i]) || !sameTree(a[i], b[i]))) return false;
    return true;
  }
  if (Array.isArray(b) || hasToJSON(a) || hasToJSON(b)) return false;
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
const otherRecord = (a: object, b: object): boolean =>
  !Array.isArray(a) && !Array.isArray(b) && "id" in a && "id" in b && (a as { id: unknown }).id !== (b as { id: unknown }).id;

/** A view to follow from (a full view: on join, reconnect, resync). */
export function trackView(view: PlayerView): TrackedView {
  const wire = toWire(view) as PlayerView;
  // The top-level object is the tracker's own (it is brought up to date in place).
  return { wire: wire === view ? { ...view } : wire, memo: { parts: new Map(), lists: new Map(), items: new Map(), owned: new Set() } };
}

const forget = (parts: HashMemo["parts"], k: string): void => {
  const e = parts.get(k);
  if (e) e.known = false;
};

function remember(parts: HashMemo["parts"], k: string, hash: number): void {
  const e = parts.get(k);
  if (e) {
    e.hash = hash;
    e.known = true;
  } else parts.set(k, { hash, known: true });
}

/** A copy of the tracked wire form that later commands do not change (a full view to send). */
export function snapshot(t: TrackedView): PlayerView {
  const copy = { ...t.wire } as unknown as Record<string, unknown>;
  for (const k of t.memo.owned) copy[k] = (copy[k] as unknown[]).slice();
  return copy as unknown as PlayerView;
}

/**
 * Brings `t` up to the next view of the same viewer, in place, and returns the RFC 6902 patch
 * from its last wire form to the new one. The values in the patch are the wire's own objects
 * (states are never changed, and the message is encoded at once).
 */
export function advanceView(t: TrackedView, view: PlayerView): ViewPatch {
  const ops: ViewPatch = [];
  const wire = t.wire as unknown as Record<string, unknown>;
  const { parts, lists, owned } = t.memo;
  const vr = view as unknown as Record<string, unknown>;
  for (const k in vr) {
    if (!Object.hasOwn(vr, k)) continue;
    const x = vr[k];
    if (dropped(x)) continue;
    const had = Object.hasOwn(wire, k);
    const before = wire[k];
    if (had && sameTree(x, before)) continue;
    forget(parts, k);
    const path = pointer(k);
    if (had && Array.isArray(x) && Array.isArray(before) && startsWith(x, before)) {
      // The hash state of its first items stays valid: the list only grows.
      const first = ops.length;
      let plainItems = true;
      for (let i = before.length; i < x.length; i++) {
        const item = x[i];
        const w = dropped(item) ? null : toWire(item);
        if (w !== item) plainItems = false;
        ops.push({ op: "add", path: path + "/" + String(i), value: w });
      }
      if (plainItems) {
        // Its own JSON already (a state's list, or one viewFor built): never changed, so held as it is.
        wire[k] = x;
        owned.delete(k);
        continue;
      }
      let list = before;
      if (!owned.has(k)) {
        list = before.slice();
        owned.add(k);
        wire[k] = list;
      }
      for (let i = first; i < ops.length; i++) list.push((ops[i] as { value: unknown }).value);
      continue;
    }
    lists.delete(k);
    owned.delete(k);
    const w = toWire(x);
    wire[k] = w;
    if (!had) ops.push({ op: "add", path, value: w });
    else if (isTree(w) && isTree(before) && Array.isArray(w) === Array.isArray(before) && !otherRecord(w, before)) {
      for (const op of jsonPatch.compare(before, w)) ops.push({ ...op, path: path + op.path });
    } else if (w !== before) ops.push({ op: "replace", path, value: w });
  }
  for (const k in wire) {
    if (!Object.hasOwn(wire, k) || (Object.hasOwn(vr, k) && !dropped(vr[k]))) continue;
    delete wire[k];
    ops.push({ op: "remove", path: pointer(k) });
    forget(parts, k);
    lists.delete(k);
    owned.delete(k);
  }
  return ops;
}

/** The hash state of a whole list; items already hashed in its last version (the same objects) are not hashed again. */
function freshList(k: string, list: readonly unknown[], items: HashMemo["items"]): Cyrb {
  const before = items.get(k);
  const now = new Map<object, number>();
  const state = listStart();
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    let h = isTree(item) ? before?.get(item) : undefined;
    if (h === undefined) h = treeHash(item);
    if (isTree(item)) now.set(item, h);
    state.hash(h);
  }
  items.set(k, now);
  return state;
}

/** Part hashes one room's viewers share: the last value hashed for each part name, and its hash. */
export type SharedHashes = Map<string, { value: unknown; hash: number }>;

/**
 * viewHash of the tracked view: only the parts that changed since the last hash are hashed
 * again, and a part another viewer of the room just hashed (the same object) is not hashed twice.
 */
export function trackedHash(t: TrackedView, shared?: SharedHashes): string {
  const wire = t.wire as unknown as Record<string, unknown>;
  const { parts, lists } = t.memo;
  const partHash = (_: unknown, k: string): number => {
    const known = parts.get(k);
    if (known?.known) return known.hash;
    const v = wire[k];
    const other = shared?.get(k);
    if (other && other.value === v && isTree(v)) {
      remember(parts, k, other.hash);
      return other.hash;
    }
    let h: number;
    if (Array.isArray(v)) {
      const from = lists.get(k);
      const state = from && from.length <= v.length ? listState(v, from.state.copy(), from.length) : freshList(k, v, t.memo.items);
      lists.set(k, { state, length: v.length });
      h = listEnd(state, v.length);
    } else h = treeHash(v);
    remember(parts, k, h);
    // A list of the viewer's own is never another viewer's (and it changes in place).
    if (isTree(v) && !t.memo.owned.has(k) && shared) {
      if (other) {
        other.value = v;
        other.hash = h;
      } else shared.set(k, { value: v, hash: h });
    }
    return h;
  };
  return hashText(recordHash(wire, partHash));
}
