import { describe, expect, test } from "vitest";
import { cardWithEffects, cardWithResponse, quietDeck, testCard } from "../../tests/support/cards.ts";
import { changesOf, table } from "../../tests/support/scenario.ts";
import { deterrenceOf } from "./deterrence.ts";
import { INSTITUTIONS } from "./institutions.ts";
import { TUNING } from "./tuning.ts";

describe("§1 event", () => {
  test("a round opens by revealing the top card and applying its effects", () => {
    const t = table().withDeck([cardWithEffects("missiles", [{ kind: "threat", delta: 2 }]), ...quietDeck(8)]).start();
    expect(t.state.round).toBe(1);
    expect(t.state.current.cardId).toBe("missiles");
    expect(t.state.threat).toBe(TUNING.start.threat + 2);
    expect(t.state.phase).toBe("negotiation");
  });

  test("a card that asks for responses waits for every named nation", () => {
    const t = table().withDeck([cardWithResponse("dispute", ["seoul", "tokyo"]), ...quietDeck(8)]).start();
    expect(t.state.phase).toBe("event");
    expect(t.state.current.responsesDue).toEqual(["seoul", "tokyo"]);
    t.as("seoul").respond("hard");
    expect(t.state.phase).toBe("event");
    expect(t.as("washington").try({ type: "respond", optionId: "soft" })).toMatchObject({ ok: false, error: { code: "NO_RESPONSE_DUE" } });
    const events = t.as("tokyo").respond("soft");
    expect(t.state.phase).toBe("negotiation");
    expect(t.state.current.responses).toEqual({ seoul: "hard", tokyo: "soft" });
    expect(events.some((e) => e.type === "phaseChanged" && e.phase === "negotiation")).toBe(true);
  });

  test("when the response timer runs out, silent nations take the default option", () => {
    const t = table().withDeck([cardWithResponse("dispute", ["seoul", "tokyo"]), ...quietDeck(8)]).start();
    t.as("seoul").respond("hard");
    t.timeout();
    expect(t.state.current.responses).toEqual({ seoul: "hard", tokyo: "soft" });
    expect(t.state.phase).toBe("negotiation");
  });
});

describe("§1 escalation", () => {
  const e = TUNING.escalation;

  test("round one opens calm: no escalation, and starting threat does not outrun starting deterrence", () => {
    const t = table().start();
    expect(t.state.round).toBe(1);
    expect(t.state.threat).toBe(TUNING.start.threat);
    expect(TUNING.start.threat).toBeLessThanOrEqual(deterrenceOf(t.state).total);
  });

  test("threat rises at the start of a round, before the card, by the tuned amount and with its own cause", () => {
    const t = table()
      .withDeck([...quietDeck(e.fromRound - 1), cardWithEffects("launches", [{ kind: "threat", delta: 1 }]), ...quietDeck(20).slice(e.fromRound - 1)])
      .start();
    for (let r = 1; r < e.fromRound; r++) {
      t.playRound();
      if (r < e.fromRound - 1) t.timeout();
    }
    const before = t.state.threat;
    const events = t.timeout();
    expect(t.state.round).toBe(e.fromRound);
    const rise = changesOf(events).find((c) => c.cause.kind === "escalation");
    expect(rise).toMatchObject({ meter: { meter: "threat" }, from: before, to: before + e.threatPerStep, cause: { kind: "escalation", label: e.label } });
    const kinds = events.map((x) => (x.type === "meterChanged" ? x.change.cause.kind : x.type));
    expect(kinds.indexOf("roundStarted")).toBeLessThan(kinds.indexOf("escalation"));
    expect(kinds.indexOf("escalation")).toBeLessThan(kinds.indexOf("cardRevealed"));
    expect(t.state.threat).toBe(before + e.threatPerStep + 1);
  });

  test("escalation recurs every few rounds and stops at the top of the threat scale", () => {
    // A table strong enough to deter a threat at the top of the scale, so no crisis ends the game early.
    const t = table()
      .withThreat(TUNING.bounds.threat[1] - 1)
      .withTrust("seoul-tokyo", 100)
      .withTrust("seoul-washington", 100)
      .withTrust("tokyo-washington", 100)
      .withInstitution("gsomia")
      .withInstitution("missile-warning-sharing")
      .withInstitution("trilateral-exercises")
      .withDeck(quietDeck(20))
      .withOptions({ rounds: 20 })
      .start();
    const rises: number[] = [];
    for (let r = 2; r <= e.fromRound + 2 * e.everyRounds; r++) {
      t.playRound({ washington: "extended-deterrence" });
      const events = t.timeout();
      if (changesOf(events).some((c) => c.cause.kind === "escalation")) rises.push(t.state.round);
    }
    expect(rises[0]).toBe(e.fromRound);
    expect(rises).toEqual(rises.map((_, i) => e.fromRound + i * e.everyRounds));
    expect(t.state.threat).toBe(TUNING.bounds.threat[1]);
    expect(t.state.crises).toBe(0);
  });
});

