import type { DeltaMessage } from "../../../shared/protocol/messages.ts";
import { applyViewPatch, viewHash } from "../../../shared/protocol/view-delta.ts";
import type { GameEvent } from "../../../shared/rules/events.ts";
import type { PlayerView } from "../../../shared/rules/view.ts";
import { withView, type AppStore } from "./store.ts";

/**
 * The client's copy of its view, kept in step with the server: a full "view" message replaces
 * it (store.ts receiveView); a "delta" applies only on top of the seq it was computed from.
 * Loaded with the connection, not with the landing page (the patch and hash libraries stay out
 * of the first download).
 */
export interface SyncedView {
  view: PlayerView;
  seq: number;
}

export type DeltaOutcome =
  /** The delta applied (and matched its hash, when it carried one). */
  | { kind: "applied"; view: PlayerView; seq: number; events: GameEvent[] }
  /** Already seen (a delta at or below our seq): nothing to do. */
  | { kind: "stale" }
  /** Our copy cannot follow: ask for the full view. */
  | { kind: "resync"; reason: "no-view" | "gap" | "patch" | "hash"; detail: string };

export function applyDelta(current: SyncedView | null, delta: DeltaMessage): DeltaOutcome {
  if (!current) return { kind: "resync", reason: "no-view", detail: `delta ${delta.base}→${delta.seq} before any full view` };
  if (delta.seq <= current.seq) return { kind: "stale" };
  if (delta.base !== current.seq) return { kind: "resync", reason: "gap", detail: `holding seq ${current.seq}, delta is ${delta.base}→${delta.seq}` };
  let view: PlayerView;
  try {
    view = applyViewPatch(current.view, delta.ops);
  } catch (error) {
    return { kind: "resync", reason: "patch", detail: error instanceof Error ? error.message : String(error) };
  }
  if (delta.hash !== undefined && viewHash(view) !== delta.hash) {
    return { kind: "resync", reason: "hash", detail: `view after seq ${delta.seq} does not hash to the server's` };
  }
  return { kind: "applied", view, seq: delta.seq, events: delta.events ?? [] };
}

/**
 * Apply a "delta" message to the store. Returns "resync" when the copy cannot follow (a gap, a
 * patch that does not fit, a hash mismatch): the caller asks the server for the full view.
 * Deltas that arrive while that request is out are dropped; the full view answers for them.
 */
export function receiveDelta(store: AppStore, delta: DeltaMessage): "applied" | "ignored" | "resync" {
  const s = store.get();
  if (s.resyncing) return "ignored";
  const outcome = applyDelta(s.view ? { view: s.view, seq: s.seq } : null, delta);
  if (outcome.kind === "stale") return "ignored";
  if (outcome.kind === "resync") {
    store.set({ resyncing: true, sync: { ...s.sync, resyncs: s.sync.resyncs + 1 } });
    return "resync";
  }
  store.set({ ...withView(s, outcome.view, outcome.events), seq: outcome.seq, sync: { ...s.sync, deltas: s.sync.deltas + 1 } });
  return "applied";
}
