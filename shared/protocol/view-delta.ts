import jsonPatch, { type Operation } from "fast-json-patch";
import type { PlayerView } from "../rules/view.ts";
import { hashText, treeHash } from "./view-hash.ts";

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
  return hashText(treeHash(wire));
}
