import { botPolicy } from "../../../shared/bots/registry.ts";
import type { Difficulty } from "../../../shared/bots/difficulty.ts";
import type { CommandReply } from "../../../shared/protocol/messages.ts";
import { seat as seatActor, type Actor, type Command } from "../../../shared/rules/commands.ts";
import { finishingCommand } from "../../../shared/rules/finish.ts";
import { seedToRng } from "../../../shared/rules/rng.ts";
import type { GameState } from "../../../shared/rules/state.ts";
import { viewFor } from "../../../shared/rules/view.ts";
import { NATION_NAMES, NATIONS, type Nation } from "../../../shared/rules/vocabulary.ts";
import type { Logger } from "../../log.ts";
import { LIMITS } from "../limits.ts";

interface BotSeat {
  rng: number;
  phase: string;
  count: number;
  timer: NodeJS.Timeout | null;
}

export interface BotDriverOptions {
  seed: number | string;
  thinkMs: number;
  difficulty: Difficulty;
  log: Logger;
  game: () => GameState;
  /** Bots may act now (the game runs, is not over, is not paused). */
  running: () => boolean;
  /** A bot plays this seat now (a bot seat, or a human's seat taken over). */
  plays: (nation: Nation) => boolean;
  execute: (actor: Actor, command: Command) => Promise<CommandReply>;
  later: (fn: () => void, ms: number) => NodeJS.Timeout;
  cancel: (handle: NodeJS.Timeout | null) => void;
}

/**
 * The bots of one table. After every accepted command each bot-played seat gets one turn
 * `thinkMs` later: `botPolicy(stance, difficulty)` on that seat's `viewFor`, with an rng seeded
 * from the table seed and the nation, through the same command path as a human. A bot that
 * has made `LIMITS.botCommandsPerPhase` commands in a phase (or whose policy throws) plays the
 * shared `finishingCommand`, so an untimed game always ends.
 */
export class BotDriver {
  private readonly o: BotDriverOptions;
  private readonly bots: Record<Nation, BotSeat>;

  constructor(o: BotDriverOptions) {
    this.o = o;
    this.bots = {} as Record<Nation, BotSeat>;
    for (const nation of NATIONS) this.bots[nation] = { rng: seedToRng(`${o.seed}:${nation}`), phase: "", count: 0, timer: null };
  }

  /** Gives every bot-played seat a turn after its think time (one pending turn per seat). */
  schedule(): void {
    if (!this.o.running()) return;
    for (const nation of NATIONS) {
      if (this.o.plays(nation) && !this.bots[nation].timer) this.arm(nation);
    }
  }

  /** Drops a seat's pending turn (its human is back). */
  cancel(nation: Nation): void {
    const bot = this.bots[nation];
    this.o.cancel(bot.timer);
    bot.timer = null;
  }

  cancelAll(): void {
    for (const nation of NATIONS) this.cancel(nation);
  }

  /** A seat has a turn pending (for tests). */
  pending(nation: Nation): boolean {
    return this.bots[nation].timer !== null;
  }

  private arm(nation: Nation): void {
    const bot = this.bots[nation];
    bot.timer = this.o.later(() => {
      bot.timer = null;
      this.turn(nation);
    }, this.o.thinkMs);
  }

  /** One turn of the bot at `nation` (public for tests). */
  turn(nation: Nation): void {
    if (!this.o.plays(nation) || !this.o.running()) return;
    const bot = this.bots[nation];
    const game = this.o.game();
    const key = `${game.round}:${game.phase}`;
    if (bot.phase !== key) {
      bot.phase = key;
      bot.count = 0;
    }
    const view = viewFor(game, { kind: "seat", nation });
    let command: Command | null = null;
    if (bot.count < LIMITS.botCommandsPerPhase) {
      try {
        const choice = botPolicy(game.stances[nation], this.o.difficulty)(view, nation, bot.rng);
        bot.rng = choice.rng;
        command = choice.command;
      } catch (e) {
        this.o.log.error(`the ${NATION_NAMES[nation]} bot failed (it will finish the phase instead): ${(e as Error).stack ?? e}`);
        bot.count = LIMITS.botCommandsPerPhase;
      }
    }
    if (bot.count >= LIMITS.botCommandsPerPhase) command = finishingCommand(view, nation);
    if (!command) return;
    bot.count += 1;
    void this.o.execute(seatActor(nation), command).then((reply) => {
      if (reply.ok) return;
      this.o.log.debug(`the ${NATION_NAMES[nation]} bot's ${command.type} was refused: ${reply.code}`);
      // Try again (bounded: after the cap only the finishing command is tried, once more).
      if (bot.count <= LIMITS.botCommandsPerPhase && !bot.timer) this.arm(nation);
    });
  }
}
