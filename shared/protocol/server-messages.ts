import { z } from "zod";
import { InstitutionIdSchema, NationSchema, PairSchema, StanceIdSchema } from "../rules/effects.ts";
import type { GameEvent, GameEventType } from "../rules/events.ts";
import type { PlayerView } from "../rules/view.ts";
import { PHASES } from "../rules/vocabulary.ts";
import { CLASS_STATUSES, ClassCodeSchema, CONSOLE_FLAGS, STUDENT_STATUSES } from "./class-messages.ts";
import { TableCodeSchema } from "./messages.ts";
import { ClassReplyCodeSchema, TableResultCodeSchema } from "./reply-codes.ts";

/**
 * Every message a server sends to a client, one zod schema per message type: the table room's
 * and the class room's registries below. The server sends through these types (server/rooms/send.ts)
 * and the client parses every incoming message with the schema of its type (client/src/net/
 * messages.ts), so a message type cannot be added on one side alone.
 */

const Level = z.enum(["info", "warning", "error"]);
const count = z.number().int().min(0);

// ───────────────────────── the table room ─────────────────────────

/** "seat", sent once on join: who you are at this table. Keep seatToken in sessionStorage. */
const SeatMessageSchema = z.strictObject({
  code: TableCodeSchema,
  role: z.enum(["player", "instructor", "spectator"]),
  nation: NationSchema.nullable(),
  seatToken: z.string().nullable(),
});

/** "notice": something the reader should see (a bot took your seat, the table is full…). */
const NoticeMessageSchema = z.strictObject({ level: Level, text: z.string() });

/** Every engine event type, so an event of a type this client does not know is refused. */
const EVENT_TYPES = {
  roundStarted: "roundStarted",
  cardRevealed: "cardRevealed",
  responseChosen: "responseChosen",
  phaseChanged: "phaseChanged",
  meterChanged: "meterChanged",
  firewallChanged: "firewallChanged",
  institutionChanged: "institutionChanged",
  effectBlocked: "effectBlocked",
  exportControlsChanged: "exportControlsChanged",
  counterstrikeAcquired: "counterstrikeAcquired",
  deterrenceBonus: "deterrenceBonus",
  proposalTabled: "proposalTabled",
  proposalAnswered: "proposalAnswered",
  proposalWithdrawn: "proposalWithdrawn",
  proposalBound: "proposalBound",
  proposalLapsed: "proposalLapsed",
  proposalEnacted: "proposalEnacted",
  messageSent: "messageSent",
  seatReady: "seatReady",
  policyCommitted: "policyCommitted",
  policiesRevealed: "policiesRevealed",
  pledgeResolved: "pledgeResolved",
  crisisPlaced: "crisisPlaced",
  leadershipChanged: "leadershipChanged",
  agendaBroken: "agendaBroken",
  gameEnded: "gameEnded",
  tablePaused: "tablePaused",
  tableResumed: "tableResumed",
  phaseExtended: "phaseExtended",
  phaseAdvanced: "phaseAdvanced",
  cardInjected: "cardInjected",
  broadcastSent: "broadcastSent",
} as const satisfies { [K in GameEventType]: K };
const EventShape = z.looseObject({ type: z.enum(EVENT_TYPES) });
const EventSchema = z.custom<GameEvent>((v) => EventShape.safeParse(v).success, "not a game event");

/**
 * A player's view, checked down to what the client reads first (phase, round, seat, meters and the
 * lists it renders); its full type is viewFor's PlayerView, which only the server builds.
 */
