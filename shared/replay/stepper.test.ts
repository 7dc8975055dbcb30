import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { replay } from "../rules/record.ts";
import { viewFor } from "../rules/view.ts";
import { mixedDeck } from "../../tests/support/cards.ts";
import { finishedGame, scriptedGame } from "../../tests/support/replay-games.ts";
import { recordFor } from "./audience.ts";
import { metersOf } from "./meters.ts";
import { meterRows, seriesOf } from "./series.ts";
import { Stepper } from "./stepper.ts";
import { storiesOf } from "./story.ts";

const deck = mixedDeck();
const script = fc.array(fc.nat({ max: 10_000 }), { minLength: 20, maxLength: 220 });

describe("the replay stepper", () => {
  test("property: replay to every step, in any order, gives exactly the states of the live game", () => {
    fc.assert(
      fc.property(fc.nat({ max: 1000 }), fc.integer({ min: 1, max: 6 }), script, fc.integer({ min: 1, max: 30 }), fc.array(fc.nat(), { maxLength: 40 }), (seed, rounds, choices, k, order) => {
        const { states, record } = scriptedGame(seed, rounds, choices, deck);
        const stepper = new Stepper(record, { checkpointEvery: k });
        expect(stepper.last).toBe(states.length - 1);
        for (const pick of order) {
          const n = pick % states.length;
          expect(stepper.stateAt(n)).toEqual(states[n]);
        }
        for (let n = 0; n < states.length; n++) {
          expect(stepper.stateAt(n)).toEqual(states[n]);
          expect(stepper.steps[n]!.meters).toEqual(metersOf(states[n]!));
          expect(stepper.steps[n]!.phase).toBe(states[n]!.phase);
        }
        expect(stepper.stateAt(stepper.last)).toEqual(replay(record));
      }),
      { numRuns: 40 },
    );
  });

  test("property: a record with private channels withheld replays to the same game, with only the table chat", () => {
    fc.assert(
      fc.property(fc.nat({ max: 1000 }), script, (seed, choices) => {
        const { states, record } = scriptedGame(seed, 4, choices, deck);
        const shown = recordFor(record, { kind: "seat", withholdPrivateChannels: true });
        expect(shown.commands.some((c) => c.command.type === "say" && c.command.channel !== "table")).toBe(false);
        const full = states[states.length - 1]!;
        const derived = new Stepper(shown).stateAt(shown.commands.length);
        // Message ids count per channel, so the table's messages keep their ids.
        expect({ ...derived, messages: [] }).toEqual({ ...full, messages: [] });
        expect(derived.messages).toEqual(full.messages.filter((m) => m.channel === "table"));
        expect(recordFor(record, { kind: "instructor" })).toBe(record);
        expect(recordFor(record, { kind: "seat", withholdPrivateChannels: false })).toBe(record);
      }),
      { numRuns: 25 },
    );
  });

  test("phase and round starts, series and long-format rows follow the steps", () => {
    const { states, record } = finishedGame(7, 3, Array.from({ length: 80 }, (_, i) => (i * 7919) % 10_000), deck);
    const stepper = new Stepper(record);
    const starts = stepper.phaseStarts();
    expect(starts[0]).toBe(0);
    for (const s of starts.slice(1)) {
      const a = states[s - 1]!;
      const b = states[s]!;
      expect(a.phase !== b.phase || a.round !== b.round).toBe(true);
    }
    expect([...stepper.roundStarts().keys()]).toEqual([1, 2, 3]);
    const series = seriesOf(stepper.steps);
    expect(series.values["trust:seoul-tokyo"]).toEqual(states.map((s) => s.trust["seoul-tokyo"]));
    const rows = meterRows("ABCDE", stepper.steps);
    const last = new Map<string, number>();
    for (const r of rows) last.set(r.meter, r.value);
    const final = metersOf(states[states.length - 1]!);
    for (const [meter, value] of last) expect(value).toBe(final[meter]);
    expect(rows.every((r) => r.table === "ABCDE" && r.cause.length > 0)).toBe(true);
  });

  test("stories: agendas revealed with whether met, score lines that add up, policies every round", () => {
    const { states, record } = finishedGame(11, 3, Array.from({ length: 60 }, (_, i) => (i * 104_729) % 10_000), deck);
    const final = states[states.length - 1]!;
    const stepper = new Stepper(record);
    const stories = storiesOf(stepper.steps, stepper.stateAt(stepper.last));
    const after = viewFor(final, { kind: "after" });
    for (const story of stories) {
      expect(story.agenda.title).toBe(after.agendas[story.nation]!.title);
      expect(story.agenda.met).toBe(final.ended!.scores[story.nation].agendaMet);
      expect(story.score!.total).toBeCloseTo(story.score!.lines.reduce((s, l) => s + l.points, 0), 0);
      expect(story.decisions.filter((d) => d.kind === "policy").map((d) => d.round)).toEqual(final.rounds.map((r) => r.round));
    }
  });
});
