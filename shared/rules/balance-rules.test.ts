import { describe, expect, test } from "vitest";
import { changesOf, table } from "../../tests/support/scenario.ts";
import type { GameEvent } from "./events.ts";
import type { Pair } from "./vocabulary.ts";

/** What the round did to one pair's trust, summed over its causes. */
const trustMoved = (events: GameEvent[], pair: Pair) =>
  changesOf(events)
    .filter((c) => c.meter.meter === "trust" && c.meter.pair === pair && c.cause.kind === "policy")
    .reduce((s, c) => s + (c.to - c.from), 0);

describe("§5 groundwork: non-traditional cooperation first", () => {
  const gsomiaDeal = [{ kind: "institution", op: "create", institution: "gsomia" }] as const;
  const createGsomia = (withRelief: boolean) => {
    let t = table().withTrust("seoul-tokyo", 60);
    if (withRelief) t = t.withInstitution("hadr-pko");
    const started = t.start();
    started.as("seoul").propose(["seoul", "tokyo"], [...gsomiaDeal]);
    started.as("tokyo").accept("ST1");
    started.endNegotiation();
    const events = started.commitAll({});
    return changesOf(events).find((c) => c.meter.meter === "support" && c.cause.kind === "institution");
  };

  test("with HADR/PKO cooperation in force, Seoul pays less at home to sign GSOMIA", () => {
    const plain = createGsomia(false)!;
    const eased = createGsomia(true)!;
    expect(eased.to - eased.from).toBeGreaterThan(plain.to - plain.from);
    expect(eased.to - eased.from).toBeLessThan(0);
    expect(eased.cause.label).toMatch(/eased by HADR\/PKO cooperation/);
  });

  test("HADR/PKO absorbs more of a trust loss than any other institution", () => {
    const shock = (id: "hadr-pko" | "trilateral-ministerial") => {
      const t = table().withTrust("seoul-tokyo", 60).withFirewall("breached").withInstitution(id).start();
      return changesOf(t.playRound({ seoul: "visit-dokdo" })).find((c) => c.meter.meter === "trust" && c.meter.pair === "seoul-tokyo" && c.cause.kind === "policy")!;
    };
    expect(shock("hadr-pko").absorbed).toBeGreaterThan(shock("trilateral-ministerial").absorbed);
  });

  test("HADR/PKO is never suspended by strain, even at the lowest trust", () => {
    const t = table().withTrust("seoul-tokyo", 5).withInstitution("hadr-pko").start();
    t.playRound();
    expect(t.state.institutions["hadr-pko"]?.status).toBe("in-force");
  });
});

describe("§4.5 strain", () => {
  test("GSOMIA cannot survive Seoul–Tokyo trust below its line: it is suspended and the firewall breaks", () => {
    const t = table().withTrust("seoul-tokyo", 34).withInstitution("gsomia").start();
    const events = t.playRound();
    expect(t.state.institutions.gsomia?.status).toBe("suspended");
    expect(t.state.firewall).toBe("breached");
    expect(events.find((e) => e.type === "institutionChanged" && e.institution === "gsomia")).toMatchObject({ to: "suspended", cause: { label: expect.stringMatching(/Seoul–Tokyo trust fell below/) } });
  });

  test("with Washington at the table, missile-warning sharing holds at the same trust", () => {
    const t = table().withTrust("seoul-tokyo", 34).withInstitution("missile-warning-sharing").start();
    t.playRound();
    expect(t.state.institutions["missile-warning-sharing"]?.status).toBe("in-force");
    expect(t.state.firewall).toBe("intact");
  });

  test("GSOMIA cannot survive a government in Seoul too weak to defend it at home (since v8)", () => {
    const t = table().withTrust("seoul-tokyo", 70).withSupport("seoul", 30).withInstitution("gsomia").start();
    const events = t.playRound();
    expect(t.state.institutions.gsomia?.status).toBe("suspended");
    expect(t.state.firewall).toBe("breached");
    expect(events.find((e) => e.type === "institutionChanged" && e.institution === "gsomia")).toMatchObject({ to: "suspended", cause: { label: expect.stringMatching(/support for the government in Seoul fell below 35/) } });
  });

  test("at the same support, missile-warning sharing and the 2+2 hold", () => {
    const t = table().withTrust("seoul-tokyo", 70).withSupport("seoul", 30).withInstitution("missile-warning-sharing").withInstitution("seoul-tokyo-2plus2").start();
    t.playRound();
    expect(t.state.institutions["missile-warning-sharing"]?.status).toBe("in-force");
    expect(t.state.institutions["seoul-tokyo-2plus2"]?.status).toBe("in-force");
    expect(t.state.firewall).toBe("intact");
  });

  test("a suspended institution comes back by agreement once trust has recovered", () => {
    const t = table().withTrust("seoul-tokyo", 60).withInstitution("gsomia", "suspended").start();
    t.as("seoul").propose(["seoul", "tokyo"], [{ kind: "institution", op: "restore", institution: "gsomia" }]);
    t.as("tokyo").accept("ST1");
    t.endNegotiation();
    t.commitAll({});
    expect(t.state.institutions.gsomia?.status).toBe("in-force");
  });
});

