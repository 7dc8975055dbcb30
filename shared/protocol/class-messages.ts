import { z } from "zod";
import { DIFFICULTIES } from "../bots/difficulty.ts";
import { NationSchema, StanceIdSchema } from "../rules/effects.ts";
import { CardIdSchema } from "../rules/ids.ts";
import type { ClassMessages, InstructorReplySchema } from "./server-messages.ts";
import { TUNING } from "../rules/tuning.ts";
import { CLASSROOM_TIMERS, PhaseTimersSchema } from "./messages.ts";

/**
 * The wire protocol of a class: one instructor, up to 300 students, many tables.
 *
 * - HTTP: POST /api/classes (CreateClassRequest → CreateClassAnswer), POST /api/classes/deck-check,
 *   GET /api/classes/:code (ClassPublicInfo). Errors: { error, problems? } with a 4xx status.
 * - A Colyseus room named CLASS_ROOM_NAME whose room id is the class code; everyone joins it with
 *   client.joinById(code, ClassJoinOptions).
 * - The class room sends "you", "lobby", "roster", "seat", "console", "notice" (below).
 * - The instructor's actions are room.request(INSTRUCTOR_REQUEST, InstructorRequest) → InstructorReply.
 */
export const CLASS_ROOM_NAME = "class";
export const INSTRUCTOR_REQUEST = "instructor";

/** Class codes: 6 letters without look-alikes (table codes have 5, so the two never mix). */
export const CLASS_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ";
export const CLASS_CODE_LENGTH = 6;
export const ClassCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(new RegExp(`^[${CLASS_CODE_ALPHABET}]{${CLASS_CODE_LENGTH}}$`), "A class code is 6 letters, like KMBTRW.")
  .brand<"ClassCode">();

export const CLASS_STUDENT_LIMIT = { default: 300, max: 300 } as const;
export { CLASSROOM_TIMERS };

/** A student's name: checked again on the server (invisible and direction-override characters, bot look-alikes, classmates). */
export const StudentNameSchema = z
  .string()
  .trim()
  .min(1, "Please type a name.")
  .max(24, "Names are at most 24 characters.")
  .regex(/^[^<>]*$/, "Names cannot contain < or >.");

/** A deck for the class: the built-in deck, or one JSON file from the instructor (a deck `{cards: [...]}` or one card). */
export const ClassDeckSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("builtin") }),
  z.strictObject({
    kind: z.literal("upload"),
    /** The file's name, used in problems: `my-deck.json: cards.3.title: ...`. */
    fileName: z.string().trim().min(1).max(120),
    /** The file's parsed JSON (the browser does JSON.parse; a parse error is reported as `file: (json): ...`). */
    data: z.unknown(),
  }),
]);

/** POST /api/classes */
export const CreateClassRequestSchema = z.strictObject({
  title: z
    .string()
    .trim()
    .min(1, "Please give the class a title.")
    .max(80, "A title is at most 80 characters.")
    .regex(/^\P{Cc}*$/u, "A title cannot contain control characters."),
  rounds: z.number().int().min(TUNING.rounds.min).max(TUNING.rounds.max).default(TUNING.rounds.default),
  /** Seconds per phase; the classroom defaults unless edited. Classes are always timed. */
  timers: PhaseTimersSchema.unwrap().default(CLASSROOM_TIMERS),
  deck: ClassDeckSchema.default({ kind: "builtin" }),
  deckOrder: z.enum(["shuffled", "chronological"]).default("shuffled"),
  /** The stance of the bots that fill empty seats, per nation; a nation left out gets a stance drawn per table. */
  botStances: z.partialRecord(NationSchema, StanceIdSchema).default({}),
  botDifficulty: z.enum(DIFFICULTIES).default("normal"),
  studentLimit: z.number().int().min(1).max(CLASS_STUDENT_LIMIT.max).default(CLASS_STUDENT_LIMIT.default),
  /** Bot think time in ms (tests and benches use 0). */
  botThinkMs: z.number().int().min(0).max(30000).optional(),
});
export type CreateClassRequest = z.input<typeof CreateClassRequestSchema>;
export type CreateClassSettings = z.output<typeof CreateClassRequestSchema>;

/** 201 answer of POST /api/classes. Keep `instructorToken` in the instructor's browser only; students never see it. */
export interface CreateClassAnswer {
  code: string;
  instructorToken: string;
  title: string;
}

