import type { DeterrenceBreakdown } from "../../../shared/rules/deterrence.ts";
import type { GameEvent } from "../../../shared/rules/events.ts";
import { deterrenceShift, describeEvent, ledgerOf, netOf, type DeterrenceShift, type LedgerLine, type NetLine, type Stage } from "../../../shared/rules/ledger.ts";
import type { PlayerView } from "../../../shared/rules/view.ts";

/**
 * What the ledger panels show, as data first (so a test can compare it with the engine), then
 * as DOM. Every figure comes from shared/rules/ledger.ts over view.changes.
 */
export interface LedgerModel {
  /** Lines already played back (the rest are still "Applying…"). */
  lines: LedgerLine[];
  pending: number;
  /** The round in brief, from every line of the round (never a different set). */
  net: NetLine[];
  deterrence: DeterrenceShift | null;
  others: string[];
}

/**
 * The round's ledger as the panels show it. `pending` = changes not yet played back (the last
 * `pending` entries of view.changes); `before` = deterrence as the stage began, when known.
 */
export function ledgerModel(
  view: Pick<PlayerView, "changes" | "round" | "deterrence">,
  o: { stage?: Stage; pending: number; before: DeterrenceBreakdown | null; events?: readonly GameEvent[] },
): LedgerModel {
  const all = ledgerOf(view.changes, view.round);
  const firstHidden = view.changes.length - o.pending;
  const scoped = o.stage ? all.filter((l) => l.stage === o.stage) : all;
  const lines = scoped.filter((l) => l.index < firstHidden);
  const pending = scoped.length - lines.length;
  return {
    lines,
    pending,
    net: netOf(all.filter((l) => l.index < firstHidden)),
    deterrence: o.before && pending === 0 ? deterrenceShift(o.before, view.deterrence) : null,
    others: pending === 0 ? (o.events ?? []).map(describeEvent).filter((s): s is string => !!s) : [],
  };
}

