import { describe, expect, test } from "vitest";
import { botPolicy } from "../../shared/bots/registry.ts";
import { STANCE_PROFILES } from "../../shared/bots/stances/index.ts";
import { profileFor } from "../../shared/bots/mind.ts";
import { STANCE_RULES } from "../../shared/rules/stances.ts";
import { loadSeeds } from "../../server/content/fs-load.ts";
import { applyCommand } from "../../shared/rules/apply.ts";
import { SYSTEM, type Command } from "../../shared/rules/commands.ts";
import type { PolicyId } from "../../shared/rules/policies.ts";
import type { ProposalTerm } from "../../shared/rules/proposals.ts";
import type { GameState } from "../../shared/rules/state.ts";
import { viewFor } from "../../shared/rules/view.ts";
import { STANCES, type Nation, type StanceId } from "../../shared/rules/vocabulary.ts";
import { table, type Table } from "../support/scenario.ts";
import { ALL_STANCES, apply, ask, DIFFICULTIES, RNGS, runBot } from "./support.ts";

const stances = (seoul: StanceId, tokyo: StanceId, washington: StanceId) => ({ stances: { seoul, tokyo, washington } as never });
const policyOf = (c: Command | null) => (c?.type === "commitPolicy" ? c.policy : `(${c?.type ?? "nothing"})`);
const gsomia: ProposalTerm = { kind: "institution", op: "create", institution: "gsomia" };
const pledge = (nation: Nation, policy: PolicyId): ProposalTerm => ({ kind: "pledge", nation, policy });

/** A table in the policy phase. */
function policyPhase(t: Table): GameState {
  t.endNegotiation();
  expect(t.state.phase).toBe("policy");
  return t.state;
}

