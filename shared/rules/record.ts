import { z } from "zod";
import { CardSchema, type Card } from "../content/card-schema.ts";
import { applyCommand, newGame } from "./apply.ts";
import { ActorSchema, CommandSchema, type CommandEnvelope } from "./commands.ts";
import { GameOptionsSchema, type GameOptionsInput } from "./setup.ts";
import type { GameState } from "./state.ts";
import { RULES_VERSION } from "./version.ts";

/** A game is its seed, options and deck plus the ordered accepted commands. */
export const RECORD_FORMAT = "trilateral-record/1";

export const RecordedCommandSchema = z.strictObject({
  seq: z.number().int().min(1),
  actor: ActorSchema,
  at: z.number().int().min(0),
  command: CommandSchema,
});
export type RecordedCommand = z.infer<typeof RecordedCommandSchema>;

export const GameRecordSchema = z.strictObject({
  format: z.literal(RECORD_FORMAT),
  rulesVersion: z.string(),
  seed: z.union([z.number().int(), z.string().min(1).max(100)]),
  options: GameOptionsSchema,
  deck: z.array(CardSchema).min(1),
  commands: z.array(RecordedCommandSchema),
});
export type GameRecord = z.infer<typeof GameRecordSchema>;

export function newRecord(seed: number | string, options: GameOptionsInput, deck: readonly Card[]): GameRecord {
  return {
    format: RECORD_FORMAT,
    rulesVersion: RULES_VERSION,
    seed,
    options: GameOptionsSchema.parse(options),
    deck: deck.slice(),
    commands: [],
  };
}

export function appendCommand(record: GameRecord, envelope: CommandEnvelope): GameRecord {
  return { ...record, commands: [...record.commands, { seq: record.commands.length + 1, ...envelope }] };
}

export class ReplayError extends Error {}

/** Replays a record, calling `onState` with the start state and after every command. */
export function replay(record: GameRecord, onState?: (state: GameState, index: number) => void): GameState {
  if (record.rulesVersion !== RULES_VERSION) {
    throw new ReplayError(`This record was played under ${record.rulesVersion}; this build runs ${RULES_VERSION}.`);
  }
  let state = newGame(record.seed, record.options, record.deck).state;
  onState?.(state, 0);
  record.commands.forEach((entry, i) => {
    const result = applyCommand(state, { actor: entry.actor, at: entry.at, command: entry.command });
    if (!result.ok) {
      throw new ReplayError(`Command ${entry.seq} (${entry.command.type}) was refused on replay: ${result.error.code} ${result.error.message}`);
    }
    state = result.state;
    onState?.(state, i + 1);
  });
  return state;
}

export function serializeRecord(record: GameRecord): string {
  return JSON.stringify(record);
}

/** Loads a record from JSON text, validated; throws a readable error on a bad record. */
export function parseRecord(json: string): GameRecord {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new ReplayError(`The record is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = GameRecordSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ReplayError(`The record is not valid: ${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}
