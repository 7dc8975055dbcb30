import jsonPatch from "fast-json-patch";
import type { PlayerView } from "../rules/view.ts";
import { Cyrb, listState, recordHash, treeHash, type ViewPatch } from "./view-delta.ts";

/**
 * The server's side of views as deltas: one viewer's last view, and how the next one differs,
 * at a cost that follows what changed rather than the length of the game.
 *
 * - The wire form (exactly `wireView`, what a client decodes) shares the game state's own
 *   objects wherever they are already plain JSON (nearly everywhere): nothing is copied, and
 *   no cache keyed by state objects is kept (a WeakMap per object of every table's state
 *   made the garbage collector's pauses long).
 * - `advanceView` compares the new view with the last one part by part (the top-level fields
 *   of `PlayerView`): a part `viewFor` returned unchanged (the same object, or the same JSON
 *   built afresh) is skipped; a list whose old items are all still at its start (chat,
 *   history, meter changes) becomes `add` operations for its new items; another record
 *   with a different `id` (the next card) is one `replace`; anything else is compared by
 *   fast-json-patch. The result is a standard RFC 6902 patch.
 * - `trackedHash` gives `viewHash` of the view, keeping each part's hash, and for a list the
 *   hash state after its items, so a grown list hashes only its new items.
 *
 * Views of immutable states only (the engine never changes a state it has returned).
 */
export interface TrackedView {
  /** The view as `viewFor` returned it. */
  view: PlayerView;
  /** Its wire form: the same objects where they are plain JSON already. */
  wire: PlayerView;
  memo: HashMemo;
}

interface HashMemo {
  /** Hash of each top-level part whose hash is known. */
  parts: Map<string, string>;
  /** For a top-level list: the hash state after its first `length` items. */
  lists: Map<string, { state: Cyrb; length: number }>;
  /** For a top-level list hashed anew (it did not just grow): its items' hashes, by item. */
  items: Map<string, Map<object, string>>;
}

const dropped = (v: unknown) => v === undefined || typeof v === "function" || typeof v === "symbol";
const isTree = (v: unknown): v is object => v !== null && typeof v === "object";
const hasToJSON = (v: object) => typeof (v as { toJSON?: unknown }).toJSON === "function";
const clone = <T>(v: T): T => (isTree(v) ? (JSON.parse(JSON.stringify(v)) as T) : v);
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

/** Every item of `before` is, by identity, the item at the same place in `after`. */
function grewFrom(before: readonly unknown[], after: readonly unknown[]): boolean {
  if (after.length < before.length) return false;
  for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) return false;
  return true;
}

/** Two different records that each have an `id` (two cards): the new one replaces the old at once. */
const otherRecord = (a: object, b: object): boolean =>
  !Array.isArray(a) && !Array.isArray(b) && "id" in a && "id" in b && (a as { id: unknown }).id !== (b as { id: unknown }).id;

/** A view to follow from (a full view: on join, reconnect, resync). */
export function trackView(view: PlayerView): TrackedView {
  return { view, wire: toWire(view) as PlayerView, memo: { parts: new Map(), lists: new Map(), items: new Map() } };
}

/**
 * The next view of the same viewer and the RFC 6902 patch from `prev.wire` to its wire form.
 * `prev` is used up: its hash memory moves to the result.
 */
export function advanceView(prev: TrackedView, view: PlayerView): { next: TrackedView; ops: ViewPatch } {
  const ops: ViewPatch = [];
  const pv = prev.view as unknown as Record<string, unknown>;
  const pw = prev.wire as unknown as Record<string, unknown>;
  const { parts, lists } = prev.memo;
  const wire: Record<string, unknown> = { ...pw }; // a copy keeps the object's shape: quick to fill and to encode
  const seen = new Set<string>();
  for (const k of Object.keys(view)) {
    const x = (view as unknown as Record<string, unknown>)[k];
    if (dropped(x)) continue;
    seen.add(k);
    const had = Object.hasOwn(pw, k);
    const before = pw[k];
    if (had && sameTree(x, pv[k])) continue;
    parts.delete(k);
    const path = pointer(k);
    const old = pv[k];
    if (had && Array.isArray(x) && Array.isArray(old) && Array.isArray(before) && before.length === old.length && grewFrom(old, x)) {
      const added = x.slice(old.length).map((item) => (dropped(item) ? null : toWire(item)));
      added.forEach((w, i) => ops.push({ op: "add", path: `${path}/${before.length + i}`, value: clone(w) }));
      // The state's own list when it is plain JSON (so other viewers share it, and its hash);
      // either way the hash state of its first items stays valid.
      wire[k] = before === old && added.every((w, i) => w === x[old.length + i]) ? x : before.concat(added);
      continue;
    }
    lists.delete(k);
    const w = toWire(x);
    wire[k] = w;
    if (!had) ops.push({ op: "add", path, value: clone(w) });
    else if (isTree(w) && isTree(before) && Array.isArray(w) === Array.isArray(before) && !otherRecord(w, before)) {
      for (const op of jsonPatch.compare(before, w)) ops.push({ ...op, path: path + op.path });
    } else if (w !== before) ops.push({ op: "replace", path, value: clone(w) });
  }
  for (const k of Object.keys(pw)) {
    if (seen.has(k)) continue;
    delete wire[k];
    ops.push({ op: "remove", path: pointer(k) });
    parts.delete(k);
    lists.delete(k);
  }
  return { next: { view, wire: wire as unknown as PlayerView, memo: prev.memo }, ops };
}

/** The hash state of a whole list; items already hashed in its last version (the same objects) are not hashed again. */
function freshList(k: string, list: readonly unknown[], items: HashMemo["items"]): Cyrb {
  const before = items.get(k);
  const now = new Map<object, string>();
  const state = new Cyrb().add("[");
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    let h = isTree(item) ? before?.get(item) : undefined;
    if (h === undefined) h = treeHash(item);
    if (isTree(item)) now.set(item, h);
    if (i > 0) state.add(",");
    state.add(h);
  }
  items.set(k, now);
  return state;
}

/** Part hashes one room's viewers share: the last value hashed for each part name, and its hash. */
export type SharedHashes = Map<string, { value: unknown; hash: string }>;

/**
 * viewHash of the tracked view: only the parts that changed since the last hash are hashed
 * again, and a part another viewer of the room just hashed (the same object) is not hashed twice.
 */
export function trackedHash(t: TrackedView, shared?: SharedHashes): string {
  const wire = t.wire as unknown as Record<string, unknown>;
  const { parts, lists } = t.memo;
  const partHash = (k: string): string => {
    const known = parts.get(k);
    if (known !== undefined) return known;
    const v = wire[k];
    const other = shared?.get(k);
    if (other && other.value === v && isTree(v)) {
      parts.set(k, other.hash);
      return other.hash;
    }
    let h: string;
    if (Array.isArray(v)) {
      const from = lists.get(k);
      const state = from && from.length <= v.length ? listState(v, from.state.copy(), from.length) : freshList(k, v, t.memo.items);
      lists.set(k, { state: state.copy(), length: v.length });
      h = `#${state.add("]").end()}`;
    } else h = treeHash(v);
    parts.set(k, h);
    if (isTree(v)) shared?.set(k, { value: v, hash: h });
    return h;
  };
  return recordHash(Object.keys(wire).filter((k) => wire[k] !== undefined), partHash);
}
