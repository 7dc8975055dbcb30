import type { Cause, GameEvent } from "./events.ts";
import type { GameState } from "./state.ts";

/**
 * A working copy for one command: the rules write into fresh copies of the small records
 * and arrays, so the state passed in is never touched and unchanged parts stay shared. The draw
 * pile and the round records are not copied: the rules replace them (a card drawn, a round
 * recorded) rather than change them in place.
 */
export interface Draft {
  s: GameState;
  events: GameEvent[];
  /**
   * A quiet draft (hypothetical play: bots thinking, playouts) keeps no record of what happened:
   * no events, no meter changes and no chat are written. The rules applied are the same.
   */
  quiet: boolean;
}

export function draftOf(state: GameState, quiet = false): Draft {
  return {
    s: {
      ...state,
      trust: { ...state.trust },
      support: { ...state.support },
      institutions: { ...state.institutions },
      stances: { ...state.stances },
      agendas: { ...state.agendas },
      current: {
        ...state.current,
        responsesDue: state.current.responsesDue.slice(),
        responses: { ...state.current.responses },
        ready: state.current.ready.slice(),
        policies: { ...state.current.policies },
        leadershipChanges: state.current.leadershipChanges.slice(),
      },
      proposals: state.proposals.slice(),
      messages: quiet ? state.messages : state.messages.slice(),
      changes: quiet ? state.changes : state.changes.slice(),
    },
    events: quiet ? QUIET_EVENTS : [],
    quiet,
  };
}

/** Where a quiet draft's events go: nowhere. */
const QUIET_EVENTS: GameEvent[] = Object.defineProperty([] as GameEvent[], "push", { value: () => 0 });

/**
 * The cause a quiet draft passes along: causes only label what is recorded, and a quiet draft
 * records nothing, so it does not build their labels.
 */
export const QUIET_CAUSE: Cause = Object.freeze({ kind: "escalation", label: "" });
