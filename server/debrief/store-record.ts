import { replay, type GameRecord } from "../../shared/rules/record.ts";
import type { Nation, StanceId } from "../../shared/rules/vocabulary.ts";
import { NATIONS } from "../../shared/rules/vocabulary.ts";
import type { StoredSeat, Store, TableSettings } from "../storage/store.ts";

export interface StoreRecordOptions {
  settings: TableSettings;
  /** Seats played by bots, with their stance; the others are left free for humans. */
  bots: Partial<Record<Nation, StanceId>>;
  /** Names for the free seats (none: a joining student names their seat). */
  names?: Partial<Record<Nation, string>>;
  /** Mark the table ended when the record has ended (the bench); a fork stays live. */
  endIfEnded: boolean;
  at: number;
}

/**
 * Writes a record into the store as a table of its own: setup, seats and every command, so
 * that the table room's restore (or the debrief API) rebuilds exactly that game. Used by
 * forks and by the replay bench.
 */
export async function storeRecordAsTable(store: Store, code: string, record: GameRecord, o: StoreRecordOptions): Promise<void> {
  const final = replay(record);
  await store.createTable({
    code,
    seed: record.seed,
    options: record.options,
    settings: o.settings,
    deck: record.deck,
    bots: o.bots,
    rulesVersion: record.rulesVersion,
    createdAt: o.at,
    phase: final.phase,
    round: final.round,
    stances: final.stances,
  });
  for (const nation of NATIONS) {
    const stance = o.bots[nation];
    const seat: StoredSeat = stance
      ? { nation, name: `${stance} bot`, tokenHash: null, bot: true }
      : { nation, name: o.names?.[nation] ?? "", tokenHash: null, bot: false };
    if (stance || o.names?.[nation]) await store.upsertSeat(code, seat);
  }
  const clock = { deadline: null, paused: false, remainingMs: null };
  for (const [i, c] of record.commands.entries()) {
    const last = i === record.commands.length - 1;
    const ended = last && o.endIfEnded && final.phase === "ended";
    await store.commit(code, { seq: c.seq, actor: c.actor, at: c.at, command: c.command, actionId: null }, { phaseChanged: last, phase: final.phase, round: final.round, clock, ended, stances: final.stances });
  }
  if (o.endIfEnded && final.phase === "ended") await store.setStatus(code, "ended", o.at);
}