describe("each stance behaves as designed", () => {
  test.each(DIFFICULTIES)("a hawkish Tokyo builds defense when threat is high (%s)", (difficulty) => {
    const state = policyPhase(table().withOptions(stances("conservative", "hawkish", "alliance-builder")).withThreat(9).start());
    const picks = RNGS.map((rng) => policyOf(ask(state, "tokyo", difficulty, rng)));
    const builds = picks.filter((p) => p === "defense-buildup" || p === "acquire-counterstrike").length;
    // Easy bots are noisy; the others must never miss.
    expect(builds).toBeGreaterThanOrEqual(difficulty === "easy" ? 16 : 20);
  });

  test("a hawkish Tokyo never pledges an apology, a mainstream Tokyo can", () => {
    for (const [stance, answer] of [["hawkish", "rejectProposal"], ["mainstream", "acceptProposal"]] as const) {
      // Seoul–Tokyo trust above GSOMIA's strain line (§4.5), so the deal is about history alone.
      const t = table().withOptions(stances("progressive", stance, "alliance-builder")).withHistoryTension(8).withTrust("seoul-tokyo", 50).start();
      t.as("seoul").propose(["seoul", "tokyo"], [gsomia, pledge("tokyo", "apology-statement")]);
      for (const rng of RNGS) expect(ask(t.state, "tokyo", "normal", rng)?.type).toBe(answer);
    }
  });

  describe("a progressive Seoul wants disaster relief and peacekeeping before military drills with Tokyo", () => {
    const exercises: ProposalTerm = { kind: "institution", op: "create", institution: "trilateral-exercises" };
    const hadr: ProposalTerm = { kind: "institution", op: "create", institution: "hadr-pko" };
    const drillsTable = (hadrInForce: boolean) => {
      let b = table().withOptions(stances("progressive", "mainstream", "alliance-builder")).withTrust("seoul-tokyo", 60).withThreat(6);
      if (hadrInForce) b = b.withInstitution("hadr-pko");
      return b.start();
    };

    test.each(DIFFICULTIES)("rejects trilateral exercises before HADR/PKO, and says so (%s)", (difficulty) => {
      const t = drillsTable(false);
      t.as("washington").propose(["seoul", "tokyo", "washington"], [exercises]);
      const proposalId = t.state.proposals[0]!.id;
      for (const rng of RNGS) expect(ask(t.state, "seoul", difficulty, rng)).toEqual({ type: "rejectProposal", proposalId });
      const after = apply(t.state, "seoul", { type: "rejectProposal", proposalId });
      expect((ask(after, "seoul", difficulty) as Extract<Command, { type: "say" }>).text).toContain("HADR/PKO");
    });

    test("signs the drills when HADR/PKO comes in the same deal, or is already in force", () => {
      const together = drillsTable(false);
      together.as("washington").propose(["seoul", "tokyo", "washington"], [hadr, exercises]);
      for (const rng of RNGS) expect(ask(together.state, "seoul", "normal", rng)?.type).toBe("acceptProposal");
      const after = drillsTable(true);
      after.as("washington").propose(["seoul", "tokyo", "washington"], [exercises]);
      for (const rng of RNGS) expect(ask(after.state, "seoul", "normal", rng)?.type).toBe("acceptProposal");
    });

    test("a conservative Seoul signs the drills at once", () => {
      const t = table().withOptions(stances("conservative", "mainstream", "alliance-builder")).withTrust("seoul-tokyo", 60).withThreat(6).start();
      t.as("washington").propose(["seoul", "tokyo", "washington"], [exercises]);
      for (const rng of RNGS) expect(ask(t.state, "seoul", "normal", rng)?.type).toBe("acceptProposal");
    });
  });

  describe("a progressive Seoul will not sign GSOMIA under history pressure without a concession", () => {
    const progressiveTable = (exportControls: boolean) => {
      // Seoul–Tokyo trust well above GSOMIA's strain line (§4.5), so the answer turns on history alone;
      // threat above the deterrence that trust alone gives, so GSOMIA's own deterrence is worth something.
      let b = table().withOptions(stances("progressive", "mainstream", "alliance-builder")).withHistoryTension(8).withTrust("seoul-tokyo", 75).withThreat(6);
      if (exportControls) b = b.withExportControls();
      return b.start();
    };

    test.each(DIFFICULTIES)("rejects GSOMIA alone, and says why on the bilateral channel (%s)", (difficulty) => {
      const t = progressiveTable(false);
      t.as("tokyo").propose(["seoul", "tokyo"], [gsomia]);
      for (const rng of RNGS) expect(ask(t.state, "seoul", difficulty, rng)).toEqual({ type: "rejectProposal", proposalId: "ST1" });
      const after = apply(t.state, "seoul", ask(t.state, "seoul", difficulty)!);
      const line = ask(after, "seoul", difficulty);
      expect(line).toMatchObject({ type: "say", channel: "seoul-tokyo" });
      const text = (line as Extract<Command, { type: "say" }>).text;
      expect(text).toContain("ST1");
      expect(text).toContain("history tension at 8");
      expect(text).toContain("GSOMIA");
    });

    test.each(DIFFICULTIES)("accepts GSOMIA when Tokyo pledges an apology in the same proposal (%s)", (difficulty) => {
      const t = progressiveTable(false);
      t.as("tokyo").propose(["seoul", "tokyo"], [gsomia, pledge("tokyo", "apology-statement")]);
      for (const rng of RNGS) expect(ask(t.state, "seoul", difficulty, rng)).toEqual({ type: "acceptProposal", proposalId: "ST1" });
    });

    test.each(DIFFICULTIES)("with export controls in place, only lifting them will do (%s)", (difficulty) => {
      const withApology = progressiveTable(true);
      withApology.as("tokyo").propose(["seoul", "tokyo"], [gsomia, pledge("tokyo", "apology-statement")]);
      for (const rng of RNGS) expect(ask(withApology.state, "seoul", difficulty, rng)?.type).toBe("rejectProposal");
      const after = apply(withApology.state, "seoul", { type: "rejectProposal", proposalId: "ST1" });
      expect((ask(after, "seoul", difficulty) as Extract<Command, { type: "say" }>).text).toContain("We cannot sign GSOMIA while the export controls stand");

      const withLift = progressiveTable(true);
      withLift.as("tokyo").propose(["seoul", "tokyo"], [gsomia, pledge("tokyo", "lift-export-controls")]);
      for (const rng of RNGS) expect(ask(withLift.state, "seoul", difficulty, rng)?.type).toBe("acceptProposal");
    });

    test("a conservative Seoul signs the same plain GSOMIA proposal", () => {
      const t = table().withOptions(stances("conservative", "mainstream", "alliance-builder")).withHistoryTension(8).withTrust("seoul-tokyo", 50).start();
      t.as("tokyo").propose(["seoul", "tokyo"], [gsomia]);
      for (const rng of RNGS) expect(ask(t.state, "seoul", "normal", rng)?.type).toBe("acceptProposal");
    });

    test.each(["normal", "hard"] as const)("when GSOMIA is suspended and controls stand, it proposes the trade itself: restore GSOMIA, Tokyo lifts the controls (%s)", (difficulty) => {
      const t = table()
        .withOptions(stances("progressive", "mainstream", "alliance-builder"))
        .withExportControls()
        // Trust above GSOMIA's strain line, and the cheaper ways in (HADR/PKO, the CJK track) already
        // taken, so GSOMIA is what Seoul has left to give for the controls.
        .withTrust("seoul-tokyo", 50)
        .withInstitution("hadr-pko")
        .withInstitution("cjk-secretariat")
        .withInstitution("gsomia", "suspended")
        .withInstitution("missile-warning-sharing")
        .withInstitution("trilateral-exercises")
        .withInstitution("counterstrike-protocol")
        .withThreat(7)
        .withHistoryTension(6)
        .start();
      const proposals = runBot(t.state, "seoul", difficulty).commands.filter((c) => c.type === "tableProposal");
      expect(proposals).toContainEqual(
        expect.objectContaining({
          parties: ["seoul", "tokyo"],
          terms: [{ kind: "institution", op: "restore", institution: "gsomia" }, pledge("tokyo", "lift-export-controls")],
        }),
      );
    });
  });

  test.each(["normal", "hard"] as const)("an alliance-builder Washington convenes when the region is calm (%s)", (difficulty) => {
    const state = policyPhase(
      table().withOptions(stances("conservative", "mainstream", "alliance-builder")).withThreat(2).withAgenda("washington", "washington-allies-reconciled").start(),
    );
    for (const rng of RNGS) expect(policyOf(ask(state, "washington", difficulty, rng))).toBe("convene-trilateral");
  });

  test.each(DIFFICULTIES)("an alliance-builder offers extended deterrence when a crisis looms (%s)", (difficulty) => {
    // Deterrence is 3 at the start; threat 5 means a crisis marker unless someone adds two points now.
    const state = policyPhase(table().withOptions(stances("conservative", "mainstream", "alliance-builder")).withThreat(5).start());
    expect(viewFor(state, { kind: "seat", nation: "washington" }).deterrence.total).toBe(3);
    for (const rng of RNGS) expect(policyOf(ask(state, "washington", difficulty, rng))).toBe("extended-deterrence");
  });

  test.each(DIFFICULTIES)("a burden-shifter Washington shifts the burden when the region is calm (%s)", (difficulty) => {
    const state = policyPhase(
      // Threat 0 against a starting deterrence of 3: the region is as calm as it gets.
      table().withOptions(stances("conservative", "mainstream", "burden-shifter")).withThreat(0).withAgenda("washington", "washington-allies-reconciled").start(),
    );
    for (const rng of RNGS) expect(policyOf(ask(state, "washington", difficulty, rng))).toBe("shift-burden");
  });

  test("an alliance-builder will not sign a history statement as a party; it says it will not mediate", () => {
    const t = table().withOptions(stances("conservative", "mainstream", "alliance-builder")).start();
    t.as("seoul").propose(["seoul", "tokyo", "washington"], [{ kind: "jointStatement", topic: "history-reconciliation" }]);
    expect(ask(t.state, "washington")).toEqual({ type: "rejectProposal", proposalId: "STW1" });
    const after = apply(t.state, "washington", { type: "rejectProposal", proposalId: "STW1" });
    expect(ask(after, "washington")).toMatchObject({ type: "say", channel: "table", text: expect.stringContaining("will not mediate") });
  });

  test("a burden-shifter gives nothing for free: the umbrella only against an ally's spending pledge", () => {
    const umbrella = pledge("washington", "extended-deterrence");
    // One crisis marker down, threat 5 against deterrence 3: the umbrella is what Washington would offer
    // this round anyway — but it will not promise it for nothing.
    const fixture = () =>
      table().withOptions(stances("conservative", "mainstream", "burden-shifter")).withThreat(5).withCrises(1).withAgenda("washington", "washington-allies-reconciled").start();
    const alone = fixture();
    alone.as("tokyo").propose(["tokyo", "washington"], [umbrella]);
    for (const rng of RNGS) expect(ask(alone.state, "washington", "normal", rng)?.type).toBe("rejectProposal");
    const after = apply(alone.state, "washington", { type: "rejectProposal", proposalId: "TW1" });
    expect(ask(after, "washington")).toMatchObject({ type: "say", channel: "tokyo-washington", text: expect.stringContaining("not hand out its umbrella for free") });

    const traded = fixture();
    traded.as("tokyo").propose(["tokyo", "washington"], [umbrella, pledge("tokyo", "defense-buildup")]);
    const accepted = RNGS.filter((rng) => ask(traded.state, "washington", "hard", rng)?.type === "acceptProposal").length;
    expect(accepted).toBeGreaterThanOrEqual(17);
  });

  test("a bot plays the stance of the government in office, whatever it was seated as", () => {
    // Seated as conservative, but the Seoul government is progressive now (a leadership change).
    const t = table().withOptions(stances("progressive", "mainstream", "alliance-builder")).withHistoryTension(8).start();
    t.as("tokyo").propose(["seoul", "tokyo"], [gsomia]);
    expect(ask(t.state, "seoul", "normal", 1, "conservative")?.type).toBe("rejectProposal");
  });
});

