import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { applyCommand, newGame } from "../../shared/rules/apply.ts";
import { seat } from "../../shared/rules/commands.ts";
import type { GameState } from "../../shared/rules/state.ts";
import { viewFor, type Viewer } from "../../shared/rules/view.ts";
import { NATIONS, PAIRS, type Nation } from "../../shared/rules/vocabulary.ts";
import { mixedDeck } from "../support/cards.ts";

const deck = mixedDeck();
const VIEWERS: Viewer[] = [...NATIONS.map((nation) => ({ kind: "seat", nation }) as const), { kind: "spectator" }];

/** What a viewer may read, worked out here on its own: the table's talk, and the pair channels it is in. */
function readable(state: GameState, viewer: Viewer): string[] {
  return state.messages.filter((m) => m.channel === "table" || (viewer.kind === "seat" && m.channel.split("-").includes(viewer.nation))).map((m) => m.text);
}

/** A line said by `speaker` on the table or one of its pair channels (`pick` chooses which). */
function say(state: GameState, speaker: Nation, pick: number, text: string): GameState {
  const channels = ["table", ...PAIRS.filter((p) => p.split("-").includes(speaker))] as const;
  const r = applyCommand(state, { actor: seat(speaker), at: 1, command: { type: "say", channel: channels[pick % channels.length]!, text } });
  if (!r.ok) throw new Error(r.error.message);
  return r.state;
}

describe("a viewer's part of the chat (built on from the last view of the same chat)", () => {
  test("is exactly what it may read, whichever states are viewed in whichever order: two branches of one chat, going back in time, the same state twice", () => {
    const line = fc.record({ speaker: fc.constantFrom(...NATIONS), pick: fc.nat(3) });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.array(line, { maxLength: 8 }), fc.array(line, { maxLength: 8 }), fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (trunk, left, right, visits) => {
        const start = newGame(5, { rounds: 2 }, deck).state;
        const states = [start];
        let s = start;
        trunk.forEach((l, i) => states.push((s = say(s, l.speaker, l.pick, `trunk ${i}`))));
        const fork = s;
        for (const [name, branch] of [["left", left], ["right", right]] as const) {
          let b = fork;
          branch.forEach((l, i) => states.push((b = say(b, l.speaker, l.pick, `${name} ${i}`))));
        }
        for (const v of visits) {
          const state = states[v % states.length]!;
          const viewer = VIEWERS[Math.floor(v / states.length) % VIEWERS.length]!;
          expect(viewFor(state, viewer).messages.map((m) => m.text)).toEqual(readable(state, viewer));
        }
      }),
      { numRuns: 150 },
    );
  });
});
