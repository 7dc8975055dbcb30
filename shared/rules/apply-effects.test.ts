import { describe, expect, test } from "vitest";
import { cardWithEffects, quietDeck, testCard } from "../../tests/support/cards.ts";
import { changesOf, table } from "../../tests/support/scenario.ts";

describe("history shocks and the firewall", () => {
  test("while the firewall stands, a history shock hits Seoul–Tokyo trust at half strength", () => {
    const t = table().withTrust("seoul-tokyo", 50).start();
    const [change] = changesOf(t.playRound({ seoul: "visit-dokdo" })).filter((c) => c.meter.meter === "trust" && c.meter.pair === "seoul-tokyo");
    expect(change).toMatchObject({ from: 50, to: 44, requested: -12, firewalled: true });
    expect(change!.cause.label).toBe("Seoul: Visit Dokdo");
  });

  test("once the firewall is breached, the same shock lands in full", () => {
    const t = table().withTrust("seoul-tokyo", 50).withFirewall("breached").start();
    const [change] = changesOf(t.playRound({ seoul: "visit-dokdo" })).filter((c) => c.meter.meter === "trust" && c.meter.pair === "seoul-tokyo");
    expect(change).toMatchObject({ from: 50, to: 38, firewalled: false });
  });

  test("the firewall keeps a history dispute from suspending a security institution", () => {
    const deck = [testCard("calm"), cardWithEffects("a-suspension", [{ kind: "institution", op: "suspend", institution: "gsomia", domain: "history" }]), ...quietDeck(8)];
    // Trust well above the strain line (§4.5), so only the card can touch GSOMIA.
    const intact = table().withDeck(deck).withTrust("seoul-tokyo", 60).withInstitution("gsomia").start();
    intact.playRound();
    const events = intact.timeout();
    expect(intact.state.current.cardId).toBe("a-suspension");
    expect(intact.state.institutions.gsomia?.status).toBe("in-force");
    expect(events.some((e) => e.type === "effectBlocked" && e.reason === "firewall")).toBe(true);

    const breached = table().withDeck(deck).withTrust("seoul-tokyo", 60).withInstitution("gsomia").withFirewall("breached").start();
    breached.playRound();
    breached.timeout();
    expect(breached.state.institutions.gsomia).toEqual({ status: "suspended", since: 2 });
  });
});

describe("institutions absorb trust losses between their members", () => {
  test("each institution in force between the pair absorbs its share of a loss", () => {
    const t = table().withTrust("seoul-tokyo", 50).withFirewall("breached").withInstitution("gsomia").withInstitution("acsa").start();
    const [change] = changesOf(t.playRound({ seoul: "visit-dokdo" })).filter((c) => c.meter.meter === "trust" && c.meter.pair === "seoul-tokyo" && c.cause.kind === "policy");
    // Dokdo asks −12; two institutions absorb 15 % each: 30 % of 12, rounded down, is 3.
    expect(change!.requested).toBe(-12);
    expect(change!.absorbed).toBe(3);
    expect(change!.absorbedBy).toEqual(["gsomia", "acsa"]);
    expect(change!.to).toBe(41);
  });

  test("absorption is capped", () => {
    const t = table()
      .withTrust("seoul-tokyo", 50)
      .withFirewall("breached")
      .withInstitution("gsomia")
      .withInstitution("acsa")
      .withInstitution("shuttle-summits")
      .withInstitution("seoul-tokyo-2plus2")
      .withInstitution("hadr-pko")
      .withInstitution("trilateral-ministerial")
      .start();
    const [change] = changesOf(t.playRound({ seoul: "visit-dokdo" })).filter((c) => c.meter.meter === "trust" && c.meter.pair === "seoul-tokyo" && c.cause.kind === "policy");
    // Six institutions would absorb 90 %; the cap is 60 %: 7 of the 12 points, so trust ends at 45.
    expect(change!.absorbed).toBe(7);
    expect(change!.to).toBe(45);
  });

  test("a suspended institution absorbs nothing", () => {
    const t = table().withTrust("seoul-tokyo", 50).withFirewall("breached").withInstitution("gsomia", "suspended").start();
    const [change] = changesOf(t.playRound({ seoul: "visit-dokdo" })).filter((c) => c.meter.meter === "trust" && c.meter.pair === "seoul-tokyo" && c.cause.kind === "policy");
    expect(change!.absorbed).toBe(0);
  });
});

describe("meters stay in bounds", () => {
  test("a change past a bound is clamped and recorded with what was asked", () => {
    const t = table().withSupport("seoul", 98).start();
    const [change] = changesOf(t.playRound({ seoul: "visit-dokdo" })).filter((c) => c.meter.meter === "support" && c.meter.nation === "seoul");
    expect(change).toMatchObject({ from: 98, to: 100 });
    expect(change!.requested).toBeGreaterThan(2);
  });
});

describe("every meter change carries its cause", () => {
  test("card effects name the card, in the round they happened", () => {
    const deck = [cardWithEffects("radar-lock-on", [{ kind: "trust", pair: "seoul-tokyo", delta: -8 }]), ...quietDeck(8)];
    const t = table().withDeck(deck).start();
    const change = t.state.changes[0]!;
    expect(change.round).toBe(1);
    expect(change.cause).toEqual({ kind: "card", cardId: "radar-lock-on", label: "Test card radar-lock-on" });
    expect(change.to - change.from).toBe(-8);
  });
});
