import { Client, type Room } from "@colyseus/sdk";
import {
  RESYNC_REQUEST,
  ROOM_NAME,
  type CommandReply,
  type CreateTableOptions,
  type JoinTableOptions,
} from "../../../shared/protocol/messages.ts";
import { CommandReplySchema } from "../../../shared/protocol/reply-codes.ts";
import { TABLE_MESSAGES } from "../../../shared/protocol/server-messages.ts";
import type { Command } from "../../../shared/rules/commands.ts";
import { commandLabel, enqueue, settle } from "../store/outbox.ts";
import { pushToast, receiveView, type AppStore, type PendingAction } from "../store/store.ts";
import { receiveDelta } from "../store/view-sync.ts";
import { onTableMessages } from "./messages.ts";
import { loadOutbox, saveOutbox } from "./outbox-storage.ts";
import { presenceOf, type DecodedTableState } from "./presence.ts";
import { RejoinLoop } from "./rejoin.ts";
import { loadSeat, newActionId, saveSeat, setTableInUrl } from "./session.ts";

/** A reply to an action: the server's, or `queued` when it waits in the outbox for the connection. */
export type LinkReply = CommandReply | { ok: true; queued: true };

/** What panels use to act at the table; the Colyseus room and the dev fixture both provide it. */
export interface TableLink {
  command(command: Command): Promise<LinkReply>;
  leave(): Promise<void>;
  /** After the connection was lost for good: sit down again with the saved seat token. */
  rejoin(): Promise<void>;
}

export type OpenRequest =
  | { kind: "create"; options: CreateTableOptions }
  | { kind: "join"; code: string; options: JoinTableOptions }
  /** A seat the class room reserved for this student (ClassSeatMessage.reservation). */
  | { kind: "reservation"; reservation: Parameters<Client["consumeSeatReservation"]>[0] };

export class JoinError extends Error {
  override name = "JoinError";
}

const CONSENTED_LEAVE = 4000;
/** A request that died with the socket: the action may or may not have arrived, so it goes again. */
const CONNECTION_ERROR = /closed|not open|connection|offline|disconnect|timed? ?out/i;

/** Plain words for the matchmaker's terse errors; the server's own messages are already written for people. */
export function joinErrorText(error: unknown, code: string | null): string {
  const e = error as { code?: number; message?: string } | undefined;
  const message = e?.message ?? String(error);
  if (/not found|disposed/i.test(message)) return `There is no table with the code ${code ?? "you typed"}. Check the letters with whoever shared it.`;
  if (/locked|full/i.test(message) && !/taken/i.test(message)) return "That table is full: all three seats are taken.";
  if (/failed to fetch|networkerror|load failed|ECONNREFUSED/i.test(message)) return "Could not reach the game server. Check your connection and try again.";
  return message.replace(/^Error:\s*/, "");
}

class ColyseusLink implements TableLink {
  #client: Client;
  #room: Room | null = null;
  #left = false;
  #flushing = false;
  #rejoin: RejoinLoop;

  readonly store: AppStore;

