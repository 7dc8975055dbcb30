import { legalCommands } from "../rules/legal.ts";
import { nextFloat, nextInt } from "../rules/rng.ts";
import type { Command } from "../rules/commands.ts";
import type { PlayerView } from "../rules/view.ts";
import type { Nation } from "../rules/vocabulary.ts";

/** What any seat controller does: look at its view, pick a command (or nothing), deterministically from rng. */
export type SeatPolicy = (view: PlayerView, nation: Nation, rng: number) => { command: Command | null; rng: number };

const WEIGHTS: Record<Command["type"], number> = {
  respond: 1,
  tableProposal: 0.15,
  acceptProposal: 1.5,
  rejectProposal: 1,
  withdrawProposal: 0.1,
  say: 0,
  ready: 2,
  commitPolicy: 1,
  phaseTimeout: 0,
  pause: 0,
  resume: 0,
  extendPhase: 0,
  advancePhase: 0,
  injectCard: 0,
  broadcast: 0,
  endTable: 0,
};

/** The legal-random policy: a weighted random choice among legalCommands. */
export const legalRandom: SeatPolicy = (view, nation, rng) => {
  const options = legalCommands(view, nation);
  if (options.length === 0) return { command: null, rng };
  const byType = new Map<Command["type"], Command[]>();
  for (const c of options) byType.set(c.type, [...(byType.get(c.type) ?? []), c]);
  const types = [...byType.keys()];
  const total = types.reduce((s, t) => s + WEIGHTS[t], 0);
  const [f, next] = nextFloat(rng);
  let pick = f * total;
  let chosenType = types[types.length - 1]!;
  for (const t of types) {
    pick -= WEIGHTS[t];
    if (pick < 0) {
      chosenType = t;
      break;
    }
  }
  const group = byType.get(chosenType)!;
  const [i, after] = nextInt(next, group.length);
  return { command: group[i]!, rng: after };
};
