import type { StanceId } from "../rules/vocabulary.ts";
import { legalRandom, type SeatPolicy } from "./random.ts";

export const DIFFICULTIES = ["easy", "normal", "hard"] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** The controller the server, the simulator and solo play use for a bot seat of this stance. */
export function botPolicy(stance: StanceId, difficulty: Difficulty = "normal"): SeatPolicy {
  void stance;
  void difficulty;
  return legalRandom;
}
