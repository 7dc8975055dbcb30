import type { Card } from "../../shared/content/card-schema.ts";
import type { GameOptions } from "../../shared/rules/state.ts";
import type { Nation, StanceId } from "../../shared/rules/vocabulary.ts";
import type { StoredTable, SummaryRow, TableSettings, TableStatus } from "./store.ts";

/** A row of `tables` as both databases return it (the same columns; JSON kept as text, 0/1 flags). */
export interface TableRow {
  code: string;
  seed: string;
  options: string;
  settings: string;
  bots: string;
  rules_version: string;
  status: string;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
  deadline: number | null;
  phase: string;
  round: number;
  paused: number;
  remaining_ms: number | null;
  stances: string;
}

export function tableFromRow(row: TableRow, deck: Card[]): StoredTable {
  return {
    code: row.code,
    seed: JSON.parse(row.seed) as number | string,
    options: JSON.parse(row.options) as GameOptions,
    settings: JSON.parse(row.settings) as TableSettings,
    deck,
    bots: JSON.parse(row.bots) as Partial<Record<Nation, StanceId>>,
    rulesVersion: row.rules_version,
    status: row.status as TableStatus,
    createdAt: row.created_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    deadline: row.deadline,
    phase: row.phase,
    round: row.round,
    clock: { deadline: row.deadline, paused: row.paused === 1, remainingMs: row.remaining_ms },
    stances: JSON.parse(row.stances) as Partial<Record<Nation, StanceId>>,
  };
}

/** The columns of the summary query (`SELECT status, phase, round, stances, rounds …`). */
export interface SummaryColumns {
  status: string;
  phase: string;
  round: number;
  stances: string;
  rounds: number;
}

export function summaryFromRow(row: SummaryColumns): SummaryRow {
  return { status: row.status as TableStatus, phase: row.phase, round: row.round, rounds: row.rounds, stances: JSON.parse(row.stances) as Partial<Record<Nation, StanceId>> };
}
