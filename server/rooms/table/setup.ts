import { randomInt } from "node:crypto";
import { matchMaker, ServerError } from "@colyseus/core";
import type { Card } from "../../../shared/content/card-schema.ts";
import { CreateTableOptionsSchema, TABLE_CODE_ALPHABET, TABLE_CODE_LENGTH } from "../../../shared/protocol/messages.ts";
import { newGame } from "../../../shared/rules/apply.ts";
import type { Actor } from "../../../shared/rules/commands.ts";
import { replay } from "../../../shared/rules/record.ts";
import { SetupError } from "../../../shared/rules/setup.ts";
import type { GameState } from "../../../shared/rules/state.ts";
import { RULES_VERSION } from "../../../shared/rules/version.ts";
import { NATION_NAMES, NATIONS, STANCE_NAMES, type Nation, type StanceId } from "../../../shared/rules/vocabulary.ts";
import type { StoredSeat, TableSettings } from "../../storage/store.ts";
import type { TableContext } from "../context.ts";
import { LIMITS } from "../limits.ts";
import type { ClockSnapshot } from "./phase-clock.ts";
import { recordFromStore } from "./records.ts";
import { zodMessage } from "./seats.ts";

/** Everything a table room starts from: a new table, or a stored one brought back. */
export interface TableSetup {
  code: string;
  seed: number | string;
  settings: TableSettings;
  bots: Partial<Record<Nation, StanceId>>;
  game: GameState;
  seq: number;
  started: boolean;
  /** The stored clock of a restored, started table. */
  clock: ClockSnapshot | null;
  seats: StoredSeat[];
  /** Recent action ids in the log, oldest first, so retries after a restart get their first answer. */
  actionIds: { actionId: string; actor: Actor }[];
}

export function newTableCode(): string {
  let code = "";
  for (let i = 0; i < TABLE_CODE_LENGTH; i++) code += TABLE_CODE_ALPHABET[randomInt(TABLE_CODE_ALPHABET.length)];
  return code;
}

/** A new table from client options: a free code, the engine's first state, stored. */
export async function createTable(ctx: TableContext, raw: unknown): Promise<TableSetup> {
  const parsed = CreateTableOptionsSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new ServerError(400, zodMessage(parsed.error));
  const o = parsed.data;
  const botSeats = NATIONS.filter((n) => o.bots[n] !== undefined);
  if (botSeats.length >= NATIONS.length) throw new ServerError(400, "Leave at least one seat for a human player.");
  if (o.nation && o.bots[o.nation] !== undefined) {
    const name = NATION_NAMES[o.nation];
    throw new ServerError(400, `You chose to play ${name}, but ${name} is also listed as a bot seat.`);
  }
  const { store, log } = ctx;
  let code = "";
  for (let attempt = 0; attempt < 100 && !code; attempt++) {
    const candidate = newTableCode();
    if (!matchMaker.getLocalRoomById(candidate) && !(await store.hasTable(candidate))) code = candidate;
  }
  if (!code) throw new ServerError(503, "Could not find a free table code; please try again.");

  const seed = o.seed ?? randomInt(0, 2 ** 31);
  let deck: readonly Card[];
  try {
    deck = ctx.deck();
  } catch (e) {
    log.error(`the deck could not be loaded: ${(e as Error).message}`);
    throw new ServerError(503, "The server's deck of event cards could not be loaded; tell your instructor.");
  }
  let game: GameState;
  try {
    game = newGame(seed, { rounds: o.rounds, deckOrder: o.deckOrder, stances: o.bots }, deck).state;
  } catch (e) {
    if (e instanceof SetupError) throw new ServerError(400, e.message);
    throw e;
  }
  const settings: TableSettings = { timers: o.timers, botThinkMs: o.botThinkMs ?? null, botDifficulty: o.botDifficulty };
  const seats: StoredSeat[] = botSeats.map((nation) => ({ nation, name: `${STANCE_NAMES[o.bots[nation]!]} bot`, tokenHash: null, bot: true }));
  try {
    await store.createTable({
      code,
      seed,
      options: game.options,
      settings,
      deck,
      bots: o.bots,
      rulesVersion: RULES_VERSION,
      createdAt: Date.now(),
      phase: game.phase,
      round: game.round,
      stances: game.stances,
    });
    for (const seat of seats) await store.upsertSeat(code, seat);
  } catch (e) {
    log.error(`table ${code} could not be stored: ${(e as Error).message}`);
    throw new ServerError(503, "The server could not save a new table; please try again.");
  }
  log.info(`table ${code} created (${o.rounds} rounds, ${o.timers ? "timed" : "untimed"}, bots: ${botSeats.join(", ") || "none"})`);
  return { code, seed, settings, bots: o.bots, game, seq: 0, started: false, clock: null, seats, actionIds: [] };
}

/** A stored, unfinished table: its log replayed through the engine (throws if it no longer replays). */
export async function restoreTable(ctx: TableContext, code: string): Promise<TableSetup> {
  const { store } = ctx;
  const t = await store.getTable(code);
  if (!t) throw new ServerError(404, `There is no stored table ${code}.`);
  if (t.status !== "live") throw new ServerError(409, `Table ${code} is ${t.status}; only unfinished tables are restored.`);
  if (t.rulesVersion !== RULES_VERSION) {
    throw new ServerError(409, `Table ${code} was played under ${t.rulesVersion}; this build runs ${RULES_VERSION}.`);
  }
  const [record, seats, actionIds] = await Promise.all([recordFromStore(store, code), store.seats(code), store.recentActionIds(code, LIMITS.rememberedActions * 4)]);
  const game = replay(record!);
  return {
    code,
    seed: t.seed,
    settings: t.settings,
    bots: t.bots,
    game,
    seq: record!.commands.length,
    started: t.startedAt !== null,
    clock: t.clock,
    seats,
    actionIds: actionIds.reverse(),
  };
}
