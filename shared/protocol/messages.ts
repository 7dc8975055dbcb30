import { z } from "zod";
import { CommandSchema } from "../rules/commands.ts";
import { NationSchema, StanceIdSchema } from "../rules/effects.ts";
import { TUNING } from "../rules/tuning.ts";
import { DIFFICULTIES } from "../bots/difficulty.ts";
import type { Nation } from "../rules/vocabulary.ts";
import type { TableMessages } from "./server-messages.ts";

/**
 * The wire protocol between the table server and its clients. Game state travels as
 * per-seat `view` messages (built by viewFor); the Colyseus schema state carries only
 * presence (seats, connection, phase, deadline), which holds no secret.
 */
export const ROOM_NAME = "table";

/** Seconds per phase; null = untimed (solo play). */
export const PhaseTimersSchema = z
  .strictObject({
    event: z.number().int().min(5).max(900),
    negotiation: z.number().int().min(10).max(1800),
    policy: z.number().int().min(5).max(900),
    summary: z.number().int().min(3).max(300),
  })
  .nullable();
export type PhaseTimers = z.infer<typeof PhaseTimersSchema>;

export const CLASSROOM_TIMERS: NonNullable<PhaseTimers> = { event: 60, negotiation: 180, policy: 60, summary: 30 };

export const DisplayNameSchema = z
  .string()
  .trim()
  .min(1, "Please type a name.")
  .max(24, "Names are at most 24 characters.")
  .regex(/^[^<>]*$/, "Names cannot contain < or >.")
  .regex(/^\P{Cc}*$/u, "Names cannot contain control characters.");

/** Options for client.create(ROOM_NAME, …). */
export const CreateTableOptionsSchema = z.strictObject({
  name: DisplayNameSchema,
  /** The nation the creator wants; any free seat if omitted. */
  nation: NationSchema.optional(),
  rounds: z.number().int().min(TUNING.rounds.min).max(TUNING.rounds.max).default(TUNING.rounds.default),
  timers: PhaseTimersSchema.default(null),
  deckOrder: z.enum(["shuffled", "chronological"]).default("shuffled"),
  /** Seats played by bots, with their stance. Solo play = two bot seats. */
  bots: z.partialRecord(NationSchema, StanceIdSchema).default({}),
  /** How well the bots play: easy (noisy, short-sighted), normal, hard (looks one step ahead). */
  botDifficulty: z.enum(DIFFICULTIES).default("normal"),
  /** Bot think time in ms (0 in tests). */
  botThinkMs: z.number().int().min(0).max(30000).optional(),
  seed: z.union([z.number().int(), z.string().max(64)]).optional(),
});
export type CreateTableOptions = z.input<typeof CreateTableOptionsSchema>;

/** Options for client.joinById(code, …). */
export const JoinTableOptionsSchema = z.strictObject({
  name: DisplayNameSchema.optional(),
  nation: NationSchema.optional(),
  /** The secret the server gave this browser for its seat: rejoins that seat (after a refresh or a server restart). */
  seatToken: z.string().min(16).max(128).optional(),
  /** Joins as an observer who sees everything (checked against the server's INSTRUCTOR_KEY). */
  instructorKey: z.string().min(1).max(128).optional(),
  /** Joins as a spectator who sees only what is public. */
  spectate: z.boolean().optional(),
});
export type JoinTableOptions = z.input<typeof JoinTableOptionsSchema>;

/** room.request("command", …): every player action. */
export const CommandRequestSchema = z.strictObject({
  /** Client-generated, so a retried request after a reconnect is applied once. */
  actionId: z.string().min(1).max(64),
  command: CommandSchema,
});

export type { CommandReply } from "./reply-codes.ts";

/** server → client "view" and "delta": see their schemas in server-messages.ts. */
export type ViewMessage = TableMessages["view"];
export type DeltaMessage = TableMessages["delta"];

/** client → server room.request("resync"): answered with a full ViewMessage. */
export const RESYNC_REQUEST = "resync";

/** server → client "seat" and "notice": see their schemas in server-messages.ts. */
export type SeatMessage = TableMessages["seat"];
export type NoticeMessage = TableMessages["notice"];

export interface SeatSummary {
  nation: Nation;
  name: string;
  occupied: boolean;
  connected: boolean;
  bot: boolean;
  stance: string;
}

/** GET /api/tables/:code — a public summary for the join screen. */
export interface TableSummary {
  code: string;
  phase: string;
  round: number;
  rounds: number;
  seats: SeatSummary[];
  ended: boolean;
}

/** Table codes: 5 letters from an alphabet without look-alikes (no I, L, O, 0, 1). */
export const TABLE_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ";
export const TABLE_CODE_LENGTH = 5;
export const TableCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(new RegExp(`^[${TABLE_CODE_ALPHABET}]{${TABLE_CODE_LENGTH}}$`), "A table code is 5 letters, like KMBTR.")
  .brand<"TableCode">();
