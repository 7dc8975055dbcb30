import { createHash } from "node:crypto";
import type { Difficulty } from "../../shared/bots/difficulty.ts";
import type { Card } from "../../shared/content/card-schema.ts";
import type { Actor, Command } from "../../shared/rules/commands.ts";
import type { GameOptions } from "../../shared/rules/state.ts";
import type { Nation, StanceId } from "../../shared/rules/vocabulary.ts";
import type { PhaseTimers } from "../../shared/protocol/messages.ts";
import type { RecordedCommand } from "../../shared/rules/record.ts";
import type { ClockSnapshot } from "../rooms/table/phase-clock.ts";

/**
 * The durable half of the server, as every caller sees it: each table's setup, its append-only
 * command log, its seats, its summary row and its phase clock. A table's game state is never
 * stored: it is rebuilt by replaying the log through the shared engine.
 *
 * Two implementations with one schema and one test suite (tests/storage/): SQLite, embedded,
 * the default (sqlite-table-store.ts), and PostgreSQL through `pg` when DATABASE_URL is set
 * (pg-table-store.ts), which several server processes can share. Every method returns a
 * promise; SQLite's are already settled when they return (the write is in the WAL).
 *
 * Guarantees of both:
 * - `commit` resolves only once the command is durable (a crash of the process loses nothing
 *   that resolved); a command and its bookkeeping (phase, round, clock, stances, end) are
 *   written atomically.
 * - The writes for one table are applied in the order they were called, even when the caller
 *   does not wait for each (e.g. a clock change fired while a commit is pending).
 * - `recentActionIds` returns the client action ids of the log, so a retry after a restart
 *   gets its first answer instead of running twice.
 */


export type TableStatus = "live" | "ended" | "abandoned" | "unrecoverable";

/** Table settings that are not game rules (the engine never sees them). */
export interface TableSettings {
  timers: PhaseTimers;
  /** Bot think time chosen at creation; null = the server default. */
  botThinkMs: number | null;
  /** How well this table's bots play (tables stored before it existed play "normal"). */
  botDifficulty?: Difficulty;
}

export interface StoredTable {
  code: string;
  seed: number | string;
  options: GameOptions;
  settings: TableSettings;
  deck: Card[];
  bots: Partial<Record<Nation, StanceId>>;
  rulesVersion: string;
  status: TableStatus;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  /** Epoch ms of the current phase's deadline, or null. */
  deadline: number | null;
  phase: string;
  round: number;
  /** The stored phase clock: a paused table stays paused across a restart. */
  clock: ClockSnapshot;
  /** The governments' stances as of the last command (for summaries without a replay). */
  stances: Partial<Record<Nation, StanceId>>;
}

export interface StoredSeat {
  nation: Nation;
  name: string;
  /** sha256 of the seat token, hex; null while nobody has claimed the seat. */
  tokenHash: string | null;
  /** A bot seat by design (chosen at creation). */
  bot: boolean;
}

export interface NewTable {
  code: string;
  seed: number | string;
  options: GameOptions;
  settings: TableSettings;
  deck: readonly Card[];
  bots: Partial<Record<Nation, StanceId>>;
  rulesVersion: string;
  createdAt: number;
  phase: string;
  round: number;
  stances: Partial<Record<Nation, StanceId>>;
}

export interface CommitEntry {
  seq: number;
  actor: Actor;
  at: number;
  command: Command;
  actionId: string | null;
}

/** What the command changed besides the log; `phaseChanged` false, no stances and not ended = a single INSERT. */
export interface CommitEffects {
  phaseChanged: boolean;
  phase: string;
  round: number;
  clock: ClockSnapshot;
  ended: boolean;
  /** Set when a government's stance changed with this command. */
  stances?: Partial<Record<Nation, StanceId>>;
}

/** The columns a public summary needs (no deck, no log). */
export interface SummaryRow {
  status: TableStatus;
  phase: string;
  round: number;
  rounds: number;
  stances: Partial<Record<Nation, StanceId>>;
}

export interface Store {
  /** "sqlite" or "postgres". */
  readonly kind: StorageKind;
  /** Resolves once the schema is in place (rejects with the reason if the database cannot be reached). */
  ready(): Promise<void>;
  hasTable(code: string): Promise<boolean>;
  createTable(t: NewTable): Promise<void>;
  getTable(code: string): Promise<StoredTable | null>;
  getSummaryRow(code: string): Promise<SummaryRow | null>;
  /** Appends one accepted command and its bookkeeping atomically; resolves once durable. */
  commit(code: string, entry: CommitEntry, effects: CommitEffects): Promise<void>;
  setStarted(code: string, at: number): Promise<void>;
  /** The phase clock changed outside a command (start, pause, resume, extend). */
  setClock(code: string, clock: ClockSnapshot): Promise<void>;
  setStatus(code: string, status: TableStatus, at: number): Promise<void>;
  /** The log, in order. */
  commands(code: string): Promise<RecordedCommand[]>;
  /** The most recent client action ids, newest first, for de-duplicating retries after a restart. */
  recentActionIds(code: string, limit: number): Promise<{ actionId: string; actor: Actor }[]>;
  upsertSeat(code: string, seat: StoredSeat): Promise<void>;
  seats(code: string): Promise<StoredSeat[]>;
  /** Live tables, oldest first: what a starting server brings back. */
  unfinishedCodes(): Promise<string[]>;
  close(): Promise<void>;
}

export type StorageKind = "sqlite" | "postgres";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** sha256 of a deck's JSON: decks are stored once and shared by content. */
export function deckHashOf(json: string): string {
  return createHash("sha256").update(json).digest("hex");
}