describe("pledges are kept according to the stance's word", () => {
  /** The share of rng draws in which `nation` commits `policy`, having pledged it in an agreed proposal. */
  function keepRate(seoul: StanceId, washington: StanceId, nation: Nation, terms: ProposalTerm[]): number {
    const t = table().withOptions(stances(seoul, "mainstream", washington)).start();
    const other: Nation = nation === "seoul" ? "washington" : "seoul";
    t.as(other).propose(["seoul", "washington"], terms);
    t.as(nation).accept("SW1");
    const state = policyPhase(t);
    const policy = (terms.find((x) => x.kind === "pledge" && x.nation === nation) as Extract<ProposalTerm, { kind: "pledge" }>).policy;
    const n = 400;
    let kept = 0;
    for (let rng = 0; rng < n; rng++) if (policyOf(ask(state, nation, "normal", rng * 2654435761)) === policy) kept += 1;
    return kept / n;
  }

  test("a burden-shifter breaks an unwelcome pledge about as often as its trustworthiness says", () => {
    // Trilateral ceremony is what a transactional administration cares least for: a pledge to convene is unwelcome.
    const rate = keepRate("conservative", "burden-shifter", "washington", [pledge("washington", "convene-trilateral"), pledge("seoul", "deepen-us-alliance")]);
    const t = STANCE_PROFILES["burden-shifter"].trustworthiness;
    expect(rate).toBeGreaterThan(t - 0.1);
    expect(rate).toBeLessThan(t + 0.1);
  });

  test("an alliance-builder almost always keeps the same pledge", () => {
    const rate = keepRate("conservative", "alliance-builder", "washington", [pledge("washington", "reassure-seoul"), pledge("seoul", "deepen-us-alliance")]);
    expect(rate).toBeGreaterThanOrEqual(STANCE_PROFILES["alliance-builder"].trustworthiness - 0.06);
  });
});

