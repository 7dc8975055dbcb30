import type { TableSummary } from "../../../shared/protocol/messages.ts";
import { newRecord, type GameRecord } from "../../../shared/rules/record.ts";
import { NATIONS } from "../../../shared/rules/vocabulary.ts";
import type { Store } from "../../storage/store.ts";

/** The game record of a stored table, as GET /api/tables/:code/record returns it. */
export async function recordFromStore(store: Store, code: string): Promise<GameRecord | null> {
  const [t, commands] = await Promise.all([store.getTable(code), store.commands(code)]);
  if (!t) return null;
  const record = newRecord(t.seed, t.options, t.deck);
  return { ...record, rulesVersion: t.rulesVersion, commands };
}

/**
 * The summary of a table that is not live in this process (ended, abandoned…), from its
 * summary row in the store (phase, round, stances are kept up to date by every commit): no replay.
 */
export async function summaryFromStore(store: Store, code: string): Promise<TableSummary | null> {
  const [t, seats] = await Promise.all([store.getSummaryRow(code), store.seats(code)]);
  if (!t) return null;
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
