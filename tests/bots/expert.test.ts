import { describe, expect, test } from "vitest";
import { botDiagnostics } from "../../shared/bots/bot.ts";
import { botPolicy } from "../../shared/bots/registry.ts";
import { DIFFICULTIES } from "../../shared/bots/difficulty.ts";
import { loadBuiltInDeck } from "../../server/content/fs-load.ts";
import { serializeRecord } from "../../shared/rules/record.ts";
import { viewFor } from "../../shared/rules/view.ts";
import type { Command } from "../../shared/rules/commands.ts";
import { playGame } from "../../shared/sim/play.ts";
import { table } from "../support/scenario.ts";

const deck = loadBuiltInDeck();
const policyOf = (c: Command | null) => (c?.type === "commitPolicy" ? c.policy : `(${c?.type ?? "nothing"})`);

function expertGame(seed: string) {
  return playGame({
    seed,
    options: { rounds: 4 },
    deck,
    keepRecord: true,
    policies: { seoul: botPolicy("conservative", "normal"), tokyo: botPolicy("hawkish", "expert"), washington: botPolicy("alliance-builder", "normal") },
  });
}

describe("the expert bot", () => {
  test("is a difficulty tables can choose", () => {
    expect(DIFFICULTIES).toContain("expert");
  });

  test("plays whole games with legal commands only, and the same seed replays byte for byte", () => {
    const before = botDiagnostics.illegal;
    const a = expertGame("expert-det");
    const b = expertGame("expert-det");
    expect(a.stuck).toBe(false);
    expect(a.refused).toBe(0);
    expect(botDiagnostics.illegal).toBe(before);
    expect(a.state.phase).toBe("ended");
    expect(serializeRecord(b.record!)).toBe(serializeRecord(a.record!));
  });

  test("with two markers down and threat one above deterrence, Washington sends the extended deterrence that saves the game", () => {
    // Deterrence 3 at the start; threat 4 and two crisis markers: without two more points now, the third marker ends the game.
    const t = table().withOptions({ stances: { seoul: "conservative", tokyo: "mainstream", washington: "burden-shifter" } }).withThreat(4).withCrises(2).start();
    t.endNegotiation();
    const view = viewFor(t.state, { kind: "seat", nation: "washington" });
    expect(view.deterrence.total).toBe(3);
    for (const rng of [1, 2, 3]) expect(policyOf(botPolicy("burden-shifter", "expert")(view, "washington", rng).command)).toBe("extended-deterrence");
  });
});