describe("bots answer, talk and finish", () => {
  test.each(ALL_STANCES.flatMap((s) => DIFFICULTIES.map((d) => ({ ...s, difficulty: d }))))(
    "a $stance $nation ($difficulty) answers a proposal addressed to it on its next decision, then gives its reason on that channel",
    ({ nation, stance, difficulty }) => {
      const proposer: Nation = nation === "tokyo" ? "seoul" : "tokyo";
      const all = { seoul: "conservative", tokyo: "mainstream", washington: "alliance-builder" } as Record<Nation, StanceId>;
      all[nation] = stance;
      const t = table().withOptions({ stances: all as never }).start();
      const channel = [proposer, nation].sort((a, b) => ["seoul", "tokyo", "washington"].indexOf(a) - ["seoul", "tokyo", "washington"].indexOf(b)).join("-");
      t.as(proposer).propose([proposer, nation], [{ kind: "jointStatement", topic: "united-front" }]);
      for (const rng of RNGS.slice(0, 5)) {
        const answer = ask(t.state, nation, difficulty, rng);
        expect(["acceptProposal", "rejectProposal"]).toContain(answer?.type);
        const id = t.state.proposals[0]!.id;
        expect(answer).toMatchObject({ proposalId: id });
        const next = ask(apply(t.state, nation, answer!), nation, difficulty, rng + 1);
        expect(next).toMatchObject({ type: "say", channel });
        expect((next as Extract<Command, { type: "say" }>).text.startsWith(`On ${id}: `)).toBe(true);
      }
    },
  );

  test.each(DIFFICULTIES)("with a human who does nothing, the bots still finish every phase on their own (%s)", (difficulty) => {
    // Seoul is a silent human; Tokyo and Washington are bots. Each phase the bots must reach their end
    // (responded, ready, committed) within a bounded number of actions; only then does the deadline fall.
    let state = table().withOptions(stances("conservative", "hawkish", "burden-shifter")).start().state;
    const bots: Nation[] = ["tokyo", "washington"];
    let rng = 99;
    for (let guard = 0; guard < 200 && state.phase !== "ended"; guard++) {
      const actions: Record<string, number> = { tokyo: 0, washington: 0 };
      for (let step = 0; step < 60; step++) {
        let acted = false;
        for (const nation of bots) {
          const c = botPolicy(state.stances[nation], difficulty)(viewFor(state, { kind: "seat", nation }), nation, (rng += 7)).command;
          if (!c) continue;
          state = apply(state, nation, c);
          actions[nation]! += 1;
          acted = true;
          break;
        }
        if (!acted) break;
      }
      for (const nation of bots) expect(actions[nation]).toBeLessThanOrEqual(12);
      // Each bot has done its part of the phase: nothing is left waiting on it.
      if (state.phase === "negotiation" || state.phase === "summary") for (const n of bots) expect(state.current.ready).toContain(n);
      if (state.phase === "policy") for (const n of bots) expect(state.current.policies[n]).toBeDefined();
      if (state.phase === "event") for (const n of bots) expect(state.current.responsesDue).not.toContain(n);
      // The human's deadline.
      const timeout = applyCommand(state, { actor: SYSTEM, at: 0, command: { type: "phaseTimeout", round: state.round, phase: state.phase } });
      expect(timeout.ok).toBe(true);
      if (timeout.ok) state = timeout.state;
    }
  });

  test("bots never say more than three lines in a phase, and finish each phase in a bounded number of actions", () => {
    for (let g = 0; g < 20; g++) {
      const all = ALL_STANCES;
      const pick = (n: Nation) => all.filter((s) => s.nation === n)[g % 2]!.stance;
      let state = table().withOptions(stances(pick("seoul"), pick("tokyo"), pick("washington"))).withSeed(g).start().state;
      const perPhase = new Map<string, number>();
      const lines = new Map<string, number>();
      for (let step = 0; step < 3000 && state.phase !== "ended"; step++) {
        let acted = false;
        for (const nation of ["seoul", "tokyo", "washington"] as Nation[]) {
          const c = botPolicy(state.stances[nation], "normal")(viewFor(state, { kind: "seat", nation }), nation, step * 31 + g).command;
          if (!c) continue;
          const key = `${state.round}:${state.phase}:${nation}`;
          perPhase.set(key, (perPhase.get(key) ?? 0) + 1);
          if (c.type === "say") lines.set(key, (lines.get(key) ?? 0) + 1);
          state = apply(state, nation, c);
          acted = true;
          break;
        }
        expect(acted).toBe(true);
      }
      expect(state.phase).toBe("ended");
      expect(Math.max(...perPhase.values())).toBeLessThanOrEqual(12);
      expect(Math.max(0, ...lines.values())).toBeLessThanOrEqual(3);
    }
  });
});

