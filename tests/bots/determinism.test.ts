import { describe, expect, test } from "vitest";
import { clearBotCaches } from "../../shared/bots/bot.ts";
import { botPolicy } from "../../shared/bots/registry.ts";
import { loadBuiltInDeck } from "../../server/content/fs-load.ts";
import { newGame } from "../../shared/rules/apply.ts";
import { AgendaIdSchema, ProposalIdSchema } from "../../shared/rules/ids.ts";
import { serializeRecord } from "../../shared/rules/record.ts";
import { viewFor } from "../../shared/rules/view.ts";
import type { Nation } from "../../shared/rules/vocabulary.ts";
import { playGame } from "../../shared/sim/play.ts";
import type { GameState, MeterChange } from "../../shared/rules/state.ts";
import { table } from "../support/scenario.ts";
import { ask, DIFFICULTIES, type Difficulty } from "./support.ts";

const deck = loadBuiltInDeck();

function game(seed: string, difficulty: Difficulty) {
  return playGame({
    seed,
    options: { rounds: 8 },
    deck,
    keepRecord: true,
    policies: {
      seoul: botPolicy("progressive", difficulty),
      tokyo: botPolicy("hawkish", difficulty),
      washington: botPolicy("alliance-builder", difficulty),
    },
  });
}

describe("bots are deterministic for a seed", () => {
  test.each(DIFFICULTIES)("the same seed gives byte-identical records (%s)", (difficulty) => {
    for (const seed of ["det-1", "det-2", "det-3"]) {
      const a = serializeRecord(game(seed, difficulty).record!);
      const b = serializeRecord(game(seed, difficulty).record!);
      expect(b).toBe(a);
      expect(a.length).toBeGreaterThan(1000);
    }
  });

  test("a game does not depend on the games played before it in the same process (the caches are invisible)", () => {
    for (const difficulty of DIFFICULTIES) {
      clearBotCaches();
      const alone = serializeRecord(game("fresh-7", difficulty).record!);
      // Fill the caches with other games, some of them with the same stances and similar tables.
      for (let i = 0; i < 25; i++) game(`other-${i}`, difficulty);
      expect(serializeRecord(game("fresh-7", difficulty).record!)).toBe(alone);
    }
  });

  test("a seat's record of broken pledges changes the answer, and a cached valuation never hides it", () => {
    // Tokyo offers an apology in exchange for nothing: worth taking from a government that keeps its
    // word, not from one that has broken four promises this game. Same meters, different record.
    // (Seoul–Tokyo trust 40: the apology's trust gain moves deterrence by no point, so the answer turns on the record.)
    const t = table().withOptions({ stances: { seoul: "progressive", tokyo: "mainstream", washington: "alliance-builder" } as never }).withHistoryTension(8).withTrust("seoul-tokyo", 40).start();
    t.as("tokyo").propose(["seoul", "tokyo"], [{ kind: "pledge", nation: "tokyo", policy: "apology-statement" }]);
    const honest = t.state;
    const broken = (i: number): MeterChange => ({
      round: 0,
      meter: { meter: "trust", pair: "seoul-tokyo" },
      from: 30,
      to: 30,
      requested: -10,
      absorbed: 0,
      absorbedBy: [],
      firewalled: false,
      cause: { kind: "pledge", proposalId: ProposalIdSchema.parse(`x${i}`), nation: "tokyo", kept: false, label: "Tokyo broke its word" },
    });
    const liar: GameState = { ...honest, changes: [...honest.changes, broken(1), broken(2), broken(3), broken(4)] };
    clearBotCaches();
    expect(ask(honest, "seoul", "normal", 5)?.type).toBe("acceptProposal");
    clearBotCaches();
    expect(ask(liar, "seoul", "normal", 5)?.type).toBe("rejectProposal");
    // Now with the honest table's valuations already cached:
    clearBotCaches();
    ask(honest, "seoul", "normal", 5);
    expect(ask(liar, "seoul", "normal", 5)?.type).toBe("rejectProposal");
  });

  test("different seeds give different games", () => {
    const a = serializeRecord(game("det-a", "normal").record!);
    const b = serializeRecord(game("det-b", "normal").record!);
    expect(b).not.toBe(a);
  });

  test("a bot's choice depends only on its view and its rng: same inputs, same command, whatever it decided before", () => {
    const { state } = newGame("det-view", { rounds: 8 }, deck);
    for (const nation of ["seoul", "tokyo", "washington"] as Nation[]) {
      const bot = botPolicy(state.stances[nation], "hard");
      const view = viewFor(state, { kind: "seat", nation });
      const first = JSON.stringify(bot(view, nation, 42));
      // Run the bot on other inputs in between: no hidden memory may leak into the next answer.
      for (let rng = 0; rng < 5; rng++) bot(view, nation, rng);
      expect(JSON.stringify(bot(view, nation, 42))).toBe(first);
      // A fresh bot of the same stance agrees too.
      expect(JSON.stringify(botPolicy(state.stances[nation], "hard")(view, nation, 42))).toBe(first);
    }
  });

  test("another seat's secrets do not change what a bot does (it only sees its own view)", () => {
    const { state } = newGame("det-secret", { rounds: 8, agendas: { tokyo: "tokyo-gsomia" } }, deck);
    const other = { ...state, agendas: { ...state.agendas, tokyo: { id: AgendaIdSchema.parse("tokyo-counterstrike"), broken: false } } };
    for (const difficulty of DIFFICULTIES) {
      const bot = botPolicy(state.stances.seoul, difficulty);
      expect(JSON.stringify(bot(viewFor(other, { kind: "seat", nation: "seoul" }), "seoul", 5))).toBe(
        JSON.stringify(bot(viewFor(state, { kind: "seat", nation: "seoul" }), "seoul", 5)),
      );
    }
  });
});