describe("engaging Beijing reads two ways", () => {
  test("alone it looks like hedging to Washington; with a CJK secretariat it is a joint approach that eases the threat", () => {
    const alone = table().withThreat(5).start();
    const aloneEvents = alone.playRound({ seoul: "engage-beijing" });
    const joint = table().withThreat(5).withTrust("seoul-tokyo", 40).withInstitution("cjk-secretariat").start();
    const jointEvents = joint.playRound({ seoul: "engage-beijing" });
    expect(trustMoved(jointEvents, "seoul-washington")).toBeGreaterThan(trustMoved(aloneEvents, "seoul-washington"));
    expect(trustMoved(jointEvents, "seoul-tokyo")).toBeGreaterThan(0);
    expect(joint.state.threat).toBeLessThan(alone.state.threat);
  });
});

describe("Japan's build-up reads two ways", () => {
  test("a build-up worries Seoul unless a Seoul–Tokyo 2+2 gives it a say", () => {
    const worry = table().withTrust("seoul-tokyo", 60).start();
    const partner = table().withTrust("seoul-tokyo", 60).withInstitution("seoul-tokyo-2plus2").start();
    expect(trustMoved(worry.playRound({ tokyo: "defense-buildup" }), "seoul-tokyo")).toBeLessThan(0);
    expect(trustMoved(partner.playRound({ tokyo: "defense-buildup" }), "seoul-tokyo")).toBeGreaterThan(0);
  });

  test("counterstrike needs a build-up behind it", () => {
    const t = table().withJapanDefense(5).start();
    t.endNegotiation();
    expect(t.as("tokyo").try({ type: "commitPolicy", policy: "acquire-counterstrike" })).toMatchObject({ ok: false, error: { code: "POLICY_UNAVAILABLE" } });
  });

  test("uncoordinated counterstrike provokes Pyongyang and alarms Seoul; under a protocol it does neither", () => {
    const alone = table().withJapanDefense(6).withTrust("seoul-tokyo", 60).start();
    const aloneEvents = alone.playRound({ tokyo: "acquire-counterstrike" });
    const coordinated = table().withJapanDefense(6).withTrust("seoul-tokyo", 60).withInstitution("counterstrike-protocol").start();
    const coordinatedEvents = coordinated.playRound({ tokyo: "acquire-counterstrike" });
    expect(alone.state.threat).toBeGreaterThan(coordinated.state.threat);
    expect(trustMoved(aloneEvents, "seoul-tokyo")).toBeLessThan(0);
    expect(trustMoved(coordinatedEvents, "seoul-tokyo")).toBeGreaterThan(0);
    expect(coordinated.state.japanDefense).toBe(alone.state.japanDefense);
  });
});

describe("convening the trilateral helps most when the allies already talk", () => {
  test("a standing ministerial and warm Seoul–Tokyo trust each add to what a meeting achieves", () => {
    const cold = table().withTrust("seoul-tokyo", 35).start();
    const warm = table().withTrust("seoul-tokyo", 50).start();
    const habitual = table().withTrust("seoul-tokyo", 50).withInstitution("trilateral-ministerial").start();
    const gain = (t: ReturnType<typeof cold.playRound>) => trustMoved(t, "seoul-tokyo");
    const g = [gain(cold.playRound({ washington: "convene-trilateral" })), gain(warm.playRound({ washington: "convene-trilateral" })), gain(habitual.playRound({ washington: "convene-trilateral" }))];
    expect(g[1]).toBeGreaterThan(g[0]!);
    expect(g[2]).toBeGreaterThan(g[1]!);
  });
});

describe("trade retaliation reaches security", () => {
  test("export controls breach the firewall and Seoul suspends GSOMIA in answer", () => {
    const t = table().withTrust("seoul-tokyo", 70).withInstitution("gsomia").start();
    t.playRound({ tokyo: "impose-export-controls" });
    expect(t.state.exportControls).toBe(true);
    expect(t.state.firewall).toBe("breached");
    expect(t.state.institutions.gsomia?.status).toBe("suspended");
  });
});
