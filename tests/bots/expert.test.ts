import { describe, expect, test } from "vitest";
import { botDiagnostics } from "../../shared/bots/bot.ts";
import { botPolicy } from "../../shared/bots/registry.ts";
import { DIFFICULTIES } from "../../shared/bots/difficulty.ts";
import { loadBuiltInDeck } from "../../server/content/fs-load.ts";
import { serializeRecord } from "../../shared/rules/record.ts";
import { viewFor } from "../../shared/rules/view.ts";
import type { Command } from "../../shared/rules/commands.ts";
import { playGame } from "../../shared/sim/play.ts";
import type { ProposalTerm } from "../../shared/rules/proposals.ts";
import { table } from "../support/scenario.ts";
import { apply } from "./support.ts";

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

  test("with two markers down and threat two above deterrence, Washington sends the extended deterrence that saves the game", () => {
    // Deterrence 3 at the start; threat 5 and two crisis markers: without two more points now, the third marker ends the game.
    // (A reassurance's +5 trust moves deterrence by one point at most, so only extended deterrence is enough.)
    const t = table().withOptions({ stances: { seoul: "conservative", tokyo: "mainstream", washington: "burden-shifter" } }).withThreat(5).withCrises(2).start();
    t.endNegotiation();
    const view = viewFor(t.state, { kind: "seat", nation: "washington" });
    expect(view.deterrence.total).toBe(3);
    for (const rng of [1, 2, 3]) expect(policyOf(botPolicy("burden-shifter", "expert")(view, "washington", rng).command)).toBe("extended-deterrence");
  });

  test("answers a proposal put to it by playing both answers out: legal, and the same for the same rng", () => {
    const terms: ProposalTerm[] = [{ kind: "pledge", nation: "tokyo", policy: "hold-steady" }];
    const t = table().withOptions({ stances: { seoul: "conservative", tokyo: "mainstream", washington: "alliance-builder" } }).start();
    t.as("seoul").propose(["seoul", "tokyo"], terms);
    const view = viewFor(t.state, { kind: "seat", nation: "tokyo" });
    const proposalId = view.proposals[0]!.id;
    const expert = botPolicy("mainstream", "expert");
    for (const rng of [1, 2]) {
      const answer = expert(view, "tokyo", rng).command;
      expect(answer).toEqual(expert(view, "tokyo", rng).command);
      expect(answer?.type === "acceptProposal" || answer?.type === "rejectProposal").toBe(true);
      expect(answer && "proposalId" in answer ? answer.proposalId : null).toBe(proposalId);
      apply(t.state, "tokyo", answer!);
    }
  });

  test("with the third crisis marker one round off, it accepts Washington's pledge of the extended deterrence that heads it off", () => {
    const t = table().withOptions({ stances: { seoul: "conservative", tokyo: "mainstream", washington: "burden-shifter" } }).withThreat(4).withCrises(2).start();
    t.as("washington").propose(["seoul", "washington"], [{ kind: "pledge", nation: "washington", policy: "extended-deterrence" }]);
    const view = viewFor(t.state, { kind: "seat", nation: "seoul" });
    for (const rng of [1, 2, 3]) expect(botPolicy("conservative", "expert")(view, "seoul", rng).command?.type).toBe("acceptProposal");
  });
});
