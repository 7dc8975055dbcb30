import { describe, expect, it } from "vitest";
import { applyCommand, newGame } from "../../../shared/rules/apply.ts";
import type { Actor, Command } from "../../../shared/rules/commands.ts";
import type { GameState } from "../../../shared/rules/state.ts";
import type { Nation } from "../../../shared/rules/vocabulary.ts";
import { mixedDeck } from "../../../tests/support/cards.ts";
import { createLogger } from "../../log.ts";
import { BotDriver } from "./bot-driver.ts";

/** Two bot seats and a hand-run timer queue: the bots play an untimed game on their own. */
function harness(players: Nation[], opts: { paused?: () => boolean } = {}) {
  let game: GameState = newGame(5, { rounds: 2, stances: { tokyo: "mainstream", washington: "alliance-builder" } }, mixedDeck()).state;
  const queue: (() => void)[] = [];
  const played: { actor: Actor; command: Command }[] = [];
  const driver = new BotDriver({
    seed: 5,
    thinkMs: 0,
    difficulty: "normal",
    log: createLogger("silent"),
    game: () => game,
    running: () => game.phase !== "ended" && !(opts.paused?.() ?? false),
    plays: (n) => players.includes(n),
    execute: async (actor, command) => {
      const r = applyCommand(game, { actor, at: 0, command });
      if (!r.ok) return { ok: false, code: r.error.code, message: r.error.message };
      game = r.state;
      played.push({ actor, command });
      driver.schedule();
      return { ok: true };
    },
    later: (fn) => {
      queue.push(fn);
      return 0 as unknown as NodeJS.Timeout;
    },
    cancel: () => {},
  });
  /** Runs queued turns; a refused command's retry is armed once its reply settles. */
  const run = async (steps: number) => {
    for (let i = 0; i < steps; i++) {
      if (queue.length === 0) await new Promise((r) => setImmediate(r));
      if (queue.length === 0) return;
      queue.shift()!();
    }
  };
  return { driver, run, played, game: () => game, queue };
}

describe("bot driver", () => {
  it("bots play every seat given to them, through execute, until the game ends", async () => {
    const h = harness(["seoul", "tokyo", "washington"]);
    h.driver.schedule();
    await h.run(5000);
    expect(h.game().phase).toBe("ended");
    expect(new Set(h.played.map((p) => (p.actor.kind === "seat" ? p.actor.nation : "")))).toEqual(new Set(["seoul", "tokyo", "washington"]));
  });

  it("a seat a bot does not play gets no turn; nothing is scheduled while paused", async () => {
    let paused = true;
    const h = harness(["tokyo"], { paused: () => paused });
    h.driver.schedule();
    expect(h.queue.length).toBe(0);
    paused = false;
    h.driver.schedule();
    expect(h.driver.pending("tokyo")).toBe(true);
    expect(h.driver.pending("seoul")).toBe(false);
    await h.run(50);
    expect(h.played.every((p) => p.actor.kind === "seat" && p.actor.nation === "tokyo")).toBe(true);
    expect(h.played.length).toBeGreaterThan(0);
  });
});
