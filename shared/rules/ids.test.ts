import { describe, expect, it } from "vitest";
import { applyCommand, newGame } from "./apply.ts";
import { seat, SYSTEM, type Actor, type Command } from "./commands.ts";
import type { GameState } from "./state.ts";
import { viewFor } from "./view.ts";
import { quietDeck } from "../../tests/support/cards.ts";

function run(steps: [Actor, Command][]): GameState {
  let state = newGame(3, { rounds: 2, deckOrder: "chronological" }, quietDeck(6)).state;
  const timeout = applyCommand(state, { actor: SYSTEM, at: 1, command: { type: "phaseTimeout", round: 1, phase: "event" } });
  if (timeout.ok) state = timeout.state;
  for (const [actor, command] of steps) {
    const r = applyCommand(state, { actor, at: 1000, command });
    if (!r.ok) throw new Error(`${command.type}: ${r.error.code}`);
    state = r.state;
  }
  return state;
}

const say = (from: "seoul" | "tokyo" | "washington", channel: "table" | "seoul-tokyo" | "tokyo-washington", text: string): [Actor, Command] => [seat(from), { type: "say", channel, text }];
const propose = (from: "seoul" | "tokyo" | "washington", parties: ("seoul" | "tokyo" | "washington")[]): [Actor, Command] => [
  seat(from),
  { type: "tableProposal", parties, terms: [{ kind: "jointStatement", topic: "united-front" }], note: "" },
];

describe("chat and proposal ids", () => {
  it("are numbered per channel and per party set, so a seat's view says nothing of the others' private talk", () => {
    const open: [Actor, Command][] = [say("washington", "table", "hello"), say("tokyo", "tokyo-washington", "a word"), propose("washington", ["tokyo", "washington"]), say("seoul", "table", "hi all")];
    const secret: [Actor, Command][] = [say("seoul", "seoul-tokyo", "psst"), say("tokyo", "seoul-tokyo", "yes?"), propose("seoul", ["seoul", "tokyo"]), propose("tokyo", ["seoul", "tokyo"])];
    // the same public game, with and without Seoul and Tokyo talking privately in between
    const quiet = run(open);
    const busy = run([secret[0]!, open[0]!, secret[1]!, open[1]!, secret[2]!, open[2]!, secret[3]!, open[3]!]);
    const washington = { kind: "seat", nation: "washington" } as const;
    expect(viewFor(busy, washington)).toEqual(viewFor(quiet, washington));
    expect(viewFor(busy, washington).messages.map((m) => [m.channel, m.id])).toEqual([["table", 1], ["tokyo-washington", 1], ["table", 2]]);
    expect(busy.proposals.map((p) => p.id)).toEqual(["ST1", "TW1", "ST2"]);
    expect(viewFor(busy, { kind: "seat", nation: "seoul" }).messages.filter((m) => m.channel === "seoul-tokyo").map((m) => m.id)).toEqual([1, 2]);
  });
});
