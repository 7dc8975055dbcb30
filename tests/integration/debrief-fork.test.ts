import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stateHash, type ForkAnswer } from "../../shared/replay/fork.ts";
import { DebriefPayloadSchema } from "../../shared/replay/payload.ts";
import { Stepper } from "../../shared/replay/stepper.ts";
import { AutoPlayer, bootTestServer, createTable, INSTRUCTOR_KEY, joinTable, playToEnd, waitFor, type TestServer } from "./support/harness.ts";

let t: TestServer;
beforeAll(async () => {
  t = await bootTestServer(25693);
});
afterAll(async () => {
  await t.shutdown();
});

const BOTS = { tokyo: "mainstream", washington: "alliance-builder" } as const;

async function debrief(code: string) {
  const res = await fetch(`${t.url}/api/debrief/${code}`, { headers: { "x-instructor-key": INSTRUCTOR_KEY } });
  expect(res.status).toBe(200);
  return DebriefPayloadSchema.parse(await res.json());
}

const fork = (code: string, headers: Record<string, string>, body: unknown) =>
  fetch(`${t.url}/api/debrief/${code}/fork`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

describe("what-if forks", () => {
  it("a solo game forked at round 3 starts from exactly that state, names its parent, and plays to the end", async () => {
    const seoul = await createTable(t.sdk(), { name: "Sora", nation: "seoul", rounds: 4, bots: BOTS });
    const code = seoul.code;
    const token = seoul.seat!.seatToken!;
    const player = new AutoPlayer(seoul, "fork-parent", 2);
    // Before the end, a seat cannot fork (nor read) its running table.
    expect((await fork(code, { "x-seat-token": token }, { step: 1 })).status).toBe(403);
    await playToEnd([player]);
    player.stop();
    await waitFor("stored as ended", async () => (await t.server.trilateral.store.getTable(code))?.status === "ended");
    await seoul.leave();

    const parent = await debrief(code);
    const stepper = new Stepper(parent.record);
    const step = stepper.roundStarts().get(3)!;
    expect(step).toBeGreaterThan(0);

    // Refusals change nothing.
    expect((await fork(code, {}, { step })).status).toBe(401);
    expect((await fork(code, { "x-instructor-key": INSTRUCTOR_KEY }, { step: stepper.last + 1 })).status).toBe(400);
    expect((await fork(code, { "x-instructor-key": INSTRUCTOR_KEY }, { step: stepper.last })).status).toBe(400);
    expect((await fork(code, { "x-instructor-key": INSTRUCTOR_KEY }, { step, seats: { seoul: "conservative" } })).status).toBe(400);
    expect((await fork(code, { "x-instructor-key": INSTRUCTOR_KEY }, { step, seats: { seoul: "hawkish" } })).status).toBe(400);

    // The solo player forks their own finished game.
    const res = await fork(code, { "x-seat-token": token }, { step });
    expect(res.status).toBe(201);
    const answer = (await res.json()) as ForkAnswer;
    expect(answer.parent).toEqual({ code, step });
    expect(answer.humans).toEqual(["seoul"]);
    expect(answer.forkHash).toBe(answer.parentHash);
    expect(answer.parentHash).toBe(stateHash(stepper.stateAt(step)));

    const child = await debrief(answer.code);
    expect(child.parent).toEqual({ code, step });
    expect(child.status).toBe("live");
    expect(child.record.commands).toEqual(parent.record.commands.slice(0, step));
    expect(child.bots.sort()).toEqual(["tokyo", "washington"]);

    // Seoul sits down at the fork; the bots play on; the fork ends and replays from its parent's prefix.
    const again = await joinTable(t.sdk(), answer.code, { name: "Sora again", nation: "seoul" });
    expect(again.view.round).toBe(3);
    const p2 = new AutoPlayer(again, "fork-child", 1);
    await playToEnd([p2]);
    p2.stop();
    await again.leave();
    await waitFor("fork stored as ended", async () => (await t.server.trilateral.store.getTable(answer.code))?.status === "ended");
    const played = await debrief(answer.code);
    expect(played.record.commands.length).toBeGreaterThan(step);
    expect(played.record.commands.slice(0, step)).toEqual(parent.record.commands.slice(0, step));
    const forkStepper = new Stepper(played.record);
    expect(stateHash(forkStepper.stateAt(step))).toBe(answer.parentHash);
    expect(forkStepper.stateAt(forkStepper.last).ended).not.toBeNull();
  });

  it("the instructor forks a table with other humans; a seat of a human table cannot", async () => {
    const seoul = await createTable(t.sdk(), { name: "Ann", nation: "seoul", rounds: 2, bots: { washington: "burden-shifter" } });
    const tokyo = await joinTable(t.sdk(), seoul.code, { name: "Ken", nation: "tokyo" });
    const players = [new AutoPlayer(seoul, "h1", 1), new AutoPlayer(tokyo, "h2", 1)];
    await playToEnd(players);
    players.forEach((p) => p.stop());
    await waitFor("stored as ended", async () => (await t.server.trilateral.store.getTable(seoul.code))?.status === "ended");
    expect((await fork(seoul.code, { "x-seat-token": seoul.seat!.seatToken! }, { step: 3 })).status).toBe(403);
    const res = await fork(seoul.code, { "x-instructor-key": INSTRUCTOR_KEY }, { step: 3, seats: { washington: "human" } });
    expect(res.status).toBe(201);
    const answer = (await res.json()) as ForkAnswer;
    expect(answer.humans).toEqual(["seoul", "tokyo", "washington"]);
    const summary = await (await fetch(`${t.url}/api/tables/${answer.code}`)).json();
    expect(summary.seats.map((s: { occupied: boolean }) => s.occupied)).toEqual([false, false, false]);
    await seoul.leave();
    await tokyo.leave();
  });
});
