import { hash } from "ohash";
import { z } from "zod";
import { NationSchema, StanceIdSchema } from "../rules/effects.ts";
import type { GameRecord } from "../rules/record.ts";
import type { GameState } from "../rules/state.ts";
import { STANCES, type Nation, type StanceId } from "../rules/vocabulary.ts";

/** The fingerprint of a whole engine state: a fork starts from the state whose hash it names. */
export function stateHash(state: GameState): string {
  return hash(state);
}

/** POST /api/debrief/:code/fork: from which step, and who sits where ("human", or a bot's stance). */
export const ForkRequestSchema = z.strictObject({
  step: z.number().int().min(0),
  seats: z.partialRecord(NationSchema, z.union([z.literal("human"), StanceIdSchema])).default({}),
});
export type ForkRequest = z.infer<typeof ForkRequestSchema>;

export interface ForkAnswer {
  code: string;
  parent: { code: string; step: number };
  /** stateHash of the parent at that step and of the fork as it starts: equal by construction, checked. */
  parentHash: string;
  forkHash: string;
  humans: Nation[];
}

/** The fork's record: the parent's seed, options and deck, and its commands up to the step. */
export function forkRecord(parent: GameRecord, step: number): GameRecord {
  return { ...parent, commands: parent.commands.slice(0, step) };
}

/** Which seats a fork gives to bots: as asked, else as at the parent. Null with a reason if the request cannot be met. */
export function forkBots(
  request: ForkRequest["seats"],
  parentBots: Partial<Record<Nation, StanceId>>,
  nations: readonly Nation[],
): { bots: Partial<Record<Nation, StanceId>>; humans: Nation[] } | { error: string } {
  const bots: Partial<Record<Nation, StanceId>> = {};
  const humans: Nation[] = [];
  for (const n of nations) {
    const want = request[n] ?? parentBots[n] ?? "human";
    if (want === "human") humans.push(n);
    else if (!(STANCES[n] as readonly string[]).includes(want)) return { error: `${want} is not a stance of ${n}.` };
    else bots[n] = want;
  }
  if (humans.length === 0) return { error: "Leave at least one seat for a human player." };
  return { bots, humans };
}
