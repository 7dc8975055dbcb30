import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootTestServer, fullTable, INSTRUCTOR_KEY, joinTable, waitFor, type TestServer } from "./support/harness.ts";

let t: TestServer;
beforeAll(async () => {
  t = await bootTestServer(25676);
});
afterAll(async () => {
  await t.shutdown();
});

describe("phase timers", () => {
  it("deadlines run on the server and their expiry enters the log as a system command", { timeout: 30_000 }, async () => {
    const timers = { event: 5, negotiation: 10, policy: 5, summary: 3 };
    const { seoul, tokyo, washington, code } = await fullTable(t.sdk(), { deckOrder: "chronological", timers });
    await waitFor("the clock runs", () => seoul.room.state.started && seoul.room.state.deadline > 0);
    const store = t.server.trilateral.store;
    expect(seoul.view.phase).toBe("negotiation");
    const deadline = seoul.room.state.deadline;
    expect(deadline).toBe((await store.getTable(code))!.deadline);
    expect(deadline - Date.now()).toBeGreaterThan(8_000);
    expect(deadline - Date.now()).toBeLessThanOrEqual(10_000);

    // the instructor may end a phase early (the engine allows it; it is logged as the instructor)
    const teacher = await joinTable(t.sdk(), code, { instructorKey: INSTRUCTOR_KEY });
    expect(await teacher.act({ type: "phaseTimeout", round: 1, phase: "negotiation" })).toEqual({ ok: true });
    await waitFor("policy phase", () => seoul.view.phase === "policy");
    const policyDeadline = await waitFor("a new deadline", () => (seoul.room.state.deadline !== deadline ? seoul.room.state.deadline : 0));
    expect(policyDeadline - Date.now()).toBeLessThanOrEqual(5_000);

    // Seoul commits, the others do not: the clock closes the phase and they hold steady
    expect(await seoul.act({ type: "commitPolicy", policy: "make-the-case-at-home" })).toEqual({ ok: true });
    await waitFor("the policy deadline passes", () => seoul.view.phase === "summary" || seoul.view.phase === "ended", 8_000);
    expect(Date.now()).toBeGreaterThanOrEqual(policyDeadline - 5);
    const log = await store.commands(code);
    const timeouts = log.filter((c) => c.command.type === "phaseTimeout");
    expect(timeouts.map((c) => [c.actor.kind, c.command])).toEqual([
      ["instructor", { type: "phaseTimeout", round: 1, phase: "negotiation" }],
      ["system", { type: "phaseTimeout", round: 1, phase: "policy" }],
    ]);
    expect(seoul.view.history[0]!.policies).toEqual({ seoul: "make-the-case-at-home", tokyo: "hold-steady", washington: "hold-steady" });
    for (const s of [seoul, tokyo, washington, teacher]) await s.leave();
  });
});
