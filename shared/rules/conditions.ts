import type { Condition } from "./effects.ts";
import type { GameState } from "./state.ts";
import type { MeterRef } from "./vocabulary.ts";

export function meterValue(state: Pick<GameState, "trust" | "support" | "threat" | "historyTension" | "japanDefense" | "burdenShared">, ref: MeterRef): number {
  switch (ref.meter) {
    case "trust":
      return state.trust[ref.pair];
    case "support":
      return state.support[ref.nation];
    default:
      return state[ref.meter];
  }
}

export function conditionHolds(state: GameState, condition: Condition): boolean {
  switch (condition.kind) {
    case "institutionInForce":
      return state.institutions[condition.institution]?.status === "in-force";
    case "institutionNotInForce":
      return state.institutions[condition.institution]?.status !== "in-force";
    case "firewall":
      return state.firewall === condition.state;
    case "meterAtLeast":
      return meterValue(state, condition.meter) >= condition.value;
    case "meterAtMost":
      return meterValue(state, condition.meter) <= condition.value;
    case "exportControls":
      return state.exportControls === condition.active;
    case "counterstrike":
      return state.counterstrike === condition.acquired;
    case "stance":
      return state.stances[condition.nation] === condition.stance;
  }
}