describe("§2 negotiation and proposals", () => {
  test("a proposal binds only when every named party accepts before the phase ends", () => {
    const t = table().start();
    t.as("seoul").propose(["seoul", "tokyo"], [{ kind: "institution", op: "create", institution: "shuttle-summits" }]);
    expect(t.state.proposals[0]).toMatchObject({ id: "ST1", status: "open", accepted: ["seoul"] });
    const events = t.as("tokyo").accept("ST1");
    expect(t.state.proposals[0]!.status).toBe("agreed");
    expect(events.some((e) => e.type === "proposalBound")).toBe(true);
    t.endNegotiation();
    t.commitAll();
    expect(t.state.institutions["shuttle-summits"]).toEqual({ status: "in-force", since: 1 });
    expect(t.state.proposals[0]!.status).toBe("enacted");
  });

  test("a proposal not accepted by everyone lapses when negotiation ends", () => {
    const t = table().start();
    t.as("washington").propose(["seoul", "tokyo", "washington"], [{ kind: "institution", op: "create", institution: "trilateral-exercises" }]);
    t.as("seoul").accept("STW1");
    t.endNegotiation();
    expect(t.state.proposals[0]!.status).toBe("lapsed");
    t.commitAll();
    expect(t.state.institutions["trilateral-exercises"]).toBeUndefined();
  });

  test("a rejected or withdrawn proposal cannot be accepted", () => {
    const t = table().start();
    t.as("seoul").propose(["seoul", "tokyo"], [{ kind: "institution", op: "create", institution: "acsa" }]);
    t.as("tokyo").reject("ST1");
    expect(t.as("tokyo").try({ type: "acceptProposal", proposalId: "ST1" })).toMatchObject({ ok: false, error: { code: "PROPOSAL_CLOSED" } });
    t.as("seoul").propose(["seoul", "tokyo"], [{ kind: "institution", op: "create", institution: "acsa" }]);
    expect(t.as("tokyo").try({ type: "withdrawProposal", proposalId: "ST2" })).toMatchObject({ ok: false, error: { code: "NOT_PROPOSER" } });
    t.as("seoul").withdraw("ST2");
    expect(t.state.proposals[1]!.status).toBe("withdrawn");
  });

  test("an institution proposal must seat every member of the institution", () => {
    const t = table().start();
    const result = t.as("seoul").try({ type: "tableProposal", parties: ["seoul", "washington"], terms: [{ kind: "institution", op: "create", institution: "gsomia" }], note: "" });
    expect(result).toMatchObject({ ok: false, error: { code: "BAD_TERM" } });
  });

  test("a kept pledge builds trust; a broken one costs it", () => {
    const t = table().withTrust("seoul-tokyo", 40).start();
    t.as("seoul").propose(["seoul", "tokyo"], [{ kind: "pledge", nation: "tokyo", policy: "apology-statement" }, { kind: "institution", op: "create", institution: "gsomia" }]);
    t.as("tokyo").accept("ST1");
    t.endNegotiation();
    const events = t.commitAll({ tokyo: "shrine-visit" });
    const broken = events.find((e) => e.type === "pledgeResolved");
    expect(broken).toMatchObject({ nation: "tokyo", kept: false });
    const penalty = changesOf(events).find((c) => c.cause.kind === "pledge");
    expect(penalty!.requested).toBe(TUNING.pledges.brokenTrustPenalty);
    expect(penalty!.cause.label).toMatch(/Tokyo broke its word/);
  });

  test("negotiation ends when all three say they are done", () => {
    const t = table().start();
    t.as("seoul").ready();
    expect(t.as("seoul").try({ type: "ready" })).toMatchObject({ ok: false, error: { code: "ALREADY_READY" } });
    t.as("tokyo").ready();
    expect(t.state.phase).toBe("negotiation");
    t.as("washington").ready();
    expect(t.state.phase).toBe("policy");
  });

  test("bilateral messages are recorded with sender, channel, round, phase and time", () => {
    const t = table().start();
    t.as("seoul").say("seoul-tokyo", "Can we talk about GSOMIA?");
    expect(t.state.messages[0]).toMatchObject({ from: "seoul", channel: "seoul-tokyo", round: 1, phase: "negotiation", text: "Can we talk about GSOMIA?" });
    expect(typeof t.state.messages[0]!.at).toBe("number");
    expect(t.as("washington").try({ type: "say", channel: "seoul-tokyo", text: "hi" })).toMatchObject({ ok: false, error: { code: "NOT_IN_CHANNEL" } });
  });
});

