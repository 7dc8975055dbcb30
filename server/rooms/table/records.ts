import type { TableSummary } from "../../../shared/protocol/messages.ts";
import { newRecord, type GameRecord } from "../../../shared/rules/record.ts";
import { NATIONS } from "../../../shared/rules/vocabulary.ts";
import type { Store } from "../../storage/store.ts";

/** The game record of a stored table, as GET /api/tables/:code/record returns it. */
export function recordFromStore(store: Store, code: string): GameRecord | null {
  const t = store.getTable(code);
  if (!t) return null;
  const record = newRecord(t.seed, t.options, t.deck);
  return { ...record, rulesVersion: t.rulesVersion, commands: store.commands(code) };
}

/**
 * The summary of a table that is not live in this process (ended, abandoned…), from its
 * summary row in SQLite (phase, round, stances are kept up to date by every commit): no replay.
 */
export function summaryFromStore(store: Store, code: string): TableSummary | null {
  const t = store.getSummaryRow(code);
  if (!t) return null;
  const seats = store.seats(code);
  return {
    code,
    phase: t.phase,
    round: t.round,
    rounds: t.rounds,
    ended: t.status !== "live",
    seats: NATIONS.map((nation) => {
      const s = seats.find((x) => x.nation === nation);
      return {
        nation,
        name: s?.name ?? "",
        occupied: !!s && (s.bot || s.tokenHash !== null),
        connected: false,
        bot: !!s?.bot,
        stance: t.stances[nation] ?? "",
      };
    }),
  };
}
