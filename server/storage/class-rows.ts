import type { Card } from "../../shared/content/card-schema.ts";
import type { ClassStatus, StudentStatus } from "../../shared/protocol/class-messages.ts";
import type { Nation } from "../../shared/rules/vocabulary.ts";
import type { ClassSettings, StoredClass, StoredStudent } from "./class-store.ts";

/** A row of `classes` or `class_students` as both databases return it (same columns, 0/1 flags). */
export type Row = Record<string, unknown>;

export function classFromRow(r: Row): StoredClass {
  return {
    code: r.code as string,
    title: r.title as string,
    settings: JSON.parse(r.settings as string) as ClassSettings,
    deck: r.deck ? (JSON.parse(r.deck as string) as Card[]) : null,
    instructorHash: r.instructor_hash as string,
    seed: Number(r.seed),
    status: r.status as ClassStatus,
    spectators: r.spectators === 1,
    createdAt: Number(r.created_at),
    startedAt: r.started_at === null ? null : Number(r.started_at),
    endedAt: r.ended_at === null ? null : Number(r.ended_at),
  };
}

export function studentFromRow(r: Row): StoredStudent {
  return {
    id: r.id as string,
    name: r.name as string,
    nameKey: r.name_key as string,
    tokenHash: r.token_hash as string,
    preference: (r.preference as Nation | null) ?? null,
    status: r.status as StudentStatus,
    readmitted: r.readmitted === 1,
    table: (r.table_code as string | null) ?? null,
    nation: (r.nation as Nation | null) ?? null,
    joinedAt: Number(r.joined_at),
  };
}
