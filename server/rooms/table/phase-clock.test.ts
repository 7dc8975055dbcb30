import { describe, expect, it } from "vitest";
import { PhaseClock, type ClockSnapshot } from "./phase-clock.ts";

/** A hand-driven clock: timers fire only when the test advances time. */
function harness(timers = { event: 10, negotiation: 60, policy: 20, summary: 5 }) {
  let now = 1_000_000;
  const pending: { at: number; fn: () => void; live: boolean }[] = [];
  const expired: [number, string][] = [];
  const persisted: ClockSnapshot[] = [];
  const clock = new PhaseClock({
    timers,
    now: () => now,
    schedule: (fn, ms) => {
      const t = { at: now + ms, fn, live: true };
      pending.push(t);
      return { clear: () => void (t.live = false) };
    },
    onExpire: (round, phase) => expired.push([round, phase]),
    persist: (s) => persisted.push(s),
  });
  const advance = (ms: number) => {
    now += ms;
    for (const t of pending.filter((p) => p.live && p.at <= now)) {
      t.live = false;
      t.fn();
    }
  };
  return { clock, advance, expired, persisted, now: () => now, live: () => pending.filter((p) => p.live).length };
}

const negotiation = { round: 1, phase: "negotiation" as const };
const policy = { round: 1, phase: "policy" as const };

describe("phase clock", () => {
  it("arms the phase's deadline at the start and calls it when it passes, not before", () => {
    const h = harness();
    h.clock.start(negotiation);
    expect(h.clock.deadline).toBe(h.now() + 60_000);
    expect(h.persisted.at(-1)).toEqual({ deadline: h.now() + 60_000, paused: false, remainingMs: null });
    h.advance(59_999);
    expect(h.expired).toEqual([]);
    h.advance(1);
    expect(h.expired).toEqual([[1, "negotiation"]]);
  });

  it("plans a new deadline for a new phase, and keeps it within the same phase", () => {
    const h = harness();
    h.clock.start(negotiation);
    expect(h.clock.plan(negotiation, h.now()).changed).toBe(false);
    const plan = h.clock.plan(policy, h.now() + 5);
    expect(plan).toMatchObject({ changed: true, deadline: h.now() + 5 + 20_000, paused: false });
    h.clock.apply(plan, policy);
    expect(h.clock.deadline).toBe(plan.deadline);
    expect(h.live()).toBe(1);
  });

  it("pause freezes the remaining time; resume gives it back; no expiry while paused", () => {
    const h = harness();
    h.clock.start(negotiation);
    h.advance(20_000);
    expect(h.clock.pause()).toEqual({ ok: true });
    expect(h.clock.paused).toBe(true);
    expect(h.clock.deadline).toBeNull();
    expect(h.clock.remainingMs).toBe(40_000);
    expect(h.persisted.at(-1)).toEqual({ deadline: null, paused: true, remainingMs: 40_000 });
    h.advance(600_000);
    expect(h.expired).toEqual([]);
    expect(h.clock.pause().ok).toBe(false);
    expect(h.clock.resume()).toEqual({ ok: true });
    expect(h.clock.deadline).toBe(h.now() + 40_000);
    h.advance(40_000);
    expect(h.expired).toEqual([[1, "negotiation"]]);
  });

  it("extend adds to the deadline, or to the frozen remainder while paused", () => {
    const h = harness();
    h.clock.start(negotiation);
    const first = h.clock.deadline!;
    expect(h.clock.extend(30_000)).toEqual({ ok: true });
    expect(h.clock.deadline).toBe(first + 30_000);
    h.advance(60_000);
    expect(h.expired).toEqual([]);
    h.clock.pause();
    h.clock.extend(10_000);
    expect(h.clock.remainingMs).toBe(40_000);
    expect(h.clock.extend(-5).ok).toBe(false);
  });

  it("a phase change while paused stays paused with the new phase's full time", () => {
    const h = harness();
    h.clock.start(negotiation);
    h.clock.pause();
    const plan = h.clock.plan(policy, h.now());
    expect(plan).toMatchObject({ changed: true, paused: true, deadline: null, remainingMs: 20_000 });
    h.clock.apply(plan, policy);
    h.advance(100_000);
    expect(h.expired).toEqual([]);
    h.clock.resume();
    expect(h.clock.deadline).toBe(h.now() + 20_000);
  });

  it("restores a stored clock: a paused table stays paused, an extended deadline stays extended", () => {
    const h = harness();
    h.clock.restore(negotiation, { deadline: null, paused: true, remainingMs: 12_345 });
    expect(h.clock.paused).toBe(true);
    expect(h.clock.remainingMs).toBe(12_345);
    expect(h.live()).toBe(0);
    const g = harness();
    g.clock.restore(negotiation, { deadline: g.now() + 90_000, paused: false, remainingMs: null });
    g.advance(89_000);
    expect(g.expired).toEqual([]);
    g.advance(1_000);
    expect(g.expired).toEqual([[1, "negotiation"]]);
  });

  it("an untimed table has no deadline and nothing to extend; the end stops everything", () => {
    const h = harness(null as never);
    h.clock.start(negotiation);
    expect(h.clock.deadline).toBeNull();
    expect(h.clock.extend(1000).ok).toBe(false);
    const t = harness();
    t.clock.start(negotiation);
    const end = t.clock.plan({ round: 3, phase: "ended" }, t.now());
    expect(end).toMatchObject({ changed: true, deadline: null, paused: false });
    t.clock.apply(end, { round: 3, phase: "ended" });
    expect(t.live()).toBe(0);
  });
});
