import type { Cause, GameEvent } from "./events.ts";
import { sameList } from "./lists.ts";
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
  /** The logs this draft has its own copy of (bits of LOG_BIT, see `appendTo`); until then it shares the state's. */
  appended: number;
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
    },
    events: quiet ? QUIET_EVENTS : [],
    quiet,
    appended: 0,
  };
}

/** The logs a command only appends to: the draft shares the state's own until its first entry. */
type Log = "messages" | "changes";
const LOG_BIT: Record<Log, number> = { messages: 1, changes: 2 };

/**
 * Appends to the chat or the meter-change log. The state's list is copied on a command's first
 * entry only: a command that writes neither (most do not) copies neither, and these are the
 * lists that grow with the game. Never for a quiet draft, which records neither.
 */
export function appendTo<K extends Log>(d: Draft, log: K, entry: GameState[K][number]): void {
  if (d.quiet) throw new Error(`a quiet draft records no ${log}`);
  const list = d.s[log] as GameState[K][number][];
  if (d.appended & LOG_BIT[log]) list.push(entry);
  else {
    d.appended |= LOG_BIT[log];
    (d.s[log] as GameState[K][number][]) = [...list, entry];
  }
}

function sameRecord(a: object, b: object): boolean {
  if (a === b) return true;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let n = 0;
  for (const k in ra) {
    if (!Object.hasOwn(ra, k)) continue;
    if (!Object.hasOwn(rb, k) || ra[k] !== rb[k]) return false;
    n += 1;
  }
  for (const k in rb) if (Object.hasOwn(rb, k)) n -= 1;
  return n === 0;
}

/**
 * The draft's state with the input state's own objects put back wherever the command left a
 * copy unchanged (compared one level deep, by identity). Unchanged parts stay shared from one
 * state to the next, so a view built from the new state holds the same objects as the last
 * one (a delta sees them unchanged at once), and the copies die young.
 */
export function settled(d: Draft, before: GameState): GameState {
  const s = d.s;
  const c = s.current;
  const b = before.current;
  if (sameList(c.responsesDue, b.responsesDue)) c.responsesDue = b.responsesDue;
  if (sameRecord(c.responses, b.responses)) c.responses = b.responses;
  if (sameList(c.ready, b.ready)) c.ready = b.ready;
  if (sameRecord(c.policies, b.policies)) c.policies = b.policies;
  if (sameList(c.leadershipChanges, b.leadershipChanges)) c.leadershipChanges = b.leadershipChanges;
  if (sameRecord(c, b)) s.current = b;
  if (sameRecord(s.trust, before.trust)) s.trust = before.trust;
  if (sameRecord(s.support, before.support)) s.support = before.support;
  if (sameRecord(s.institutions, before.institutions)) s.institutions = before.institutions;
  if (sameRecord(s.stances, before.stances)) s.stances = before.stances;
  if (sameRecord(s.agendas, before.agendas)) s.agendas = before.agendas;
  if (sameList(s.proposals, before.proposals)) s.proposals = before.proposals;
  return s;
}

/** Where a quiet draft's events go: nowhere. */
const QUIET_EVENTS: GameEvent[] = Object.defineProperty([] as GameEvent[], "push", { value: () => 0 });

/**
 * The cause a quiet draft passes along: causes only label what is recorded, and a quiet draft
 * records nothing, so it does not build their labels.
 */
export const QUIET_CAUSE: Cause = Object.freeze({ kind: "escalation", label: "" });
