import { randomBytes } from "node:crypto";
import { botPolicy } from "../../shared/bots/registry.ts";
import type { Card } from "../../shared/content/card-schema.ts";
import { applyCommand, newGame } from "../../shared/rules/apply.ts";
import { seat, SYSTEM, type Actor, type Command } from "../../shared/rules/commands.ts";
import { finishingCommand } from "../../shared/rules/finish.ts";
import { seedToRng } from "../../shared/rules/rng.ts";
import type { GameState } from "../../shared/rules/state.ts";
import { RULES_VERSION } from "../../shared/rules/version.ts";
import { viewFor } from "../../shared/rules/view.ts";
import { NATIONS, type Nation } from "../../shared/rules/vocabulary.ts";
import { openStorage } from "../../server/storage/open.ts";
import { hashToken } from "../../server/storage/store.ts";
import { newTableCode } from "../../server/rooms/table/setup.ts";
import type { Seeded } from "./player.ts";

export interface PlayedGame {
  seed: number;
  first: GameState;
  commands: { actor: Actor; command: Command; state: GameState }[];
  /** Index into `commands` where each round (1-based) begins. */
  roundStarts: number[];
}

/** A whole game played by the stance bots through the engine, as a classroom table would leave it. */
export function playGame(seed: number, rounds: number, deck: readonly Card[]): PlayedGame {
  const first = newGame(seed, { rounds }, deck).state;
  let state = first;
  const commands: PlayedGame["commands"] = [];
  const roundStarts: number[] = [];
  const rng = Object.fromEntries(NATIONS.map((n) => [n, seedToRng(`${seed}:${n}`)])) as Record<Nation, number>;
  const counts = new Map<string, number>();
  for (let guard = 0; guard < 5000 && state.phase !== "ended"; guard++) {
    if (roundStarts.length < state.round) roundStarts.push(commands.length);
    let moved = false;
    for (const nation of NATIONS) {
      const key = `${state.round}:${state.phase}:${nation}`;
      const count = counts.get(key) ?? 0;
      let command: Command | null = finishingCommand(state, nation);
      if (count < 4 && command) {
        const choice = botPolicy(state.stances[nation])(viewFor(state, { kind: "seat", nation }), nation, rng[nation]);
        rng[nation] = choice.rng;
        command = choice.command ?? command;
      }
      if (!command) continue;
      counts.set(key, count + 1);
      let result = applyCommand(state, { actor: seat(nation), at: 0, command });
      if (!result.ok) {
        const finish = finishingCommand(state, nation);
        if (!finish) continue;
        command = finish;
        result = applyCommand(state, { actor: seat(nation), at: 0, command });
        if (!result.ok) continue;
      }
      state = result.state;
      commands.push({ actor: seat(nation), command, state });
      moved = true;
      break;
    }
    if (!moved) {
      const command: Command = { type: "phaseTimeout", round: state.round, phase: state.phase };
      const result = applyCommand(state, { actor: SYSTEM, at: 0, command });
      if (!result.ok) throw new Error(`the seeding game stalled: ${result.error.code}`);
      state = result.state;
      commands.push({ actor: SYSTEM, command, state });
    }
  }
  return { seed, first, commands, roundStarts };
}

/**
 * Stores `tables` started tables in DATA_DIR (or the PostgreSQL at `databaseUrl`), each a game of the bots stopped at the start of
 * a round from 1 to `rounds` (evenly spread, so late rounds with their long histories are as
 * common as early ones). The server restores them at start; the bench rejoins with the seat
 * tokens returned here.
 */
export async function seedTables(dataDir: string, tables: number, rounds: number, deck: readonly Card[], distinctGames = 8, databaseUrl: string | null = null): Promise<Seeded[]> {
  const games = Array.from({ length: distinctGames }, (_, i) => playGame(1000 + i, rounds, deck));
  const storage = openStorage({ dataDir, sqliteSync: "NORMAL", databaseUrl });
  const store = storage.tables;
  const seeded: Seeded[] = [];
  const clock = { deadline: null, paused: false, remainingMs: null };
  try {
    for (let i = 0; i < tables; i++) {
      const game = games[i % games.length]!;
      const round = 1 + (i % rounds);
      const upTo = game.roundStarts[round - 1] ?? game.commands.length - 1;
      let code = newTableCode();
      while (await store.hasTable(code)) code = newTableCode();
      const tokens = {} as Record<Nation, string>;
      const { first } = game;
      await store.createTable({ code, seed: game.seed, options: first.options, settings: { timers: null, botThinkMs: null }, deck, bots: {}, rulesVersion: RULES_VERSION, createdAt: Date.now(), phase: first.phase, round: first.round, stances: first.stances });
      for (const nation of NATIONS) {
        tokens[nation] = randomBytes(24).toString("base64url");
        await store.upsertSeat(code, { nation, name: `${nation} ${i}`, tokenHash: hashToken(tokens[nation]), bot: false });
      }
      await store.setStarted(code, Date.now());
      let previous = first;
      for (let c = 0; c < upTo; c++) {
        const { actor, command, state } = game.commands[c]!;
        const changed = state.phase !== previous.phase || state.round !== previous.round;
        await store.commit(code, { seq: c + 1, actor, at: 0, command, actionId: null }, { phaseChanged: changed, phase: state.phase, round: state.round, clock, ended: false });
        previous = state;
      }
      seeded.push({ code, tokens });
    }
  } finally {
    await storage.close();
  }
  return seeded;
}
