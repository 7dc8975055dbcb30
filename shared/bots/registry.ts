import type { StanceId } from "../rules/vocabulary.ts";
import { makeBot } from "./bot.ts";
import { makeExpert } from "./expert.ts";
import type { SeatPolicy } from "./random.ts";

import type { Difficulty } from "./difficulty.ts";

export { DIFFICULTIES, type Difficulty } from "./difficulty.ts";

/**
 * The controller the server, the simulator and solo play use for a bot seat of this stance.
 * The bot plays its nation's current government: after a leadership change it takes on the new
 * stance (the `stance` given here is the fallback if the view's stance is not its nation's).
 */
export function botPolicy(stance: StanceId, difficulty: Difficulty = "normal"): SeatPolicy {
  return difficulty === "expert" ? makeExpert(stance) : makeBot(stance, difficulty);
}
