import { z } from "zod";
import { CommandSchema } from "../rules/commands.ts";
import { NationSchema, StanceIdSchema } from "../rules/effects.ts";
import type { GameEvent } from "../rules/events.ts";
import { TUNING } from "../rules/tuning.ts";
import { DIFFICULTIES } from "../bots/difficulty.ts";
import type { PlayerView } from "../rules/view.ts";
import type { Nation } from "../rules/vocabulary.ts";
import type { ViewPatch } from "./view-delta.ts";

/**
 * The wire protocol between the table server and its clients. Game state travels as
 * per-seat `view` messages (built by viewFor); the Colyseus schema state carries only
 * presence (seats, connection, phase, deadline), which holds no secret.
 */
export const ROOM_NAME = "table";
export const PROTOCOL_VERSION = 1;

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
  .regex(/^[^\u0000-\u001f\u007f]*$/, "Names cannot contain control characters.");

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
export type CommandRequest = z.infer<typeof CommandRequestSchema>;

export type CommandReply = { ok: true } | { ok: false; code: string; message: string };

/**
 * server → client "view": the viewer's whole view. Sent on join, on reconnect and in answer to
 * a "resync" request; every later change arrives as a "delta".
 */
export interface ViewMessage {
  view: PlayerView;
  events: GameEvent[];
  /** Number of accepted commands so far; increases by one per command. */
  seq: number;
  /** viewHash(view): the client may keep it to check later deltas against. */
  hash: string;
}

/**
 * server → client "delta": what changed for this viewer since `base`, as an RFC 6902 patch of
 * the wire-form view (shared/protocol/view-delta.ts). The client applies it only when its own
 * seq equals `base`; otherwise (a gap) it sends the "resync" request. When `hash` is present
 * (at least on every phase change, and every few commands), the patched view must hash to it;
 * on a mismatch the client resyncs too.
 */
export interface DeltaMessage {
  base: number;
  seq: number;
  ops: ViewPatch;
  events: GameEvent[];
  hash?: string;
}

/** client → server room.request("resync"): answered with a full ViewMessage. */
export const RESYNC_REQUEST = "resync";

/** server → client "seat", sent once on join: who you are at this table. Keep seatToken in sessionStorage. */
export interface SeatMessage {
  code: string;
  role: "player" | "instructor" | "spectator";
  nation: Nation | null;
  seatToken: string | null;
}

/** server → client "notice": something the player should read (a bot took your seat, the table is full…). */
export interface NoticeMessage {
  level: "info" | "warning" | "error";
  text: string;
}

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
  .regex(new RegExp(`^[${TABLE_CODE_ALPHABET}]{${TABLE_CODE_LENGTH}}$`), "A table code is 5 letters, like KMBTR.");