describe("stance data", () => {
  const { seeds } = loadSeeds();

  test.each(Object.values(STANCE_PROFILES).map((p) => [p.id, p] as const))("%s cites seed items that exist, and is complete", (_id, profile) => {
    expect((STANCES[profile.nation] as readonly string[]).includes(profile.id)).toBe(true);
    expect(profile.description.length).toBeGreaterThan(150);
    expect(profile.citations.length).toBeGreaterThanOrEqual(2);
    for (const c of profile.citations) {
      const seed = seeds.find((s) => s.id === c.seed);
      expect(seed, `seed ${c.seed}`).toBeDefined();
      for (const ref of c.refs) expect(seed!.items.map((i) => i.id), `${c.seed}#${ref}`).toContain(ref);
    }
    expect(profile.trustworthiness).toBeGreaterThan(0);
    expect(profile.trustworthiness).toBeLessThanOrEqual(1);
    expect(profile.redLines.length).toBeGreaterThanOrEqual(1);
    const templates = [
      ...Object.values(profile.chat.open).flat(),
      ...profile.chat.accept,
      ...profile.chat.reject,
      ...profile.chat.pitch,
      ...Object.values(profile.chat.summary).flat(),
    ];
    const known = new Set(["card", "threat", "deterrence", "gap", "ht", "st", "sw", "tw", "jd", "burden", "support", "crises", "round", "rounds", "partner", "proposer", "terms", "reason", "institution", "policy", "nation"]);
    for (const t of templates) {
      expect(t.trim().length).toBeGreaterThan(5);
      for (const [, key] of t.matchAll(/\{(\w+)\}/g)) expect(known, `${profile.id}: {${key}} in "${t}"`).toContain(key);
    }
  });

  test("a seat whose government holds a stance is played by that stance's bot, whatever it was seated as", () => {
    for (const { nation, stance } of ALL_STANCES) {
      const profile = STANCE_PROFILES[stance];
      expect(profile.id, `registered under ${stance}`).toBe(stance);
      expect(profile.nation).toBe(nation);
      expect(STANCE_RULES[stance].nation).toBe(nation);
      const other = STANCES[nation].find((s) => s !== stance)!;
      const state = table().withOptions({ stances: { [nation]: stance } }).start().state;
      expect(profileFor(viewFor(state, { kind: "seat", nation }), nation, other).id).toBe(stance);
    }
  });
});
