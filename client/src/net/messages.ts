import type { z } from "zod";
import { CLASS_MESSAGES, TABLE_MESSAGES, type ClassMessages, type TableMessages } from "../../../shared/protocol/server-messages.ts";

/**
 * Every message from a server is parsed with its type's schema (shared/protocol/server-messages.ts)
 * before a handler sees it. The handlers are one per registered type, all required, so a type
 * added to the registry is a compile error here until the client handles it. A message that does
 * not parse, or of a type the registry lacks, is reported and dropped.
 */

/** What these need of a room (a Colyseus SDK Room fits). */
interface MessageSource {
  onMessage(type: string, callback: (payload: unknown) => void): unknown;
  onMessage(type: "*", callback: (type: string | number, payload: unknown) => void): unknown;
}

type Handlers<M> = { [K in keyof M]: (message: M[K]) => void };

function listen(room: MessageSource, registry: Record<string, z.ZodType>, handlers: Record<string, (message: unknown) => void>): void {
  for (const [type, schema] of Object.entries(registry)) {
    room.onMessage(type, (payload: unknown) => {
      const parsed = schema.safeParse(payload);
      if (parsed.success) handlers[type]?.(parsed.data);
      else console.warn(`The server sent a "${type}" message this page cannot read: ${parsed.error.issues.map((i) => `${i.path.join(".") || type}: ${i.message}`).join("; ")}`);
    });
  }
  room.onMessage("*", (type: string | number) => console.warn(`The server sent a message of unknown type "${type}".`));
}

/** Registers the table room's messages. */
export function onTableMessages(room: MessageSource, handlers: Handlers<TableMessages>): void {
  listen(room, TABLE_MESSAGES, handlers as Record<string, (message: unknown) => void>);
}

/** Registers the class room's messages. */
export function onClassMessages(room: MessageSource, handlers: Handlers<ClassMessages>): void {
  listen(room, CLASS_MESSAGES, handlers as Record<string, (message: unknown) => void>);
}
