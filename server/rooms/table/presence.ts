import type { TableSummary } from "../../../shared/protocol/messages.ts";
import type { GameState } from "../../../shared/rules/state.ts";
import { SeatPresence, type TableState } from "../state.ts";
import type { SeatBook } from "./seats.ts";

export interface PresenceFacts {
  code: string;
  game: GameState;
  seats: SeatBook;
  started: boolean;
  ended: boolean;
  deadline: number | null;
  paused: boolean;
}

/** Writes the schema state (presence only: no phase, no round, nothing secret). */
export function writePresence(st: TableState, f: PresenceFacts): void {
  st.code = f.code;
  st.deadline = f.deadline ?? 0;
  st.started = f.started;
  st.paused = f.paused;
  const summaries = f.seats.summaries(f.game.stances);
  for (const s of summaries) {
    let p = st.seats.get(s.nation);
    if (!p) {
      p = new SeatPresence();
      p.nation = s.nation;
      st.seats.set(s.nation, p);
    }
    p.name = s.name;
    p.occupied = s.occupied;
    p.connected = s.connected;
    p.bot = s.bot;
    p.stance = s.stance;
  }
}

/** The public summary of a live table (GET /api/tables/:code). */
export function liveSummary(f: PresenceFacts): TableSummary {
  return {
    code: f.code,
    phase: f.game.phase,
    round: f.game.round,
    rounds: f.game.options.rounds,
    ended: f.ended,
    seats: f.seats.summaries(f.game.stances),
  };
}
