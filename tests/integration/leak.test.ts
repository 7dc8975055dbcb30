import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agendaById } from "../../shared/rules/agendas.ts";
import type { Command } from "../../shared/rules/commands.ts";
import { legalCommands } from "../../shared/rules/legal.ts";
import type { PlayerView } from "../../shared/rules/view.ts";
import { NATIONS, type Nation, type Pair } from "../../shared/rules/vocabulary.ts";
import type { TableRoom } from "../../server/rooms/TableRoom.ts";
import {
  AutoPlayer,
  bootTestServer,
  framesOf,
  fullTable,
  INSTRUCTOR_KEY,
  joinTable,
  playToEnd,
  type TestSeat,
  type TestServer,
} from "./support/harness.ts";

let t: TestServer;
beforeAll(async () => {
  t = await bootTestServer(25671);
});
afterAll(async () => {
  await t.shutdown();
});

const RUN = Math.random().toString(36).slice(2, 8).toUpperCase();
const marker = (what: string, round: number) => `${what}-${round}-${RUN}`;

/** Seoul and Tokyo talk privately, Seoul and Washington too; each of them tables a private proposal that Tokyo turns down. */
function scriptFor(nation: Nation): (view: PlayerView) => Command | null {
  const steps = new Map<string, number>();
  return (view) => {
    const key = `${view.round}:${view.phase}`;
    const step = steps.get(key) ?? 0;
    const next = (c: Command | null) => {
      if (c) steps.set(key, step + 1);
      return c;
    };
    const legal = legalCommands(view, nation);
    const r = view.round;
    switch (view.phase) {
      case "event":
        return next(legal.find((c) => c.type === "respond") ?? null);
      case "policy": {
        if (view.committed[nation]) return null;
        return next(legal.find((c) => c.type === "commitPolicy" && c.policy !== "hold-steady") ?? legal.find((c) => c.type === "commitPolicy") ?? null);
      }
      case "summary":
        return next(legal.find((c) => c.type === "ready") ?? null);
      case "negotiation": {
        const say = (channel: Pair | "table", text: string): Command => ({ type: "say", channel, text });
        const plan: (Command | (() => Command | null))[] =
          nation === "seoul"
            ? [
                say("seoul-tokyo", marker("BILAT-ST", r)),
                say("seoul-washington", marker("BILAT-SW", r)),
                { type: "tableProposal", parties: ["seoul", "tokyo"], terms: [{ kind: "jointStatement", topic: "united-front" }], note: marker("PRIVNOTE-ST", r) },
                () => legal.find((c) => c.type === "ready") ?? null,
              ]
            : nation === "washington"
              ? [
                  say("seoul-washington", marker("BILAT-WS", r)),
                  { type: "tableProposal", parties: ["tokyo", "washington"], terms: [{ kind: "jointStatement", topic: "united-front" }], note: marker("PRIVNOTE-TW", r) },
                  say("table", `Hello everyone, round ${r}.`),
                  () => legal.find((c) => c.type === "ready") ?? null,
                ]
              : [
                  say("seoul-tokyo", marker("BILAT-TS", r)),
                  say("tokyo-washington", marker("BILAT-TW", r)),
                  // Turn down both private proposals once they are on the table, then finish.
                  () => {
                    const open = view.proposals.filter((p) => p.round === r && p.status === "open" && p.by !== "tokyo");
                    if (open.length > 0) return { type: "rejectProposal", proposalId: open[0]!.id };
                    const mine = view.proposals.filter((p) => p.round === r && p.by !== "tokyo");
                    return mine.length === 2 ? (legal.find((c) => c.type === "ready") ?? null) : null;
                  },
                ];
        const item = plan[Math.min(step, plan.length - 1)]!;
        const command = typeof item === "function" ? item() : item;
        if (!command) return null;
        if (step >= plan.length - 1 && typeof item === "function") {
          // the last item repeats (rejections, then ready); count it only once it is "ready"
          if (command.type === "ready") steps.set(key, step + 1);
          return step >= plan.length ? null : command;
        }
        return next(command);
      }
      default:
        return null;
    }
  };
}

function contains(frames: { bytes: Buffer }[], secret: string): boolean {
  const needle = Buffer.from(secret, "utf8");
  return frames.some((f) => f.bytes.includes(needle));
}

