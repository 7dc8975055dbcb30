import { describe, expect, it } from "vitest";
import type { ConsoleTable } from "../../../../shared/protocol/class-messages.ts";
import { applyConsoleMessage, arrangeTables, classCounts, clock, idleNow, needsAttention, secondsLeft } from "./model.ts";

function table(code: string, over: Partial<ConsoleTable> = {}): ConsoleTable {
  return {
    code,
    seq: 0,
    round: 1,
    rounds: 6,
    phase: "negotiation",
    deadline: 0,
    timeLeftSeconds: 0,
    paused: false,
    ended: false,
    seats: [
      { nation: "seoul", name: "Ana", bot: false, connected: true, idleSeconds: 0, studentId: "s1" },
      { nation: "tokyo", name: "", bot: true, connected: true, idleSeconds: 0, studentId: null },
      { nation: "washington", name: "Bo", bot: false, connected: true, idleSeconds: 0, studentId: "s2" },
    ],
    trust: { "seoul-tokyo": 30, "seoul-washington": 65, "tokyo-washington": 70 },
    threat: 3,
    deterrence: 4,
    crises: 0,
    flags: [],
    ...over,
  };
}

describe("console model", () => {
  it("a full message replaces the tables; a partial one updates only the tables it names", () => {
    let tables = applyConsoleMessage(new Map(), { at: 1, full: true, tables: [table("AAAAA"), table("BBBBB")] });
    tables = applyConsoleMessage(tables, { at: 2, full: false, tables: [table("BBBBB", { round: 2 })] });
    expect([...tables.keys()]).toEqual(["AAAAA", "BBBBB"]);
    expect(tables.get("BBBBB")!.round).toBe(2);
    tables = applyConsoleMessage(tables, { at: 3, full: true, tables: [table("CCCCC")] });
    expect([...tables.keys()]).toEqual(["CCCCC"]);
  });

  it("sorts the tables that need attention first: crisis, then disconnected, then idle; ended last", () => {
    const list = [
      table("EEEEE", { ended: true, flags: ["ended"] }),
      table("AAAAA"),
      table("IIIII", { flags: ["idle"] }),
      table("CCCCC", { flags: ["crisis"] }),
      table("DDDDD", { flags: ["disconnected"] }),
    ];
    expect(arrangeTables(list, "attention", "all").map((t) => t.code)).toEqual(["CCCCC", "DDDDD", "IIIII", "AAAAA", "EEEEE"]);
    expect(arrangeTables(list, "code", "attention").map((t) => t.code)).toEqual(["CCCCC", "DDDDD", "IIIII"]);
    expect(arrangeTables(list, "code", "ended").map((t) => t.code)).toEqual(["EEEEE"]);
    expect(needsAttention(table("X", { flags: ["paused", "ended"] }))).toBe(false);
  });

  it("counts down from the deadline, and holds the figure while paused", () => {
    const now = 1_000_000;
    const running = applyConsoleMessage(new Map(), { at: 5, full: true, tables: [table("A", { deadline: 99, timeLeftSeconds: 62 })] }, now).get("A")!;
    expect(secondsLeft(running, now)).toBe(62);
    expect(secondsLeft(running, now + 10_500)).toBe(52);
    expect(secondsLeft(running, now + 70_000)).toBe(0);
    expect(secondsLeft({ ...running, paused: true, deadline: 0, timeLeftSeconds: 42 }, now + 30_000)).toBe(42);
    expect(secondsLeft({ ...running, ended: true }, now)).toBeNull();
    expect(secondsLeft({ ...running, deadline: 0 }, now)).toBeNull();
    // Idle seconds tick for a connected student, not for a bot.
    expect(idleNow({ ...running.seats[0]!, idleSeconds: 50 }, running, now + 15_000)).toBe(65);
    expect(idleNow(running.seats[1]!, running, now + 15_000)).toBe(0);
    expect(clock(125)).toBe("2:05");
  });

  it("counts tables, students, and what needs attention", () => {
    const c = classCounts([table("A", { flags: ["crisis"] }), table("B", { paused: true, flags: ["paused"] }), table("C", { ended: true })]);
    expect(c).toEqual({ total: 3, attention: 1, ended: 1, paused: 1, students: 6 });
  });
});