describe("§3 policy", () => {
  test("policies can be changed until every seat has committed; a silent seat holds steady at the deadline", () => {
    const t = table().start();
    t.endNegotiation();
    t.as("seoul").commit("visit-dokdo");
    t.as("seoul").commit("make-the-case-at-home");
    t.as("tokyo").commit("defense-buildup");
    const events = t.timeout();
    const revealed = events.find((e) => e.type === "policiesRevealed");
    expect(revealed).toMatchObject({ policies: { seoul: "make-the-case-at-home", tokyo: "defense-buildup", washington: "hold-steady" } });
  });

  test("a policy that needs export controls cannot be chosen without them", () => {
    const t = table().start();
    t.endNegotiation();
    expect(t.as("tokyo").try({ type: "commitPolicy", policy: "lift-export-controls" })).toMatchObject({ ok: false, error: { code: "POLICY_UNAVAILABLE" } });
    expect(t.as("tokyo").try({ type: "commitPolicy", policy: "visit-dokdo" })).toMatchObject({ ok: false, error: { code: "UNKNOWN_POLICY" } });
  });

  test("a stance shifts what a policy does to its own government's support", () => {
    const hawk = table().withOptions({ stances: { tokyo: "hawkish" } }).start();
    const mainstream = table().withOptions({ stances: { tokyo: "mainstream" } }).start();
    hawk.playRound({ tokyo: "defense-buildup" });
    mainstream.playRound({ tokyo: "defense-buildup" });
    // A hawkish public cheers the build-up (+2 on the policy's cost), a mainstream one accepts it (+1).
    expect(hawk.state.support.tokyo - mainstream.state.support.tokyo).toBe(1);
  });
});

