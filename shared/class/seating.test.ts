import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { NATIONS, STANCES, type Nation } from "../rules/vocabulary.ts";
import { humansPerNation, placeLateJoiner, seatClass, tableSizes, type LiveTable, type PlannedTable, type SeatingStudent } from "./seating.ts";

const roster = (n: number, preference: (i: number) => Nation | null = () => null): SeatingStudent[] =>
  Array.from({ length: n }, (_, i) => ({ id: `s${i}`, preference: preference(i) }));

const studentsAt = (t: PlannedTable) => NATIONS.filter((n) => t.seats[n].kind === "student").length;

function checkInvariants(students: readonly SeatingStudent[], tables: PlannedTable[]): void {
  expect(tables).toHaveLength(Math.ceil(students.length / 3));
  const seated = tables.flatMap((t) => NATIONS.flatMap((n) => (t.seats[n].kind === "student" ? [(t.seats[n] as { studentId: string }).studentId] : [])));
  expect(seated.slice().sort()).toEqual(students.map((s) => s.id).sort());
  const sizes = tables.map(studentsAt);
  expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  if (students.length >= 2) expect(Math.min(...sizes)).toBeGreaterThanOrEqual(2);
  const perNation = NATIONS.map((n) => tables.filter((t) => t.seats[n].kind === "student").length);
  expect(Math.max(...perNation) - Math.min(...perNation)).toBeLessThanOrEqual(1);
  for (const t of tables) {
    for (const n of NATIONS) {
      const seat = t.seats[n];
      if (seat.kind === "bot") expect(STANCES[n] as readonly string[]).toContain(seat.stance);
    }
  }
  // No swap would honour more preferences: a student refused nation P only when every P seat holds someone who asked for P.
  const nationOf = new Map<string, Nation>();
  for (const t of tables) for (const n of NATIONS) if (t.seats[n].kind === "student") nationOf.set((t.seats[n] as { studentId: string }).studentId, n);
  for (const s of students) {
    if (!s.preference || nationOf.get(s.id) === s.preference) continue;
    const holders = students.filter((o) => nationOf.get(o.id) === s.preference);
    expect(holders.every((o) => o.preference === s.preference)).toBe(true);
  }
}

describe("seating a class at Start", () => {
  test.each([
    [1, [1]],
    [2, [2]],
    [4, [2, 2]],
    [91, [...Array(29).fill(3), 2, 2]],
    [300, Array(100).fill(3)],
  ])("%i students: tables of %j", (n, sizes) => {
    const students = roster(n, (i) => (i % 7 === 0 ? "washington" : i % 5 === 0 ? "seoul" : null));
    const tables = seatClass(students, { seed: 42, botStances: { tokyo: "hawkish" } });
    expect(tables.map(studentsAt).sort((a, b) => b - a)).toEqual(sizes);
    checkInvariants(students, tables);
    for (const t of tables) if (t.seats.tokyo.kind === "bot") expect(t.seats.tokyo.stance).toBe("hawkish");
    const bots = tables.reduce((s, t) => s + 3 - studentsAt(t), 0);
    expect(bots).toBe(tables.length * 3 - n);
  });

  test("one student plays with two bots; a class of 91 has 31 tables with two bot seats in all", () => {
    const one = seatClass(roster(1), { seed: 1 });
    expect(NATIONS.filter((n) => one[0]!.seats[n].kind === "bot")).toHaveLength(2);
    const tables = seatClass(roster(91), { seed: 1 });
    expect(tables).toHaveLength(31);
    expect(tables.flatMap((t) => NATIONS.filter((n) => t.seats[n].kind === "bot"))).toHaveLength(2);
  });

  test("preferences are honoured while they fit: 91 students all asking for Seoul get the 31 Seoul seats and no more", () => {
    const students = roster(91, () => "seoul");
    const tables = seatClass(students, { seed: 3 });
    expect(tables.filter((t) => t.seats.seoul.kind === "student")).toHaveLength(31);
    checkInvariants(students, tables);
    const mixed = roster(6, (i) => NATIONS[i % 3]!);
    const two = seatClass(mixed, { seed: 9 });
    for (const t of two) for (const n of NATIONS) if (t.seats[n].kind === "student") expect(mixed.find((s) => s.id === (t.seats[n] as { studentId: string }).studentId)!.preference).toBe(n);
  });

  test("the same roster and seed seat the same way; another seed mixes the tables", () => {
    const students = roster(30);
    expect(seatClass(students, { seed: "x" })).toEqual(seatClass(students, { seed: "x" }));
    expect(seatClass(students, { seed: "x" })).not.toEqual(seatClass(students, { seed: "y" }));
  });

  test("invariants hold for any roster (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.array(fc.constantFrom<Nation | null>(null, ...NATIONS), { minLength: 300, maxLength: 300 }), fc.integer(), (n, prefs, seed) => {
        const students = roster(n, (i) => prefs[i]!);
        checkInvariants(students, seatClass(students, { seed }));
      }),
      { numRuns: 150 },
    );
  });

  test("table sizes", () => {
    expect(tableSizes(0)).toEqual([]);
    expect(tableSizes(5)).toEqual([3, 2]);
    expect(tableSizes(7)).toEqual([3, 2, 2]);
  });
});