const PlayerViewShape = z.looseObject({
  viewer: z.looseObject({ kind: z.enum(["seat", "instructor", "spectator", "after"]) }),
  seat: NationSchema.nullable(),
  rulesVersion: z.string(),
  phase: z.enum(PHASES),
  round: count,
  rounds: count,
  card: z.looseObject({ id: z.string(), title: z.string() }).nullable(),
  trust: z.record(PairSchema, z.number()),
  support: z.record(NationSchema, z.number()),
  threat: z.number(),
  historyTension: z.number(),
  japanDefense: z.number(),
  burdenShared: z.number(),
  institutions: z.partialRecord(InstitutionIdSchema, z.looseObject({ status: z.enum(["in-force", "suspended"]) })),
  stances: z.record(NationSchema, StanceIdSchema),
  responsesDue: z.array(NationSchema),
  ready: z.array(NationSchema),
  committed: z.record(NationSchema, z.boolean()),
  proposals: z.array(z.looseObject({ id: z.string(), by: NationSchema, parties: z.array(NationSchema) })),
  messages: z.array(z.looseObject({ id: count, from: NationSchema, text: z.string() })),
  changes: z.array(z.looseObject({ round: count })),
  history: z.array(z.looseObject({ round: count })),
  broadcasts: z.array(z.looseObject({ id: count, text: z.string() })),
  deckRemaining: count,
  paused: z.looseObject({ since: z.number() }).nullable(),
  ended: z.looseObject({ reason: z.string() }).nullable(),
});
const PlayerViewSchema = z.custom<PlayerView>((v) => PlayerViewShape.safeParse(v).success, "not a player view");

/** "view": the viewer's whole view. Sent on join, on reconnect and in answer to a "resync" request. */
const ViewMessageSchema = z.strictObject({
  view: PlayerViewSchema,
  events: z.array(EventSchema),
  /** Number of accepted commands so far; increases by one per command. */
  seq: count,
  /** viewHash(view): the client may keep it to check later deltas against. */
  hash: z.string(),
});

/** One RFC 6902 operation (fast-json-patch's Operation). */
const PatchOperationSchema = z.discriminatedUnion("op", [
  z.strictObject({ op: z.literal("add"), path: z.string(), value: z.unknown() }),
  z.strictObject({ op: z.literal("remove"), path: z.string() }),
  z.strictObject({ op: z.literal("replace"), path: z.string(), value: z.unknown() }),
  z.strictObject({ op: z.literal("move"), path: z.string(), from: z.string() }),
  z.strictObject({ op: z.literal("copy"), path: z.string(), from: z.string() }),
  z.strictObject({ op: z.literal("test"), path: z.string(), value: z.unknown() }),
  z.strictObject({ op: z.literal("_get"), path: z.string(), value: z.unknown() }),
]);

/**
 * "delta": what changed for this viewer since `base`, as an RFC 6902 patch of the wire-form view
 * (view-delta.ts). The client applies it only when its own seq equals `base`; otherwise (a gap)
 * it sends the "resync" request. When `hash` is present (at least on every phase change, and
 * every few commands), the patched view must hash to it; on a mismatch the client resyncs too.
 */
const DeltaMessageSchema = z.strictObject({
  base: count,
  seq: count,
  ops: z.array(PatchOperationSchema),
  events: z.array(EventSchema),
  hash: z.string().optional(),
});

export const TABLE_MESSAGES = {
  seat: SeatMessageSchema,
  view: ViewMessageSchema,
  delta: DeltaMessageSchema,
  notice: NoticeMessageSchema,
};

// ───────────────────────── the class room ─────────────────────────

const StudentStatusSchema = z.enum(STUDENT_STATUSES);
const ClassStatusSchema = z.enum(CLASS_STATUSES);

/** "you" (to a student, on join and rejoin): keep rejoinToken in localStorage under the class code. */
const ClassYouMessageSchema = z.strictObject({
  classCode: ClassCodeSchema,
  studentId: z.string(),
  name: z.string(),
  rejoinToken: z.string(),
  status: StudentStatusSchema,
});

/** "lobby" (to everyone, on join and whenever it changes). */
const ClassLobbyMessageSchema = z.strictObject({
  code: ClassCodeSchema,
  title: z.string(),
  status: ClassStatusSchema,
  students: count,
  limit: count,
  tables: count,
  /** A sentence for the class lobby: "Waiting for the instructor to start…", "You are seated at table KMBTR." */
  message: z.string(),
});

const RosterEntrySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  connected: z.boolean(),
  status: StudentStatusSchema,
  /** The instructor let a removed or lost student back in: the next join with this name takes this entry. */
  readmitted: z.boolean(),
  table: z.string().nullable(),
  nation: NationSchema.nullable(),
  preference: NationSchema.nullable(),
  joinedAt: z.number(),
});

/** "roster" (instructor only): every student, in joining order (the projector shows the names). */
const ClassRosterMessageSchema = z.strictObject({ students: z.array(RosterEntrySchema) });

