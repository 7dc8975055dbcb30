import { applyCommand, newGame } from "../rules/apply.ts";
import { deterrenceOf } from "../rules/deterrence.ts";
import type { GameEvent } from "../rules/events.ts";
import { ReplayError, type GameRecord, type RecordedCommand } from "../rules/record.ts";
import type { GameState } from "../rules/state.ts";
import { RULES_VERSION } from "../rules/version.ts";
import type { Phase } from "../rules/vocabulary.ts";
import { metersOf, type MeterSnapshot } from "./meters.ts";

/** One position of the replay: step 0 is the game as dealt, step n is after the n-th accepted command. */
export interface StepInfo {
  index: number;
  round: number;
  phase: Phase;
  /** The card of the round this step belongs to. */
  cardId: string | null;
  /** The command that led here (null at step 0). */
  command: RecordedCommand | null;
  /** What that command caused (at step 0: the dealing of round 1). */
  events: GameEvent[];
  meters: MeterSnapshot;
}

export interface StepperOptions {
  /** A full state is kept every this many steps; any other step is at most K−1 commands away. */
  checkpointEvery?: number;
}

/**
 * A stepper over a record: one pass through the shared engine keeps the events and meters of
 * every step plus a checkpoint state every K steps; `stateAt(n)` replays at most K−1 commands
 * from the nearest checkpoint (or from the last state asked for, when stepping forward).
 */
export class Stepper {
  readonly record: GameRecord;
  readonly steps: StepInfo[];
  readonly checkpointEvery: number;
  #checkpoints: GameState[] = [];
  #last: { index: number; state: GameState };

  constructor(record: GameRecord, options: StepperOptions = {}) {
    if (record.rulesVersion !== RULES_VERSION) {
      throw new ReplayError(`This record was played under ${record.rulesVersion}; this build runs ${RULES_VERSION}.`);
    }
    this.record = record;
    this.checkpointEvery = Math.max(1, Math.floor(options.checkpointEvery ?? 20));
    const start = newGame(record.seed, record.options, record.deck);
    let state = start.state;
    this.steps = [stepOf(0, state, null, start.events)];
    this.#checkpoints.push(state);
    record.commands.forEach((entry, i) => {
      const next = applyRecorded(state, entry);
      state = next.state;
      this.steps.push(stepOf(i + 1, state, entry, next.events));
      if ((i + 1) % this.checkpointEvery === 0) this.#checkpoints.push(state);
    });
    this.#last = { index: this.steps.length - 1, state };
  }

  /** The number of the last step (= the number of commands). */
  get last(): number {
    return this.steps.length - 1;
  }

  /** The exact engine state at step n (0 ≤ n ≤ last). */
  stateAt(n: number): GameState {
    if (!Number.isInteger(n) || n < 0 || n > this.last) throw new RangeError(`step ${n} is outside 0–${this.last}`);
    let from = this.#last;
    if (!(from.index <= n && n - from.index < this.checkpointEvery)) {
      const k = Math.floor(n / this.checkpointEvery);
      from = { index: k * this.checkpointEvery, state: this.#checkpoints[k]! };
    }
    let state = from.state;
    for (let i = from.index; i < n; i++) state = applyRecorded(state, this.record.commands[i]!).state;
    this.#last = { index: n, state };
    return state;
  }

  /** The steps at which a phase begins (for PgUp/PgDn), step 0 included. */
  phaseStarts(): number[] {
    const out = [0];
    for (let i = 1; i < this.steps.length; i++) {
      const a = this.steps[i - 1]!;
      const b = this.steps[i]!;
      if (a.phase !== b.phase || a.round !== b.round) out.push(i);
    }
    return out;
  }

  /** The first step of each round: roundStarts()[r] is where round r begins. */
  roundStarts(): Map<number, number> {
    const out = new Map<number, number>();
    for (const s of this.steps) if (!out.has(s.round)) out.set(s.round, s.index);
    return out;
  }

  /** Deterrence at step n, derived like the engine does. */
  deterrenceAt(n: number): number {
    return deterrenceOf(this.stateAt(n)).total;
  }
}

function stepOf(index: number, state: GameState, command: RecordedCommand | null, events: GameEvent[]): StepInfo {
  return { index, round: state.round, phase: state.phase, cardId: state.current.cardId, command, events, meters: metersOf(state) };
}

/** One recorded command through the engine; a refusal means the record does not replay. */
export function applyRecorded(state: GameState, entry: RecordedCommand): { state: GameState; events: GameEvent[] } {
  const result = applyCommand(state, { actor: entry.actor, at: entry.at, command: entry.command });
  if (!result.ok) {
    throw new ReplayError(`Command ${entry.seq} (${entry.command.type}) was refused on replay: ${result.error.code} ${result.error.message}`);
  }
  return { state: result.state, events: result.events };
}