const live = (code: string, seats: Record<Nation, "human" | "bot">, ended = false): LiveTable => ({ code, seats, ended });

describe("late joiners", () => {
  test("take a bot seat at the table with the most humans, the preferred nation when it is fair", () => {
    const tables = [live("AAAAA", { seoul: "human", tokyo: "bot", washington: "bot" }), live("BBBBB", { seoul: "human", tokyo: "human", washington: "bot" })];
    expect(placeLateJoiner(tables, null)).toEqual({ kind: "botSeat", table: "BBBBB", nation: "washington" });
    expect(placeLateJoiner(tables, "tokyo")).toEqual({ kind: "botSeat", table: "BBBBB", nation: "washington" });
    const fresh = [live("AAAAA", { seoul: "human", tokyo: "bot", washington: "bot" })];
    expect(placeLateJoiner(fresh, "washington")).toEqual({ kind: "botSeat", table: "AAAAA", nation: "washington" });
  });

  test("an ended table or a full class opens a new table; a preference that would unbalance yields to the least-played nation", () => {
    const tables = [live("AAAAA", { seoul: "human", tokyo: "human", washington: "human" }), live("BBBBB", { seoul: "bot", tokyo: "human", washington: "bot" }, true)];
    expect(placeLateJoiner(tables, "tokyo")).toEqual({ kind: "newTable", nation: "seoul" });
    expect(placeLateJoiner(tables, "washington")).toEqual({ kind: "newTable", nation: "washington" });
    expect(placeLateJoiner([], null)).toEqual({ kind: "newTable", nation: "seoul" });
  });

  test("a stream of late joiners keeps the nations balanced and never strands a bot seat while opening tables (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<Nation | null>(null, ...NATIONS), { minLength: 1, maxLength: 60 }), (prefs) => {
        const tables: LiveTable[] = [];
        prefs.forEach((preference, i) => {
          const place = placeLateJoiner(tables, preference);
          if (place.kind === "newTable") {
            expect(tables.some((t) => !t.ended && NATIONS.some((n) => t.seats[n] === "bot"))).toBe(false);
            tables.push(live(`T${i}`, { seoul: "bot", tokyo: "bot", washington: "bot", [place.nation]: "human" } as Record<Nation, "human" | "bot">));
          } else {
            const t = tables.find((x) => x.code === place.table)!;
            expect(t.seats[place.nation]).toBe("bot");
            t.seats[place.nation] = "human";
          }
          const counts = humansPerNation(tables);
          expect(Math.max(...NATIONS.map((n) => counts[n])) - Math.min(...NATIONS.map((n) => counts[n]))).toBeLessThanOrEqual(1);
        });
      }),
    );
  });
});
