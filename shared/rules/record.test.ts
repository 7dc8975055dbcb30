import { describe, expect, test } from "vitest";
import { legalRandom } from "../bots/random.ts";
import { playGame } from "../sim/play.ts";
import { mixedDeck } from "../../tests/support/cards.ts";
import { newGame } from "./apply.ts";
import { SYSTEM } from "./commands.ts";
import { parseRecord, replay, ReplayError, serializeRecord } from "./record.ts";

const policies = { seoul: legalRandom, tokyo: legalRandom, washington: legalRandom };

describe("game records", () => {
  test("a record survives JSON and replays to the same final state, byte for byte", () => {
    const game = playGame({ seed: 7, options: { rounds: 4 }, deck: mixedDeck(), policies, keepRecord: true });
    const loaded = parseRecord(serializeRecord(game.record!));
    expect(JSON.stringify(replay(loaded))).toBe(JSON.stringify(game.state));
  });

  test("a record with a tampered command is refused with a readable error", () => {
    const game = playGame({ seed: 8, options: { rounds: 2 }, deck: mixedDeck(), policies, keepRecord: true });
    const json = JSON.parse(serializeRecord(game.record!));
    json.commands[0].command = { type: "commitPolicy", policy: 42 };
    expect(() => parseRecord(JSON.stringify(json))).toThrow(/commands\.0\.command/);
  });

  test("a record whose command no longer fits the game is refused on replay, naming the command", () => {
    const game = playGame({ seed: 9, options: { rounds: 2 }, deck: mixedDeck(), policies, keepRecord: true });
    const record = game.record!;
    // The first deadline, recorded twice: the second is for a phase the table has already left.
    const deadline = { seq: 1, actor: SYSTEM, at: 1, command: { type: "phaseTimeout" as const, round: 1, phase: newGame(9, { rounds: 2 }, mixedDeck()).state.phase } };
    const doubled = { ...record, commands: [deadline, { ...deadline, seq: 2 }] };
    expect(() => replay(doubled)).toThrow(ReplayError);
    expect(() => replay(doubled)).toThrow(/Command 2 \(phaseTimeout\) was refused on replay: STALE_TIMEOUT/);
    // Once, it replays.
    expect(replay({ ...record, commands: [deadline] }).round).toBe(1);
  });

  test("records from another rules version are refused", () => {
    const game = playGame({ seed: 10, options: { rounds: 1 }, deck: mixedDeck(), policies, keepRecord: true });
    expect(() => replay({ ...game.record!, rulesVersion: "trilateral-rules/0" })).toThrow(/trilateral-rules\/0/);
  });

  test("not-JSON is refused with a readable error", () => {
    expect(() => parseRecord("{oops")).toThrow(/not valid JSON/);
  });
});
