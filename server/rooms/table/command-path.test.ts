import { describe, expect, it } from "vitest";
import { newGame } from "../../../shared/rules/apply.ts";
import { seat, SYSTEM } from "../../../shared/rules/commands.ts";
import { mixedDeck } from "../../../tests/support/cards.ts";
import { createLogger } from "../../log.ts";
import type { CommitEffects, CommitEntry } from "../../storage/store.ts";
import { CommandPath, type Accepted } from "./command-path.ts";
import { PhaseClock } from "./phase-clock.ts";

function setup(opts: { failWrites?: boolean; slowWrites?: boolean } = {}) {
  const game = newGame(11, { rounds: 2, deckOrder: "chronological" }, mixedDeck()).state;
  const written: { entry: CommitEntry; effects: CommitEffects }[] = [];
  const accepted: Accepted[] = [];
  const order: string[] = [];
  /** With slowWrites: the pending commits, released by the test one at a time. */
  const pending: (() => void)[] = [];
  const clock = new PhaseClock({ timers: { event: 10, negotiation: 60, policy: 20, summary: 5 }, schedule: () => ({ clear() {} }), onExpire() {}, persist() {} });
  clock.start(game);
  const path = new CommandPath({
    code: "TESTS",
    game,
    seq: 0,
    clock,
    log: createLogger("silent"),
    store: {
      async commit(_code, entry, effects) {
        if (opts.failWrites) throw new Error("disk full");
        if (opts.slowWrites) await new Promise<void>((resolve) => pending.push(resolve));
        order.push(`commit ${entry.seq}`);
        written.push({ entry, effects });
      },
    },
    onAccepted: (a) => {
      order.push(`accepted ${a.seq}`);
      accepted.push(a);
    },
  });
  return { path, written, accepted, order, clock, game, pending };
}

describe("command path", () => {
  it("writes an accepted command before anyone hears of it, and numbers it", async () => {
    const h = setup();
    const reply = await h.path.execute(seat("seoul"), { type: "say", channel: "table", text: "hi" }, "a1");
    expect(reply).toEqual({ ok: true });
    expect(h.order).toEqual(["commit 1", "accepted 1"]);
    expect(h.written[0]!.entry).toMatchObject({ seq: 1, actor: seat("seoul"), actionId: "a1" });
    expect(h.written[0]!.effects.phaseChanged).toBe(false);
    expect(h.path.seq).toBe(1);
    expect(h.path.state.messages.map((m) => m.text)).toEqual(["hi"]);
  });

  it("a refusal changes nothing and writes nothing", async () => {
    const h = setup();
    const reply = await h.path.execute(seat("seoul"), { type: "commitPolicy", policy: "hold-steady" });
    expect(reply).toMatchObject({ ok: false, code: "WRONG_PHASE" });
    expect(h.written).toEqual([]);
    expect(h.path.state).toBe(h.game);
  });

  it("a failed write leaves the game as it was and answers SERVER_ERROR, which a retry may repeat", async () => {
    const h = setup({ failWrites: true });
    const reply = await h.path.submit(seat("seoul"), { type: "say", channel: "table", text: "hi" }, "a1");
    expect(reply).toMatchObject({ ok: false, code: "SERVER_ERROR" });
    expect(h.path.state).toBe(h.game);
    expect(h.path.seq).toBe(0);
    expect(h.accepted).toEqual([]);
  });

  it("a retried action id gets its first reply and is applied once; ids are per actor", async () => {
    const h = setup();
    const say = { type: "say", channel: "table", text: "once" } as const;
    expect(await h.path.submit(seat("seoul"), say, "same")).toEqual({ ok: true });
    expect(await h.path.submit(seat("seoul"), say, "same")).toEqual({ ok: true });
    expect(h.path.state.messages).toHaveLength(1);
    expect(await h.path.submit(seat("tokyo"), say, "same")).toEqual({ ok: true });
    expect(h.path.state.messages).toHaveLength(2);
    // a gate (e.g. the chat limit) runs only for a new action id
    let gated = 0;
    const gate = () => (gated++, { ok: false as const, code: "RATE_LIMITED" as const, message: "slow" });
    expect(await h.path.submit(seat("seoul"), say, "same", gate)).toEqual({ ok: true });
    expect(await h.path.submit(seat("seoul"), say, "new", gate)).toMatchObject({ code: "RATE_LIMITED" });
    expect(gated).toBe(1);
    h.path.remember({ kind: "instructor" }, "from-the-log");
    expect(await h.path.submit({ kind: "instructor" }, { type: "phaseTimeout", round: 9, phase: "event" }, "from-the-log")).toEqual({ ok: true });
  });

  it("a phase change writes the new phase, round and deadline with the command, and re-arms the clock", async () => {
    const h = setup();
    const { round, phase } = h.path.state;
    expect(await h.path.execute(SYSTEM, { type: "phaseTimeout", round, phase })).toEqual({ ok: true });
    const { effects } = h.written[0]!;
    expect(effects.phaseChanged).toBe(true);
    expect(effects.phase).toBe(h.path.state.phase);
    expect(effects.clock.deadline).toBe(h.clock.deadline);
    expect(h.accepted[0]!.phaseChanged).toBe(true);
  });

  it("commands that arrive while a commit is pending wait their turn: committed and broadcast in order, each on the state before it", async () => {
    const h = setup({ slowWrites: true });
    const say = (text: string) => ({ type: "say", channel: "table", text }) as const;
    const first = h.path.submit(seat("seoul"), say("one"), "1");
    const second = h.path.submit(seat("tokyo"), say("two"), "2");
    const retry = h.path.submit(seat("seoul"), say("one"), "1"); // the first one's retry, sent before its answer
    const third = h.path.execute(SYSTEM, { type: "phaseTimeout", round: h.game.round, phase: h.game.phase });
    await Promise.resolve();
    expect(h.pending).toHaveLength(1); // only the first is being written
    expect(h.accepted).toEqual([]); // and nobody has heard of it
    while (h.written.length < 3) {
      await new Promise((r) => setTimeout(r, 0));
      h.pending.shift()?.();
    }
    expect(await Promise.all([first, second, retry, third])).toEqual([{ ok: true }, { ok: true }, { ok: true }, { ok: true }]);
    expect(h.order).toEqual(["commit 1", "accepted 1", "commit 2", "accepted 2", "commit 3", "accepted 3"]);
    expect(h.written.map((w) => w.entry.actionId)).toEqual(["1", "2", null]);
    expect(h.path.state.messages.map((m) => m.text)).toEqual(["one", "two"]);
    expect(h.accepted[2]!.phaseChanged).toBe(true);
  });

  it("a failed write does not stop the commands queued behind it", async () => {
    let fail = true;
    const h = setup();
    const real = h.path["o"].store.commit;
    h.path["o"].store.commit = async (...args) => {
      if (fail) {
        fail = false;
        throw new Error("connection reset");
      }
      return real(...args);
    };
    const [a, b] = await Promise.all([
      h.path.submit(seat("seoul"), { type: "say", channel: "table", text: "lost" }, "x"),
      h.path.submit(seat("tokyo"), { type: "say", channel: "table", text: "kept" }, "y"),
    ]);
    expect(a).toMatchObject({ ok: false, code: "SERVER_ERROR" });
    expect(b).toEqual({ ok: true });
    expect(h.written.map((w) => w.entry.seq)).toEqual([1]);
    expect(h.path.state.messages.map((m) => m.text)).toEqual(["kept"]);
  });
});
