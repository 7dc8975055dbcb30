import { deterrenceOf, type DeterrenceBreakdown } from "../../../shared/rules/deterrence.ts";
import type { PlayerView } from "../../../shared/rules/view.ts";
import { NATIONS, PAIRS, meterKey, type Pair } from "../../../shared/rules/vocabulary.ts";

/**
 * Deterrence as the canvas shows it mid-playback: the engine's own formula (deterrence.ts) over
 * the meter values on screen, so the bar, the number and the header verdict never disagree.
 * When playback is done the shown values are the view's and this equals view.deterrence.
 */
export function shownDeterrence(view: Pick<PlayerView, "institutions" | "current">, shown: Readonly<Record<string, number>>): DeterrenceBreakdown {
  const trust = Object.fromEntries(PAIRS.map((p) => [p, shown[meterKey({ meter: "trust", pair: p })] ?? 0])) as Record<Pair, number>;
  return deterrenceOf({ trust, japanDefense: shown.japanDefense ?? 0, institutions: view.institutions, current: view.current });
}

/**
 * The meters as the canvas shows them while the last `hidden` changes are still waiting to be
 * played back: each change moves its bar from `from` to `to`, so undo the hidden ones.
 */
export function shownMeters(view: Pick<PlayerView, "changes" | "trust" | "support" | "threat" | "historyTension" | "japanDefense" | "burdenShared">, hidden: number): Record<string, number> {
  const values: Record<string, number> = {
    ...Object.fromEntries(PAIRS.map((p) => [meterKey({ meter: "trust", pair: p }), view.trust[p]])),
    ...Object.fromEntries(NATIONS.map((n) => [meterKey({ meter: "support", nation: n }), view.support[n]])),
    threat: view.threat,
    historyTension: view.historyTension,
    japanDefense: view.japanDefense,
    burdenShared: view.burdenShared,
  };
  for (let i = view.changes.length - 1; i >= view.changes.length - hidden && i >= 0; i--) values[meterKey(view.changes[i]!.meter)] = view.changes[i]!.from;
  return values;
}
