import { describe, expect, test } from "vitest";
import { legalRandom } from "../bots/random.ts";
import { playGame } from "../sim/play.ts";
import { mixedDeck } from "../../tests/support/cards.ts";
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
    const record = { ...game.record!, commands: [game.record!.commands[0]!, game.record!.commands[0]!, ...game.record!.commands.slice(1)] };
    const first = record.commands[0]!;
    if (first.command.type === "ready" || first.command.type === "respond" || first.command.type === "phaseTimeout") {
      expect(() => replay({ ...record, commands: record.commands.map((c, i) => ({ ...c, seq: i + 1 })) })).toThrow(ReplayError);
    }
  });

  test("records from another rules version are refused", () => {
    const game = playGame({ seed: 10, options: { rounds: 1 }, deck: mixedDeck(), policies, keepRecord: true });
    expect(() => replay({ ...game.record!, rulesVersion: "trilateral-rules/0" })).toThrow(/trilateral-rules\/0/);
  });

  test("not-JSON is refused with a readable error", () => {
    expect(() => parseRecord("{oops")).toThrow(/not valid JSON/);
  });
});