/**
 * "seat" (to a student): your table. Join it with client.consumeSeatReservation(reservation);
 * the table then sends its usual "seat" (with your seatToken) and "view". Sent at Start, to late
 * joiners, and again on every rejoin of the class room while the class runs.
 */
/** ISeatReservation from @colyseus/shared-types: { name, sessionId, roomId, processId, … }. */
const ReservationSchema = z.looseObject({ name: z.string(), sessionId: z.string(), roomId: z.string(), processId: z.string().optional() });

const ClassSeatMessageSchema = z.strictObject({
  table: TableCodeSchema,
  nation: NationSchema,
  reservation: ReservationSchema,
  /** True when a bot still plays the seat until the next phase boundary (a late joiner). */
  handover: z.boolean(),
});

const ConsoleFlagSchema = z.enum(CONSOLE_FLAGS);

const ConsoleSeatSchema = z.strictObject({
  nation: NationSchema,
  name: z.string(),
  bot: z.boolean(),
  connected: z.boolean(),
  /** Seconds since this seat's last accepted command (0 for a bot). */
  idleSeconds: z.number(),
  studentId: z.string().nullable(),
});

/** One table at a glance. */
const ConsoleTableSchema = z.strictObject({
  code: z.string(),
  /** Accepted commands so far (grows with every move at the table). */
  seq: count,
  round: count,
  rounds: count,
  phase: z.enum(PHASES),
  /** Epoch ms of the phase deadline; 0 when none (or paused: see timeLeftSeconds). */
  deadline: z.number(),
  timeLeftSeconds: z.number(),
  paused: z.boolean(),
  ended: z.boolean(),
  seats: z.array(ConsoleSeatSchema),
  trust: z.record(PairSchema, z.number()),
  threat: z.number(),
  deterrence: z.number(),
  crises: count,
  /** What needs attention, most urgent first. */
  flags: z.array(ConsoleFlagSchema),
  /** The table's process stopped answering: it is being brought back from storage (on another process); the figures are as last seen. */
  recovering: z.boolean().optional(),
});

/**
 * "console" (instructor only): full = every table (on join); otherwise only the tables that
 * changed, checked every 250 ms. `timeLeftSeconds` and `idleSeconds` are as of `at`: tick them
 * locally; a table whose only change is the passing of time is resent every 10 s.
 */
const ConsoleMessageSchema = z.strictObject({ at: z.number(), full: z.boolean(), tables: z.array(ConsoleTableSchema) });

/** One table's answer to an instructor's control. */
const TableControlResultSchema = z.strictObject({
  table: z.string(),
  ok: z.boolean(),
  code: TableResultCodeSchema.optional(),
  message: z.string().optional(),
});

/**
 * The answer to every instructor request (room.request(INSTRUCTOR_REQUEST, …)). A control answers
 * per table in `results`; ok is false (code "PARTIAL") when any table refused. openTable answers
 * with `reservation`.
 */
export const InstructorReplySchema = z.discriminatedUnion("ok", [
  z.strictObject({ ok: z.literal(true), results: z.array(TableControlResultSchema).optional(), reservation: ReservationSchema.optional() }),
  z.strictObject({ ok: z.literal(false), code: ClassReplyCodeSchema, message: z.string(), results: z.array(TableControlResultSchema).optional() }),
]);

export const CLASS_MESSAGES = {
  you: ClassYouMessageSchema,
  lobby: ClassLobbyMessageSchema,
  roster: ClassRosterMessageSchema,
  seat: ClassSeatMessageSchema,
  console: ConsoleMessageSchema,
  notice: NoticeMessageSchema,
};

/** The messages as a client holds them, parsed (codes and ids branded). */
export type TableMessages = { [K in keyof typeof TABLE_MESSAGES]: z.output<(typeof TABLE_MESSAGES)[K]> };
export type ClassMessages = { [K in keyof typeof CLASS_MESSAGES]: z.output<(typeof CLASS_MESSAGES)[K]> };
/** The messages as a server writes them, before the client's parse. */
export type TableMessagesOut = { [K in keyof typeof TABLE_MESSAGES]: z.input<(typeof TABLE_MESSAGES)[K]> };
export type ClassMessagesOut = { [K in keyof typeof CLASS_MESSAGES]: z.input<(typeof CLASS_MESSAGES)[K]> };
