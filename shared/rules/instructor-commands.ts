import { z } from "zod";
import { CardIdSchema } from "./ids.ts";

/**
 * §10 Instructor controls as commands (schemas only; the rules are in instructor.ts). Every one
 * enters the record, so a replay reproduces the pauses, extensions, injected cards, early
 * phase ends, broadcasts and early endings of a class table. Only the instructor actor may issue them.
 */
export const INSTRUCTOR_COMMAND_SCHEMAS = [
  /** Timers stop and the seats cannot act (chat stays open) until `resume`. */
  z.strictObject({ type: z.literal("pause") }),
  z.strictObject({ type: z.literal("resume") }),
  /** Adds seconds to the current phase (the room's clock moves the deadline). */
  z.strictObject({ type: z.literal("extendPhase"), seconds: z.number().int().min(5).max(900) }),
  /** The current phase ends now, exactly as its deadline would end it. */
  z.strictObject({ type: z.literal("advancePhase") }),
  /** A card of this game's deck becomes the next event (drawn at the start of the next round). */
  z.strictObject({ type: z.literal("injectCard"), cardId: CardIdSchema }),
  /** A message from the instructor that every view shows. */
  z.strictObject({ type: z.literal("broadcast"), text: z.string().trim().min(1).max(300) }),
  /** The game ends now and is scored as it stands. */
  z.strictObject({ type: z.literal("endTable") }),
] as const;

export type InstructorCommand = z.infer<(typeof INSTRUCTOR_COMMAND_SCHEMAS)[number]>;
export type InstructorCommandType = InstructorCommand["type"];

export const INSTRUCTOR_COMMAND_TYPES: readonly InstructorCommandType[] = [
  "pause",
  "resume",
  "extendPhase",
  "advancePhase",
  "injectCard",
  "broadcast",
  "endTable",
];

export function isInstructorCommand(command: { type: string }): command is InstructorCommand {
  return (INSTRUCTOR_COMMAND_TYPES as readonly string[]).includes(command.type);
}