/** POST /api/classes/deck-check { fileName, data } → DeckCheckAnswer (200 either way; 400 only for a bad body). */
export const DeckCheckRequestSchema = z.strictObject({ fileName: z.string().trim().min(1).max(120), data: z.unknown() });
export type DeckCheckAnswer = { ok: true; cards: number } | { ok: false; problems: string[] };

/** A 4xx answer of the class routes. `problems` lists deck problems as `file: field: message`. */
export interface ClassHttpError {
  error: string;
  problems?: string[];
}

export const CLASS_STATUSES = ["lobby", "running", "ended"] as const;
export type ClassStatus = (typeof CLASS_STATUSES)[number];

/** GET /api/classes/:code — what the join page needs to know before asking for a name. */
export interface ClassPublicInfo {
  code: string;
  title: string;
  status: ClassStatus;
  students: number;
  limit: number;
  full: boolean;
}

/** client.joinById(classCode, options) */
export const ClassJoinOptionsSchema = z.union([
  z.strictObject({ role: z.literal("student"), name: StudentNameSchema, preference: NationSchema.optional() }),
  /** After a refresh, a dropped connection or a server restart: the token from the "you" message. */
  z.strictObject({ role: z.literal("student"), rejoinToken: z.string().min(16).max(128) }),
  /** The instructor token of this class, or the server-wide INSTRUCTOR_KEY. */
  z.strictObject({ role: z.literal("instructor"), token: z.string().min(1).max(128) }),
]);
export type ClassJoinOptions = z.input<typeof ClassJoinOptionsSchema>;

// ───────────────────────── server → client messages ─────────────────────────

/** "you" and "lobby": see their schemas in server-messages.ts, with every server → client message. */
export type ClassYouMessage = ClassMessages["you"];
export type ClassLobbyMessage = ClassMessages["lobby"];

export const STUDENT_STATUSES = ["waiting", "seated", "removed"] as const;
export type StudentStatus = (typeof STUDENT_STATUSES)[number];

export const CONSOLE_FLAGS = ["crisis", "idle", "disconnected", "ended", "paused"] as const;
export type ConsoleFlag = (typeof CONSOLE_FLAGS)[number];

/** "roster", "seat" (a student's table) and "console": see their schemas in server-messages.ts. */
export type RosterEntry = ClassMessages["roster"]["students"][number];
export type ClassRosterMessage = ClassMessages["roster"];
export type ClassSeatMessage = ClassMessages["seat"];
export type ConsoleTable = ClassMessages["console"]["tables"][number];
export type ConsoleMessage = ClassMessages["console"];

// ───────────────────────── instructor requests ─────────────────────────

export const TableControlSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("pause") }),
  z.strictObject({ kind: z.literal("resume") }),
  z.strictObject({ kind: z.literal("extend"), seconds: z.number().int().min(5).max(900) }),
  z.strictObject({ kind: z.literal("advance") }),
  z.strictObject({ kind: z.literal("inject"), cardId: CardIdSchema }),
  z.strictObject({ kind: z.literal("broadcast"), text: z.string().trim().min(1).max(300) }),
  z.strictObject({ kind: z.literal("end") }),
]);
export type TableControl = z.infer<typeof TableControlSchema>;

/** room.request("instructor", …) on the class room. */
export const InstructorRequestSchema = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("start") }),
  z.strictObject({ action: z.literal("remove"), studentId: z.string().min(1).max(40) }),
  /** Let a removed student (or one who lost their browser) back in: their next join with the same name takes their place. */
  z.strictObject({ action: z.literal("readmit"), studentId: z.string().min(1).max(40) }),
  /** One table, a list, or "all" tables of the class. */
  z.strictObject({
    action: z.literal("control"),
    tables: z.union([z.literal("all"), z.array(z.string().trim().toUpperCase()).min(1).max(200)]),
    control: TableControlSchema,
  }),
  z.strictObject({ action: z.literal("endClass") }),
  /** The omniscient view of one table: answered with a reservation to consume (role instructor at that table). */
  z.strictObject({ action: z.literal("openTable"), table: z.string().trim().toUpperCase() }),
  /** Whether spectators may join this class's tables (off by default). */
  z.strictObject({ action: z.literal("spectators"), allowed: z.boolean() }),
]);
export type InstructorRequest = z.infer<typeof InstructorRequestSchema>;

/** One table's answer to a control, and the answer to every instructor request: see InstructorReplySchema in server-messages.ts. */
export type InstructorReply = z.infer<typeof InstructorReplySchema>;
export type TableControlResult = NonNullable<InstructorReply["results"]>[number];