describe("hidden information on the wire", () => {
  it("no client ever receives another seat's secrets, in messages or in state patches", { timeout: 60_000 }, async () => {
    const { seoul, tokyo, washington, code } = await fullTable(t.sdk(), { rounds: 2 });
    const spectator = await joinTable(t.sdk(), code, { spectate: true });
    const instructor = await joinTable(t.sdk(), code, { instructorKey: INSTRUCTOR_KEY });
    const seats: Record<Nation, TestSeat> = { seoul, tokyo, washington };
    const players = NATIONS.map((n, i) => {
      const p = new AutoPlayer(seats[n], `leak-${i}`, 50);
      p.script = scriptFor(n);
      return p;
    });
    const playerOf = (n: Nation) => players[NATIONS.indexOf(n)]!;
    await playToEnd(players, 50_000);

    for (const p of players) {
      const refused = p.replies.filter((r) => !r.ok);
      expect(refused, `${p.seat.nation} had commands refused`).toEqual([]);
    }

    const room = t.colyseus.getRoomById(code) as unknown as TableRoom;
    const state = room.gameState;
    const beforeEnd = (s: TestSeat) => framesOf(s.room).slice(0, s.endedAtFrame);
    expect(seoul.endedAtFrame).toBeGreaterThan(0);
    // The game reached every client as deltas after one full view, so the frames searched below are deltas.
    for (const s of [seoul, tokyo, washington, spectator, instructor]) {
      expect(s.views.filter((v) => v.via === "view")).toHaveLength(1);
      expect(s.deltas.length).toBeGreaterThan(20);
      expect(s.gaps).toEqual([]);
    }

    // Agendas: each seat sees only its own until the end; the spectator sees none.
    for (const owner of NATIONS) {
      const agenda = agendaById(state.agendas[owner].id)!;
      const secrets = [agenda.id, agenda.title];
      for (const viewer of NATIONS) {
        const frames = beforeEnd(seats[viewer]);
        for (const secret of secrets) expect(contains(frames, secret), `${viewer} saw ${owner}'s agenda "${secret}"`).toBe(owner === viewer);
      }
      for (const secret of secrets) {
        expect(contains(beforeEnd(spectator), secret), `the spectator saw ${owner}'s agenda`).toBe(false);
        expect(contains(framesOf(instructor.room), secret), "the instructor sees every agenda").toBe(true);
      }
    }

    // Bilateral chat and private proposals: only their parties (and the instructor).
    const privateTexts: { text: string; parties: Nation[] }[] = [];
    for (const r of [1, 2]) {
      privateTexts.push({ text: marker("BILAT-ST", r), parties: ["seoul", "tokyo"] });
      privateTexts.push({ text: marker("BILAT-TS", r), parties: ["seoul", "tokyo"] });
      privateTexts.push({ text: marker("BILAT-SW", r), parties: ["seoul", "washington"] });
      privateTexts.push({ text: marker("BILAT-WS", r), parties: ["seoul", "washington"] });
      privateTexts.push({ text: marker("BILAT-TW", r), parties: ["tokyo", "washington"] });
      privateTexts.push({ text: marker("PRIVNOTE-ST", r), parties: ["seoul", "tokyo"] });
      privateTexts.push({ text: marker("PRIVNOTE-TW", r), parties: ["tokyo", "washington"] });
    }
    for (const { text, parties } of privateTexts) {
      for (const viewer of NATIONS) {
        expect(contains(beforeEnd(seats[viewer]), text), `${viewer} and "${text}"`).toBe(parties.includes(viewer));
      }
      expect(contains(beforeEnd(spectator), text), `the spectator saw "${text}"`).toBe(false);
      expect(contains(framesOf(instructor.room), text)).toBe(true);
    }
    // Bilateral messages are in the game (and come back in views): the parties' last view holds them.
    expect(seoul.view.messages.some((m) => m.text === marker("BILAT-TS", 1) && m.channel === "seoul-tokyo")).toBe(true);

    // Uncommitted policies: structurally, no view shows another seat's policy before the reveal…
    for (const viewer of NATIONS) {
      for (const v of seats[viewer].views) {
        if (v.view.phase === "ended") continue;
        expect(Object.keys(v.view.policies).every((n) => n === viewer), `${viewer} saw another seat's policy`).toBe(true);
      }
    }
    // …and on the wire, a committed policy id never reaches another seat between its commit and the reveal.
    let policyChecks = 0;
    for (const r of [1, 2]) {
      for (const owner of NATIONS) {
        const policy = state.rounds[r - 1]!.policies[owner];
        const commit = playerOf(owner).sent.find((s) => s.round === r && s.command.type === "commitPolicy" && s.command.policy === policy);
        if (!commit || policy === "hold-steady") continue;
        for (const viewer of NATIONS.filter((n) => n !== owner)) {
          const s = seats[viewer];
          const frames = framesOf(s.room);
          const revealView = s.views.findIndex((v) => v.events.some((e) => e.type === "policiesRevealed" && e.round === r));
          expect(revealView).toBeGreaterThanOrEqual(0);
          const revealFrame = s.viewFrames[revealView]!;
          const before = frames.slice(0, revealFrame).filter((f) => f.t < commit.t);
          if (contains(before, policy)) continue; // the id was already public (e.g. in the history): nothing to test
          const window = frames.slice(0, revealFrame).filter((f) => f.t >= commit.t);
          policyChecks += 1;
          expect(contains(window, policy), `${viewer} learned ${owner}'s uncommitted policy ${policy} in round ${r}`).toBe(false);
        }
      }
    }

    expect(policyChecks).toBeGreaterThanOrEqual(4);

    // After the end, everything is revealed to the table.
    expect(Object.keys(seoul.view.agendas).sort()).toEqual(["seoul", "tokyo", "washington"]);
    expect(seoul.view.messages.some((m) => m.channel === "tokyo-washington")).toBe(true);
    for (const s of [seoul, tokyo, washington, spectator, instructor]) await s.leave();
  });
});
