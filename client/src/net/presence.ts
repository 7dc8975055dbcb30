import type { SeatSummary } from "../../../shared/protocol/messages.ts";
import { NATIONS, type Nation } from "../../../shared/rules/vocabulary.ts";
import type { Presence } from "../store/store.ts";

/**
 * The room's schema state as the SDK decodes it (server/rooms/state.ts): presence only.
 * Read field by field from the decoded schema objects; nothing is parsed from JSON by hand.
 */
export interface DecodedSeat {
  nation: string;
  name: string;
  occupied: boolean;
  connected: boolean;
  bot: boolean;
  stance: string;
}

export interface DecodedTableState {
  code: string;
  deadline: number;
  started: boolean;
  paused?: boolean;
  seats: { get(key: string): DecodedSeat | undefined };
}

export function presenceOf(state: DecodedTableState, fallbackCode: string): Presence {
  const seats: SeatSummary[] = NATIONS.flatMap((nation: Nation) => {
    const s = state.seats.get(nation);
    return s ? [{ nation, name: s.name, occupied: s.occupied, connected: s.connected, bot: s.bot, stance: s.stance }] : [];
  });
  return { code: state.code || fallbackCode, deadline: state.deadline, started: state.started, paused: state.paused === true, seats };
}
