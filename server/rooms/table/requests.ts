import { CommandRequestSchema, type CommandReply, type SeatMessage, type ViewMessage } from "../../../shared/protocol/messages.ts";
import { seat as seatActor, type Actor } from "../../../shared/rules/commands.ts";
import type { Viewer } from "../../../shared/rules/view.ts";
import type { Nation } from "../../../shared/rules/vocabulary.ts";
import { LIMITS, SlidingWindow } from "../limits.ts";
import { reject, type CommandPath } from "./command-path.ts";
import type { SeatBook } from "./seats.ts";
import { zodMessage } from "./seats.ts";

/** Per-connection data, kept in client.userData (Colyseus carries it over a reconnection). */
export interface ClientInfo {
  role: SeatMessage["role"];
  nation: Nation | null;
  seatToken: string | null;
  actions: SlidingWindow;
}

export function newClientInfo(role: ClientInfo["role"], nation: Nation | null): ClientInfo {
  return { role, nation, seatToken: null, actions: new SlidingWindow(LIMITS.actionsPerSecond, 1000) };
}

export function viewerOf(info: ClientInfo): Viewer {
  if (info.role === "instructor") return { kind: "instructor" };
  if (info.role === "player" && info.nation) return { kind: "seat", nation: info.nation };
  return { kind: "spectator" };
}

/**
 * A client's `command` request, checked in order: the connection's rate, the request's shape,
 * who may act (a seat holds only its own window's commands; spectators none), then the
 * command path (a retried action id gets its first reply), the chat limit, the start.
 */
export function handleCommandRequest(
  o: { path: CommandPath; seats: SeatBook; started: () => boolean; ended: () => boolean },
  info: ClientInfo | undefined,
  sessionId: string,
  payload: unknown,
  now = Date.now(),
): CommandReply | Promise<CommandReply> {
  if (!info) return reject("NOT_SEATED", "You have not joined this table.");
  if (!info.actions.take(now)) return reject("RATE_LIMITED", `Slow down: at most ${LIMITS.actionsPerSecond} actions a second.`);
  const parsed = CommandRequestSchema.safeParse(payload);
  if (!parsed.success) return reject("INVALID_MESSAGE", `That action is not valid: ${zodMessage(parsed.error)}`);
  const { actionId, command } = parsed.data;

  let actor: Actor;
  if (info.role === "instructor") actor = { kind: "instructor" };
  else if (info.role === "player" && info.nation) {
    if (o.seats.get(info.nation).sessionId !== sessionId) return reject("NOT_SEATED", "This window no longer holds your seat.");
    if (o.seats.get(info.nation).handover && command.type !== "say") return reject("HANDOVER", "A bot finishes this phase for you; your turn starts with the next phase.");
    actor = seatActor(info.nation);
  } else return reject("NOT_SEATED", "Spectators cannot act; join with a seat to play.");

  return o.path.submit(actor, command, actionId, () => {
    if (command.type === "say" && actor.kind === "seat" && !o.seats.get(actor.nation).chat.take(now)) {
      return reject("RATE_LIMITED", `Slow down: at most ${LIMITS.chatPerWindow} messages every ${LIMITS.chatWindowMs / 1000} seconds.`);
    }
    if (!o.started() && command.type !== "say" && !o.ended()) return reject("NOT_STARTED", "The game starts when every seat is filled.");
    return null;
  });
}

/** A "resync" request: rate-limited like commands; `send` sends the full view and returns it as the reply. */
export function handleResync(info: ClientInfo | undefined, send: (info: ClientInfo) => ViewMessage): ViewMessage | CommandReply {
  if (!info) return reject("NOT_SEATED", "You have not joined this table.");
  if (!info.actions.take(Date.now())) return reject("RATE_LIMITED", `Slow down: at most ${LIMITS.actionsPerSecond} actions a second.`);
  return send(info);
}

/** Connected spectators plus spectator seats reserved but not yet taken (a burst of joins cannot pass the cap). */
export function countSpectators(clients: Iterable<{ userData?: unknown }>, room: object): number {
  let n = 0;
  for (const c of clients) if ((c.userData as ClientInfo | undefined)?.role === "spectator") n += 1;
  const reserved = (room as { _reservedSeats?: Record<string, [unknown, unknown, boolean, boolean]> })._reservedSeats ?? {};
  for (const [options, , consumed] of Object.values(reserved)) {
    if (!consumed && (options as { spectate?: unknown } | null)?.spectate === true) n += 1;
  }
  return n;
}
