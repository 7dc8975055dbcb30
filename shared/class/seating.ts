import { nextInt, seedToRng, shuffle } from "../rules/rng.ts";
import { NATIONS, STANCES, type Nation, type StanceId } from "../rules/vocabulary.ts";

/**
 * The seating rule of a class, in one place. Pure and seeded: the same roster and seed give the
 * same tables.
 *
 * At Start (seatClass):
 * 1. ceil(n / 3) tables; students spread as evenly as possible (tables of 3, the rest of 2; a
 *    lone student only when the class has one).
 * 2. The bot seats of short tables rotate over the nations, least requested first, so the
 *    number of humans playing each nation differs by at most one.
 * 3. Preferences: every nation's human seats go first to students who asked for that nation
 *    (as many as there are seats), then to everyone else in a seeded random order. So a
 *    preference is refused only when that nation's seats are all held by students who asked
 *    for it too.
 * 4. Every empty seat gets a bot: the class's stance for that nation, or one drawn per table.
 *
 * Late joiners (placeLateJoiner): a bot seat at a running table, the table with the most
 * humans first (so nobody plays alone with bots while a short table waits); the preferred
 * nation when such a seat exists and taking it does not put that nation two humans ahead of the
 * least-played nation; else the least-played nation. No bot seat left: a new table.
 */

export interface SeatingStudent {
  id: string;
  preference: Nation | null;
}

export type PlannedSeat = { kind: "student"; studentId: string } | { kind: "bot"; stance: StanceId };

export interface PlannedTable {
  index: number;
  seats: Record<Nation, PlannedSeat>;
}

export interface SeatingOptions {
  seed: number | string;
  /** The class's bot stance per nation; a nation left out gets one drawn per table. */
  botStances?: Partial<Record<Nation, StanceId>>;
}

/** How many students sit at each table: ceil(n/3) tables, sizes differing by at most one. */
export function tableSizes(students: number): number[] {
  if (students <= 0) return [];
  const tables = Math.ceil(students / 3);
  const base = Math.floor(students / tables);
  const extra = students % tables;
  return Array.from({ length: tables }, (_, i) => base + (i < extra ? 1 : 0));
}

export function seatClass(students: readonly SeatingStudent[], options: SeatingOptions): PlannedTable[] {
  let rng = seedToRng(options.seed);
  const sizes = tableSizes(students.length);

  // Which nations are human at each table: short tables leave out a rotating nation, the
  // least-requested nations first (so the bots take seats nobody asked for).
  const demand = (n: Nation) => students.filter((s) => s.preference === n).length;
  const botOrder = [...NATIONS].sort((a, b) => demand(a) - demand(b) || NATIONS.indexOf(a) - NATIONS.indexOf(b));
  let rotation = 0;
  const humanNations = sizes.map((size) => {
    const bots: Nation[] = [];
    for (let b = 0; b < 3 - size; b++) bots.push(botOrder[rotation++ % 3]!);
    return NATIONS.filter((n) => !bots.includes(n));
  });

  let order: SeatingStudent[];
  [order, rng] = shuffle(students, rng);
  const slots: { table: number; nation: Nation }[] = humanNations.flatMap((nations, table) => nations.map((nation) => ({ table, nation })));
  const assigned = new Map<number, string>(); // slot index → student id
  const placed = new Set<string>();
  for (const nation of NATIONS) {
    const free = slots.map((s, i) => (s.nation === nation ? i : -1)).filter((i) => i >= 0);
    const wanting = order.filter((s) => s.preference === nation);
    for (let k = 0; k < Math.min(free.length, wanting.length); k++) {
      assigned.set(free[k]!, wanting[k]!.id);
      placed.add(wanting[k]!.id);
    }
  }
  const rest = order.filter((s) => !placed.has(s.id));
  let r = 0;
  slots.forEach((_, i) => {
    if (!assigned.has(i)) assigned.set(i, rest[r++]!.id);
  });

  return sizes.map((_, table) => {
    const seats = {} as Record<Nation, PlannedSeat>;
    for (const nation of NATIONS) {
      const slot = slots.findIndex((s) => s.table === table && s.nation === nation);
      if (slot >= 0) {
        seats[nation] = { kind: "student", studentId: assigned.get(slot)! };
      } else {
        const [stance, next] = botStance(nation, options.botStances, rng);
        rng = next;
        seats[nation] = { kind: "bot", stance };
      }
    }
    return { index: table, seats };
  });
}

/** The class's stance for a bot of `nation`, or one drawn. */
export function botStance(nation: Nation, botStances: Partial<Record<Nation, StanceId>> | undefined, rng: number): [StanceId, number] {
  const fixed = botStances?.[nation];
  if (fixed) return [fixed, rng];
  const choices = STANCES[nation];
  const [i, next] = nextInt(rng, choices.length);
  return [choices[i]!, next];
}

/** A running table as the late-joiner rule sees it. */
export interface LiveTable {
  code: string;
  ended: boolean;
  /** Per nation: a human (student) or a bot seat that a late joiner could take. */
  seats: Record<Nation, "human" | "bot">;
}

export type LatePlacement = { kind: "botSeat"; table: string; nation: Nation } | { kind: "newTable"; nation: Nation };

export function humansPerNation(tables: readonly LiveTable[]): Record<Nation, number> {
  const counts = { seoul: 0, tokyo: 0, washington: 0 };
  for (const t of tables) for (const n of NATIONS) if (t.seats[n] === "human") counts[n] += 1;
  return counts;
}

export function placeLateJoiner(tables: readonly LiveTable[], preference: Nation | null): LatePlacement {
  const counts = humansPerNation(tables);
  const least = Math.min(...NATIONS.map((n) => counts[n]));
  const fair = (n: Nation) => counts[n] + 1 - least <= 1;
  const byLeast = [...NATIONS].sort((a, b) => counts[a] - counts[b] || NATIONS.indexOf(a) - NATIONS.indexOf(b));
  const open = tables.filter((t) => !t.ended && NATIONS.some((n) => t.seats[n] === "bot"));
  const humans = (t: LiveTable) => NATIONS.filter((n) => t.seats[n] === "human").length;
  const ranked = open.slice().sort((a, b) => humans(b) - humans(a));
  const best = ranked.length > 0 ? humans(ranked[0]!) : -1;
  const candidates = ranked.filter((t) => humans(t) === best);
  if (preference && fair(preference)) {
    const withPreferred = candidates.find((t) => t.seats[preference] === "bot");
    if (withPreferred) return { kind: "botSeat", table: withPreferred.code, nation: preference };
  }
  for (const nation of byLeast) {
    const t = candidates.find((c) => c.seats[nation] === "bot");
    if (t) return { kind: "botSeat", table: t.code, nation };
  }
  return { kind: "newTable", nation: preference && fair(preference) ? preference : byLeast[0]! };
}
