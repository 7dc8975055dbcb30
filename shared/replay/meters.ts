import { deterrenceOf } from "../rules/deterrence.ts";
import type { GameState } from "../rules/state.ts";
import { NATION_NAMES, NATIONS, pairName, PAIRS } from "../rules/vocabulary.ts";

/** The meters a debrief charts. Keys follow shared/rules meterKey ("trust:seoul-tokyo", "support:tokyo", "threat"…). */
export const CHART_METERS = [
  ...PAIRS.map((p) => ({ key: `trust:${p}`, name: `${pairName(p)} trust`, group: "trust" as const })),
  ...NATIONS.map((n) => ({ key: `support:${n}`, name: `${NATION_NAMES[n]} support`, group: "support" as const })),
  { key: "threat", name: "Threat", group: "security" as const },
  { key: "deterrence", name: "Deterrence", group: "security" as const },
  { key: "historyTension", name: "History tension", group: "security" as const },
  { key: "crises", name: "Crisis markers", group: "security" as const },
];

/** Every meter a snapshot holds: the charted ones plus Japan's posture and burden shared. */
export const SNAPSHOT_KEYS = [...CHART_METERS.map((m) => m.key), "japanDefense", "burdenShared"];

export type MeterSnapshot = Record<string, number>;

/** Every charted meter of a state; deterrence derived by the engine's own rule. */
export function metersOf(state: GameState): MeterSnapshot {
  const out: MeterSnapshot = {};
  for (const p of PAIRS) out[`trust:${p}`] = state.trust[p];
  for (const n of NATIONS) out[`support:${n}`] = state.support[n];
  out.threat = state.threat;
  out.deterrence = deterrenceOf(state).total;
  out.historyTension = state.historyTension;
  out.crises = state.crises;
  out.japanDefense = state.japanDefense;
  out.burdenShared = state.burdenShared;
  return out;
}
