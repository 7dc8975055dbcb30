import type { ConsoleFlag, ConsoleMessage, ConsoleTable } from "../../../../shared/protocol/class-messages.ts";

/** The console's pure part: the tables as the class room reports them, sorted and filtered. No DOM here. */

export const FLAG_WORDS: Record<ConsoleFlag, string> = {
  crisis: "Crisis",
  idle: "Seat idle over 1 min",
  disconnected: "Student disconnected",
  ended: "Table ended",
  paused: "Paused",
};

/** How urgent a flag is for the instructor (higher first). */
const FLAG_WEIGHT: Record<ConsoleFlag, number> = { crisis: 5, disconnected: 4, idle: 3, paused: 1, ended: 0 };

export const SORTS = ["attention", "code", "progress"] as const;
export type SortKey = (typeof SORTS)[number];
export const SORT_NAMES: Record<SortKey, string> = { attention: "Needs attention first", code: "Table code", progress: "Least advanced first" };

export const FILTERS = ["all", "attention", "crisis", "idle", "disconnected", "paused", "ended"] as const;
export type FilterKey = (typeof FILTERS)[number];
export const FILTER_NAMES: Record<FilterKey, string> = {
  all: "All tables",
  attention: "Needs attention",
  crisis: "Crisis",
  idle: "Idle seat",
  disconnected: "Disconnected student",
  paused: "Paused",
  ended: "Ended",
};

/** A table as last reported, with when this browser received it (its time and idle figures are as of then). */
export type TrackedTable = ConsoleTable & { receivedAt: number };

/** Fold one "console" message into the tables known so far (a full message replaces them all). */
export function applyConsoleMessage(tables: ReadonlyMap<string, TrackedTable>, message: ConsoleMessage, now = Date.now()): Map<string, TrackedTable> {
  const next = message.full ? new Map<string, TrackedTable>() : new Map(tables);
  for (const table of message.tables) next.set(table.code, { ...table, receivedAt: now });
  return next;
}

/** A seat's idle seconds now, ticked on from the report (a bot or a disconnected seat does not tick). */
export function idleNow(seat: ConsoleTable["seats"][number], table: Pick<TrackedTable, "receivedAt" | "paused" | "ended">, now: number): number {
  if (seat.bot || !seat.connected || table.paused || table.ended) return seat.idleSeconds;
  return seat.idleSeconds + Math.max(0, Math.floor((now - table.receivedAt) / 1000));
}

/** A table needs the instructor when it has a crisis, an idle seat or a disconnected student (not when it merely ended or is paused). */
export function needsAttention(table: ConsoleTable): boolean {
  return table.flags.some((f) => f === "crisis" || f === "idle" || f === "disconnected");
}

export function attentionScore(table: ConsoleTable): number {
  return table.flags.reduce((sum, f) => sum + FLAG_WEIGHT[f] * 10, 0) + (table.ended ? -100 : 0);
}

const PHASE_ORDER: Record<string, number> = { event: 0, negotiation: 1, policy: 2, summary: 3, ended: 4 };
const progress = (t: ConsoleTable) => t.round * 10 + (PHASE_ORDER[t.phase] ?? 0);

export function matchesFilter(table: ConsoleTable, filter: FilterKey): boolean {
  if (filter === "all") return true;
  if (filter === "attention") return needsAttention(table);
  return table.flags.includes(filter);
}

export function arrangeTables<T extends ConsoleTable>(tables: Iterable<T>, sort: SortKey, filter: FilterKey): T[] {
  const list = [...tables].filter((t) => matchesFilter(t, filter));
  const byCode = (a: T, b: T) => a.code.localeCompare(b.code);
  if (sort === "code") return list.sort(byCode);
  if (sort === "progress") return list.sort((a, b) => progress(a) - progress(b) || byCode(a, b));
  return list.sort((a, b) => attentionScore(b) - attentionScore(a) || byCode(a, b));
}

/** Seconds left in the phase now: ticked down from the report while the clock runs, the frozen figure while paused. */
export function secondsLeft(table: ConsoleTable & { receivedAt?: number }, now: number): number | null {
  if (table.ended) return null;
  if (table.paused) return Math.max(0, table.timeLeftSeconds);
  if (!table.deadline) return null;
  const since = table.receivedAt === undefined ? 0 : Math.max(0, (now - table.receivedAt) / 1000);
  return Math.max(0, Math.ceil(table.timeLeftSeconds - since));
}

export function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

/** "idle 2 min" / "idle 45 s" for a seat. */
export function idleWords(seconds: number): string {
  return seconds >= 60 ? `idle ${Math.floor(seconds / 60)} min` : `idle ${seconds} s`;
}

/** Counts for the console's summary line. */
export function classCounts(tables: Iterable<ConsoleTable>) {
  let total = 0, attention = 0, ended = 0, paused = 0, students = 0;
  for (const t of tables) {
    total++;
    if (needsAttention(t)) attention++;
    if (t.ended) ended++;
    if (t.paused) paused++;
    students += t.seats.filter((s) => !s.bot && s.studentId).length;
  }
  return { total, attention, ended, paused, students };
}