  constructor(store: AppStore, serverUrl: string) {
    this.store = store;
    this.#client = new Client(serverUrl);
    store.subscribe((s, prev) => {
      if (s.outbox !== prev.outbox && s.code) saveOutbox(s.code, s.outbox);
    });
    this.#rejoin = new RejoinLoop({
      serverUrl,
      online: () => this.#left || this.store.get().status === "online",
      rejoin: () => this.rejoin(),
      report: (detail) => this.store.set({ status: "reconnecting", statusDetail: detail }),
      giveUp: (detail) => this.store.set({ status: "lost", statusDetail: detail }),
    });
  }

  async open(request: OpenRequest): Promise<void> {
    if (this.store.get().status === "idle") this.store.set({ status: "connecting", statusDetail: "" });
    let room: Room;
    try {
      room =
        request.kind === "create"
          ? await this.#client.create(ROOM_NAME, request.options)
          : request.kind === "reservation"
            ? await this.#client.consumeSeatReservation(request.reservation)
            : await this.#client.joinById(request.code, request.options);
    } catch (error) {
      if (this.store.get().status === "connecting") this.store.set({ status: "idle" });
      throw new JoinError(joinErrorText(error, request.kind === "join" ? request.code : null));
    }
    this.#wire(room);
  }

  #wire(room: Room): void {
    this.#room = room;
    const store = this.store;
    // A drop in the first seconds of a session must reconnect too (the SDK's default waits 5 s).
    room.reconnection.minUptime = 0;
    room.reconnection.maxRetries = 40;
    const code = room.roomId;
    // What waited in this tab before a refresh goes out now, with the ids it was created with.
    const kept = store.get().outbox.length === 0 ? loadOutbox(code) : [];
    store.set({ route: "table", code, status: "online", statusDetail: "", ...(kept.length > 0 ? { outbox: kept } : {}) });
    setTableInUrl(code);

    onTableMessages(room, {
      seat: (m) => {
        store.set({ seat: m, code: m.code || code });
        if (m.seatToken) saveSeat(m.code || code, { seatToken: m.seatToken, nation: m.nation });
        setTableInUrl(m.code || code);
      },
      view: (m) => receiveView(store, m.view, m.events, m.seq),
      delta: (m) => {
        if (receiveDelta(store, m) === "resync") void this.#resync(room);
      },
      notice: (m) => pushToast(store, m.level, m.text),
    });
    room.onStateChange((state: unknown) => store.set({ presence: presenceOf(state as DecodedTableState, store.get().code ?? code) }));
    room.onDrop(() => {
      store.set({ status: "reconnecting", statusDetail: "" });
      // The SDK retries with its reconnection token; if the server restarted, that token is gone: sit down with the seat token.
      this.#rejoin.start(true);
    });
    room.onReconnect(() => {
      store.set({ status: "online", statusDetail: "" });
      void this.#flush();
    });
    room.onLeave((closeCode: number) => {
      if (this.#room !== room || closeCode === CONSENTED_LEAVE || this.#left) return;
      // The SDK gave up (or the server shut down): sit down again with the seat token, with backoff.
      this.#rejoin.start(false, closeCode === 4001 ? "The server restarted." : "");
    });
    // A dropped socket also reports an error; the banner already says so. Only the server's own words get a toast.
    room.onError((_code: number, message?: string) => {
      if (store.get().status === "online" && typeof message === "string" && message.trim() !== "") pushToast(store, "error", message);
    });
    void this.#flush();
  }

  /** Our copy of the view fell out of step: ask for the whole view (deltas wait until it comes). */
  async #resync(room: Room): Promise<void> {
    try {
      const m: unknown = await room.request(RESYNC_REQUEST, {}, { timeout: 15_000 });
      const full = TABLE_MESSAGES.view.safeParse(m);
      if (full.success) receiveView(this.store, full.data.view, full.data.events, full.data.seq);
      else this.store.set({ resyncing: false });
    } catch {
      // The next delta finds the gap again and asks again; a reconnect brings a full view anyway.
      this.store.set({ resyncing: false });
    }
  }

  async command(command: Command): Promise<LinkReply> {
    const action: PendingAction = { actionId: newActionId(), command, label: commandLabel(command) };
    if (this.store.get().status !== "online" || this.#flushing || this.store.get().outbox.length > 0) {
      enqueue(this.store, action);
      void this.#flush();
      return { ok: true, queued: true };
    }
    const reply = await this.#send(action);
    if (reply === "offline") {
      enqueue(this.store, action);
      return { ok: true, queued: true };
    }
    return reply;
  }

  async #send(action: PendingAction): Promise<CommandReply | "offline"> {
    const room = this.#room;
    if (!room || this.store.get().status !== "online") return "offline";
    try {
      return CommandReplySchema.parse(await room.request("command", { actionId: action.actionId, command: action.command }, { timeout: 15_000 }));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (this.store.get().status !== "online" || CONNECTION_ERROR.test(message)) return "offline";
      return { ok: false, code: "NOT_ACCEPTED", message: `The table could not take that action: ${message}` };
    }
  }

  /** Send what waited, in order, each with its own action id; stop at the first that cannot get through. */
  async #flush(): Promise<void> {
    if (this.#flushing) return;
    this.#flushing = true;
    try {
      let limited = 0;
      for (;;) {
        const next = this.store.get().outbox[0];
        if (!next || this.store.get().status !== "online") return;
        const room = this.#room;
        const reply = await this.#send(next);
        if (reply === "offline") return;
        // Answered by a session this tab has since replaced (its seat was taken over by our own rejoin): send again on the new one.
        if (!reply.ok && reply.code === "NOT_SEATED" && this.#room !== room) continue;
        if (!reply.ok && reply.code === "RATE_LIMITED" && limited++ < 10) {
          // Many messages typed offline arrive faster than the chat limit allows: wait, then send the rest.
          await new Promise((r) => setTimeout(r, 2000));
          continue;
        }
        settle(this.store, next.actionId, reply);
      }
    } finally {
      this.#flushing = false;
    }
  }

  async leave(): Promise<void> {
    this.#left = true;
    this.#rejoin.stop();
    const room = this.#room;
    this.#room = null;
    if (room) await room.leave(true).catch(() => undefined);
  }

  async rejoin(): Promise<void> {
    if (this.#room && this.store.get().status === "online") return; // the SDK got there first
    const code = this.store.get().code;
    const saved = code ? loadSeat(code) : null;
    if (!code || !saved) throw new JoinError("This tab has no seat to return to. Join the table again with its code.");
    const old = this.#room;
    if (old) {
      // Whatever the SDK was still trying for the old session stops here: the seat token takes the seat.
      old.reconnection.enabled = false;
      old.reconnection.maxRetries = 0;
      old.removeAllListeners();
    }
    await this.open({ kind: "join", code, options: { seatToken: saved.seatToken } });
    this.#rejoin.stop();
  }
}

export async function openTable(store: AppStore, request: OpenRequest, serverUrl = location.origin): Promise<TableLink> {
  const link = new ColyseusLink(store, serverUrl);
  await link.open(request);
  return link;
}
