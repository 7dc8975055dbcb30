import { z } from "zod";
import { VIOLATION_CODES } from "../rules/errors.ts";

/**
 * The codes a server answers a request with, as closed lists: a client can switch over them, and
 * a server cannot answer with a code that is not listed here.
 */

/**
 * What a table room adds to the engine's rule violations, and NOT_ACCEPTED: the client's own code
 * when the table did not answer a request it could send.
 */
const TABLE_ROOM_CODES = ["NOT_SEATED", "RATE_LIMITED", "INVALID_MESSAGE", "HANDOVER", "NOT_STARTED", "SERVER_ERROR", "NOT_ACCEPTED"] as const;

/** A refused command (room.request("command")) or resync: the engine's codes and the room's. */
export const ReplyCodeSchema = z.enum([...VIOLATION_CODES, ...TABLE_ROOM_CODES]);
export type ReplyCode = z.infer<typeof ReplyCodeSchema>;

/** The answer to a command request. */
export const CommandReplySchema = z.discriminatedUnion("ok", [
  z.strictObject({ ok: z.literal(true) }),
  z.strictObject({ ok: z.literal(false), code: ReplyCodeSchema, message: z.string() }),
]);
export type CommandReply = z.infer<typeof CommandReplySchema>;

/** A refused instructor request (the class room; OFFLINE is the console's own, when the class did not answer). Per-table results carry table codes. */
export const ClassReplyCodeSchema = z.enum([
  "INVALID_MESSAGE",
  "NOT_INSTRUCTOR",
  "RATE_LIMITED",
  "UNKNOWN_STUDENT",
  "UNKNOWN_TABLE",
  "ALREADY_STARTED",
  "NOT_STARTED",
  "NO_STUDENTS",
  "CLASS_ENDED",
  "PARTIAL",
  "SERVER_ERROR",
  "OFFLINE",
]);
export type ClassReplyCode = z.infer<typeof ClassReplyCodeSchema>;

/** One table's answer to an instructor's control: its command reply's code, or UNAVAILABLE when it did not answer. */
export const TableResultCodeSchema = z.enum([...ReplyCodeSchema.options, "UNAVAILABLE"]);