describe("§4 resolution", () => {
  test("resolution runs in its fixed order: agreements, policies, pledges, income, crisis, leadership", () => {
    const t = table().withInstitution("shuttle-summits").withSupport("tokyo", 27).withThreat(10).start();
    t.as("seoul").propose(["seoul", "tokyo"], [{ kind: "institution", op: "create", institution: "acsa" }, { kind: "pledge", nation: "tokyo", policy: "apology-statement" }]);
    t.as("tokyo").accept("ST1");
    t.endNegotiation();
    const events = t.commitAll({ tokyo: "apology-statement" });
    const order = events
      .map((e) =>
        e.type === "policiesRevealed" ? "reveal"
        : e.type === "institutionChanged" ? "agreement"
        : e.type === "meterChanged" && e.change.cause.kind === "institution" && e.change.cause.label.endsWith("created") ? "agreement"
        : e.type === "meterChanged" ? e.change.cause.kind
        : e.type === "pledgeResolved" ? "pledge"
        : e.type === "leadershipChanged" ? "leadership"
        : null,
      )
      .filter((x) => x !== null)
      .filter((x, i, all) => all[i - 1] !== x);
    expect(order).toEqual(["reveal", "agreement", "policy", "pledge", "institution", "crisis", "leadership"]);
  });

  test("income from each institution in force is paid every round", () => {
    const t = table().withTrust("seoul-tokyo", 40).withInstitution("shuttle-summits").start();
    const events = t.playRound();
    const income = changesOf(events).find((c) => c.cause.kind === "institution");
    expect(income).toMatchObject({ from: 40, to: 41, cause: { label: INSTITUTIONS["shuttle-summits"].name } });
  });

  test("when threat outruns deterrence a crisis marker is placed and trust suffers", () => {
    const t = table().withThreat(10).start();
    const deterrence = deterrenceOf(t.state).total;
    expect(10).toBeGreaterThan(deterrence);
    const events = t.playRound();
    expect(t.state.crises).toBe(1);
    expect(events.find((e) => e.type === "crisisPlaced")).toMatchObject({ threat: 10, deterrence, crises: 1 });
    expect(changesOf(events).filter((c) => c.cause.kind === "crisis" && c.meter.meter === "trust")).toHaveLength(3);
  });

  test("extended deterrence lifts deterrence for the round it is offered, and can avert a crisis", () => {
    const plain = table().start();
    const threat = deterrenceOf(plain.state).total + 1;
    const without = table().withThreat(threat).start();
    without.playRound();
    expect(without.state.crises).toBe(1);
    const withOffer = table().withThreat(threat).start();
    withOffer.playRound({ washington: "extended-deterrence" });
    expect(withOffer.state.crises).toBe(0);
    withOffer.timeout();
    expect(withOffer.state.current.deterrenceBonus).toBe(0);
  });

  test("the third crisis marker ends the game in a regional crisis that every player loses", () => {
    const t = table().withThreat(10).withCrises(2).start();
    const events = t.playRound();
    expect(t.state.phase).toBe("ended");
    expect(t.state.ended?.reason).toBe("regional-crisis");
    expect(t.state.ended?.ranking).toEqual([]);
    for (const n of ["seoul", "tokyo", "washington"] as const) expect(t.state.ended?.scores[n].total).toBe(0);
    expect(events.some((e) => e.type === "gameEnded")).toBe(true);
  });

  test("a government whose support falls below the threshold falls; support resets and its stance changes", () => {
    const t = table().withSupport("seoul", TUNING.leadership.fallsBelowSupport + 2).start();
    const events = t.playRound({ seoul: "make-the-case-at-home" });
    expect(events.find((e) => e.type === "leadershipChanged")).toMatchObject({ nation: "seoul", from: "conservative", to: "progressive" });
    expect(t.state.support.seoul).toBe(TUNING.leadership.newGovernmentSupport);
    expect(t.state.stances.seoul).toBe("progressive");
    expect(t.state.rounds[0]!.leadershipChanges).toEqual(["seoul"]);
  });

  test("an every-round agenda that fails once is lost for good, and only its holder hears of it", () => {
    const t = table().withAgenda("seoul", "seoul-history-coalition").withHistoryTension(4).start();
    const events = t.playRound({ tokyo: "apology-statement" });
    const broken = events.find((e) => e.type === "agendaBroken");
    expect(broken).toMatchObject({ nation: "seoul", visibleTo: ["seoul"] });
    expect(t.state.agendas.seoul.broken).toBe(true);
  });

  test("after the last round the game ends and is scored", () => {
    const t = table().withOptions({ rounds: 2 }).start();
    t.playRound();
    expect(t.state.phase).toBe("summary");
    t.as("seoul").ready();
    t.as("tokyo").ready();
    t.as("washington").ready();
    expect(t.state.round).toBe(2);
    t.playRound();
    expect(t.state.phase).toBe("ended");
    expect(t.state.ended?.reason).toBe("rounds-complete");
    expect(t.state.rounds).toHaveLength(2);
    expect(t.as("seoul").try({ type: "say", channel: "table", text: "gg" })).toMatchObject({ ok: false, error: { code: "GAME_OVER" } });
  });
});

describe("deadlines", () => {
  test("a timeout for a phase the table has left is refused as stale", () => {
    const t = table().start();
    t.endNegotiation();
    const result = t.try({ kind: "system" }, { type: "phaseTimeout", round: 1, phase: "negotiation" });
    expect(result).toMatchObject({ ok: false, error: { code: "STALE_TIMEOUT" } });
  });

  test("only the clock or the instructor can call a deadline", () => {
    const t = table().start();
    expect(t.as("seoul").try({ type: "phaseTimeout", round: 1, phase: "negotiation" })).toMatchObject({ ok: false, error: { code: "SYSTEM_ONLY" } });
    expect(t.try({ kind: "instructor" }, { type: "phaseTimeout", round: 1, phase: "negotiation" }).ok).toBe(true);
  });

  test("a summary deadline starts the next round with the next card", () => {
    const t = table().withDeck([testCard("first"), testCard("second"), ...quietDeck(6)]).start();
    t.playRound();
    t.timeout();
    expect(t.state.round).toBe(2);
    expect(t.state.current.cardId).toBe("second");
  });
});
