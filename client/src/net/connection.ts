import { Client, type Room } from "@colyseus/sdk";
import {
  ROOM_NAME,
  type CommandReply,
  type CreateTableOptions,
  type JoinTableOptions,
  type NoticeMessage,
  type SeatMessage,
  type SeatSummary,
  type ViewMessage,
} from "../../../shared/protocol/messages.ts";
import type { Command } from "../../../shared/rules/commands.ts";
import { NATIONS, type Nation } from "../../../shared/rules/vocabulary.ts";
import { pushToast, receiveView, type AppStore, type Presence } from "../store/store.ts";
import { loadSeat, newActionId, saveSeat, setTableInUrl } from "./session.ts";

/** What panels use to act at the table; the Colyseus room and the dev fixture both provide it. */
export interface TableLink {
  command(command: Command): Promise<CommandReply>;
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

/** Plain words for the matchmaker's terse errors; the server's own messages are already written for people. */
export function joinErrorText(error: unknown, code: string | null): string {
  const e = error as { code?: number; message?: string } | undefined;
  const message = e?.message ?? String(error);
  if (/not found|disposed/i.test(message)) return `There is no table with the code ${code ?? "you typed"}. Check the letters with whoever shared it.`;
  if (/locked|full/i.test(message) && !/taken/i.test(message)) return "That table is full: all three seats are taken.";
  if (/failed to fetch|networkerror|load failed|ECONNREFUSED/i.test(message)) return "Could not reach the game server. Check your connection and try again.";
  return message.replace(/^Error:\s*/, "");
}

function readPresence(raw: unknown, fallbackCode: string): Presence {
  const state = (raw as { toJSON?: () => unknown })?.toJSON ? (raw as { toJSON: () => unknown }).toJSON() : raw;
  const s = (state ?? {}) as Record<string, unknown>;
  const rawSeats = s.seats;
  const list = (Array.isArray(rawSeats) ? rawSeats : rawSeats && typeof rawSeats === "object" ? Object.values(rawSeats) : []) as Partial<SeatSummary>[];
  const seats: SeatSummary[] = list
    .filter((x): x is Partial<SeatSummary> & { nation: Nation } => !!x && NATIONS.includes(x.nation as Nation))
    .map((x) => ({
      nation: x.nation,
      name: x.name ?? "",
      occupied: !!x.occupied,
      connected: !!x.connected,
      bot: !!x.bot,
      stance: x.stance ?? "",
    }))
    .sort((a, b) => NATIONS.indexOf(a.nation) - NATIONS.indexOf(b.nation));
  return {
    code: typeof s.code === "string" && s.code ? s.code : fallbackCode,
    phase: typeof s.phase === "string" ? s.phase : "",
    round: typeof s.round === "number" ? s.round : 0,
    rounds: typeof s.rounds === "number" ? s.rounds : 0,
    deadline: typeof s.deadline === "number" ? s.deadline : 0,
    started: !!s.started,
    seats,
  };
}

class ColyseusLink implements TableLink {
  #client: Client;
  #room: Room | null = null;
  #waiters: (() => void)[] = [];
  #left = false;

  readonly store: AppStore;

  constructor(store: AppStore, serverUrl: string) {
    this.store = store;
    this.#client = new Client(serverUrl);
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
    store.set({ route: "table", code, status: "online", statusDetail: "" });
    setTableInUrl(code);

    room.onMessage("seat", (m: SeatMessage) => {
      store.set({ seat: m, code: m.code || code });
      if (m.seatToken) saveSeat(m.code || code, { seatToken: m.seatToken, nation: m.nation });
      setTableInUrl(m.code || code);
    });
    room.onMessage("view", (m: ViewMessage) => receiveView(store, m.view, m.events ?? [], m.seq ?? 0));
    room.onMessage("notice", (m: NoticeMessage) => pushToast(store, m.level, m.text));
    room.onStateChange((state: unknown) => store.set({ presence: readPresence(state, store.get().code ?? code) }));
    room.onDrop(() => store.set({ status: "reconnecting", statusDetail: "" }));
    room.onReconnect(() => {
      store.set({ status: "online", statusDetail: "" });
      for (const w of this.#waiters.splice(0)) w();
    });
    room.onLeave((closeCode: number) => {
      if (this.#room !== room || closeCode === CONSENTED_LEAVE) return;
      // The SDK gave up (or the server restarted): sit down again with the seat token, a few times.
      void this.#recover(room, closeCode);
    });
    // A dropped socket also reports an error; the banner already says so. Only the server's own words get a toast.
    room.onError((_code: number, message?: string) => {
      if (store.get().status === "online" && typeof message === "string" && message.trim() !== "") pushToast(store, "error", message);
    });
  }

  async #recover(room: Room, closeCode: number): Promise<void> {
    this.store.set({ status: "reconnecting", statusDetail: "" });
    for (let attempt = 0; attempt < 5; attempt++) {
      await new Promise((r) => setTimeout(r, 1000 * 2 ** attempt));
      if (this.#left || (this.#room !== room && this.#room !== null)) return;
      try {
        await this.rejoin();
        for (const w of this.#waiters.splice(0)) w();
        return;
      } catch {
        // try again
      }
    }
    if (!this.#left) this.store.set({ status: "lost", statusDetail: closeCode === 4001 ? "The server restarted." : "" });
  }

  #waitOnline(ms: number): Promise<boolean> {
    if (this.store.get().status === "online") return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      this.#waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  async command(command: Command): Promise<CommandReply> {
    const request = { actionId: newActionId(), command };
    let lastError = "";
    for (let attempt = 0; attempt < 3; attempt++) {
      const room = this.#room;
      if (!room) break;
      if (this.store.get().status !== "online" && !(await this.#waitOnline(20_000))) break;
      try {
        return (await room.request("command", request, { timeout: 15_000 })) as CommandReply;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
        // The same actionId is sent again after a reconnect: the server applies it once.
        if (this.store.get().status === "reconnecting") continue;
        return { ok: false, code: "NOT_ACCEPTED", message: `The table could not take that action: ${lastError}` };
      }
    }
    return { ok: false, code: "OFFLINE", message: "You are offline, so that action was not sent. It will work again once you are reconnected." };
  }

  async leave(): Promise<void> {
    this.#left = true;
    const room = this.#room;
    this.#room = null;
    if (room) await room.leave(true).catch(() => undefined);
  }

  async rejoin(): Promise<void> {
    const code = this.store.get().code;
    const saved = code ? loadSeat(code) : null;
    if (!code || !saved) throw new JoinError("This tab has no seat to return to. Join the table again with its code.");
    const old = this.#room;
    old?.removeAllListeners();
    await this.open({ kind: "join", code, options: { seatToken: saved.seatToken } });
  }
}

export async function openTable(store: AppStore, request: OpenRequest, serverUrl = location.origin): Promise<TableLink> {
  const link = new ColyseusLink(store, serverUrl);
  await link.open(request);
  return link;
}
