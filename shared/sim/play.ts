import type { Card } from "../content/card-schema.ts";
import { applyCommand, newGame } from "../rules/apply.ts";
import { seat, SYSTEM, type Command, type CommandEnvelope } from "../rules/commands.ts";
import type { RuleViolation } from "../rules/errors.ts";
import { appendCommand, newRecord, type GameRecord } from "../rules/record.ts";
import { nextInt, seedToRng } from "../rules/rng.ts";
import type { GameOptionsInput } from "../rules/setup.ts";
import type { GameState } from "../rules/state.ts";
import { viewFor } from "../rules/view.ts";
import { NATIONS, type Nation, type StanceId } from "../rules/vocabulary.ts";
import type { SeatPolicy } from "../bots/random.ts";

export interface PlayOptions {
  seed: number | string;
  options: GameOptionsInput;
  deck: readonly Card[];
  policies: Record<Nation, SeatPolicy>;
  /** Commands a phase may take before its deadline is called, so every game ends. */
  maxCommandsPerPhase?: number;
  /** Hard stop: a game still running after this many commands is stuck. */
  maxCommands?: number;
  /** Keep the record (costs memory in big simulations). */
  keepRecord?: boolean;
  /** Called after every accepted command, seat or system (for statistics and tests). */
  onCommand?: (envelope: CommandEnvelope, state: GameState) => void;
  /** Called when a seat's policy chose a command the engine refused (a bug in that policy). */
  onRefused?: (nation: Nation, command: Command, error: RuleViolation) => void;
}

export interface PlayResult {
  state: GameState;
  record: GameRecord | null;
  commands: number;
  stuck: boolean;
  /** Phase deadlines the driver had to call because no seat acted. */
  timeouts: number;
  /** Seat commands the engine refused. */
  refused: number;
  /** The stances the game started with (drawn from the seed unless the options named them). */
  startStances: Record<Nation, StanceId>;
}

/**
 * Plays one whole game headlessly: seats take turns in a seeded order, each choosing through
 * its policy from its own view; a phase that runs too long times out like a real deadline.
 */
export function playGame(opts: PlayOptions): PlayResult {
  const perPhase = opts.maxCommandsPerPhase ?? 40;
  const maxCommands = opts.maxCommands ?? 5000;
  let { state } = newGame(opts.seed, opts.options, opts.deck);
  const startStances = { ...state.stances };
  let record = opts.keepRecord ? newRecord(opts.seed, opts.options, opts.deck) : null;
  let rng = seedToRng(`${opts.seed}:seats`);
  const seatRng: Record<Nation, number> = {
    seoul: seedToRng(`${opts.seed}:seoul`),
    tokyo: seedToRng(`${opts.seed}:tokyo`),
    washington: seedToRng(`${opts.seed}:washington`),
  };
  let commands = 0;
  let inPhase = 0;
  let phaseKey = `${state.round}:${state.phase}`;
  let clock = 0;

  let timeouts = 0;
  let refused = 0;
  const submit = (envelope: CommandEnvelope): boolean => {
    const result = applyCommand(state, envelope);
    if (!result.ok) {
      if (envelope.actor.kind === "seat") {
        refused += 1;
        opts.onRefused?.(envelope.actor.nation, envelope.command, result.error);
      }
      return false;
    }
    state = result.state;
    if (record) record = appendCommand(record, envelope);
    commands += 1;
    opts.onCommand?.(envelope, state);
    return true;
  };

  while (state.phase !== "ended") {
    if (commands >= maxCommands) return { state, record, commands, stuck: true, timeouts, refused, startStances };
    const key = `${state.round}:${state.phase}`;
    if (key !== phaseKey) {
      phaseKey = key;
      inPhase = 0;
    }
    clock += 1000;
    let acted = false;
    if (inPhase < perPhase) {
      const [start, next] = nextInt(rng, NATIONS.length);
      rng = next;
      for (let k = 0; k < NATIONS.length && !acted; k++) {
        const nation = NATIONS[(start + k) % NATIONS.length]!;
        const choice = opts.policies[nation](viewFor(state, { kind: "seat", nation }), nation, seatRng[nation]);
        seatRng[nation] = choice.rng;
        if (choice.command) acted = submit({ actor: seat(nation), at: clock, command: choice.command });
      }
    }
    if (!acted) {
      timeouts += 1;
      if (!submit({ actor: SYSTEM, at: clock, command: { type: "phaseTimeout", round: state.round, phase: state.phase } })) {
        return { state, record, commands, stuck: true, timeouts, refused, startStances };
      }
    }
    inPhase += 1;
  }
  return { state, record, commands, stuck: false, timeouts, refused, startStances };
}
