import { getMessageBytes, Protocol } from "@colyseus/core";
import type { ClassMessagesOut as ClassMessages, TableMessagesOut as TableMessages } from "../../shared/protocol/server-messages.ts";

/**
 * The only way the server sends a message to a client: each type is one of the registry's in
 * shared/protocol/server-messages.ts, with the shape its schema gives (the client parses it with
 * the same schema). ESLint refuses a bare `client.send("…")` elsewhere in server/.
 */

/** What these need of a connection or a room (a Colyseus Client or Room fits). */
interface Sink {
  send(type: string, message: unknown): void;
}
interface Broadcaster {
  broadcast(type: string, message: unknown, options?: { except?: unknown }): void;
}

export function sendTableMessage<K extends keyof TableMessages>(to: Sink, type: K, message: TableMessages[K]): void {
  to.send(type, message);
}

export function broadcastTableMessage<K extends keyof TableMessages>(room: Broadcaster, type: K, message: TableMessages[K], options?: { except?: unknown }): void {
  room.broadcast(type, message, options);
}

/** A table message encoded once, to be sent to many clients as raw bytes. */
export function tableMessageBytes<K extends keyof TableMessages>(type: K, message: TableMessages[K]): Buffer {
  return getMessageBytes.raw(Protocol.ROOM_DATA, type, message);
}

export function sendClassMessage<K extends keyof ClassMessages>(to: Sink, type: K, message: ClassMessages[K]): void {
  to.send(type, message);
}
