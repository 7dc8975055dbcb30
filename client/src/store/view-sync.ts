import type { DeltaMessage, ViewMessage } from "../../../shared/protocol/messages.ts";
import { applyViewPatch, viewHash } from "../../../shared/protocol/view-delta.ts";
import type { GameEvent } from "../../../shared/rules/events.ts";
import type { PlayerView } from "../../../shared/rules/view.ts";

/**
 * The client's copy of its view, kept in step with the server: a full "view" message replaces
 * it; a "delta" applies only on top of the seq it was computed from. Pure: the connection
 * decides what to do with the answer (store the view, or ask the server for a full one).
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

/** A full view always resets the copy (join, reconnect, refresh, or the answer to "resync"). */
export function isViewMessage(m: unknown): m is ViewMessage {
  const x = m as Partial<ViewMessage> | null;
  return !!x && typeof x === "object" && !!x.view && typeof x.view === "object" && typeof x.seq === "number";
}
