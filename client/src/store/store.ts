import type { NoticeMessage, SeatMessage, SeatSummary } from "../../../shared/protocol/messages.ts";
import type { Command } from "../../../shared/rules/commands.ts";
import type { GameEvent } from "../../../shared/rules/events.ts";
import type { PlayerView } from "../../../shared/rules/view.ts";

/**
 * Presence from the room's schema state: who sits where and the phase's deadline. Never secret.
 * Phase, round and rounds are not here: they come from the view alone.
 */
export interface Presence {
  code: string;
  /** Epoch ms; 0 = no timer. */
  deadline: number;
  started: boolean;
  /** The instructor paused the table's clock. */
  paused: boolean;
  seats: SeatSummary[];
}

/** An action taken while the connection was down (or cut off mid-request): sent again, with its id, once back. */
export interface PendingAction {
  actionId: string;
  command: Command;
  /** What the banner calls it: "your chat message", "accepting P2". */
  label: string;
}

/** An action that was queued offline and refused when it reached the table. */
export interface RefusedAction {
  actionId: string;
  label: string;
  reason: string;
}

export type ConnectionStatus = "idle" | "connecting" | "online" | "reconnecting" | "lost";

export interface Toast {
  id: number;
  level: NoticeMessage["level"];
  text: string;
}

export interface AppState {
  /** landing = choose a path; table = joined (lobby, game or end screen). */
  route: "landing" | "table";
  code: string | null;
  seat: SeatMessage | null;
  presence: Presence | null;
  view: PlayerView | null;
  /** The seq of `view`: the number of commands the server had accepted when it was built. */
  seq: number;
  /** A full view has been asked for (gap or mismatch); deltas wait for it. */
  resyncing: boolean;
  /** Deltas applied and full views asked for since the page loaded (the e2e tests read them). */
  sync: { deltas: number; resyncs: number };
  outbox: PendingAction[];
  refused: RefusedAction[];
  /** Events received live since the current round started (lost on refresh; the view is the truth). */
  roundEvents: GameEvent[];
  status: ConnectionStatus;
  statusDetail: string;
  toasts: Toast[];
}

export const initialState: AppState = {
  route: "landing",
  code: null,
  seat: null,
  presence: null,
  view: null,
  seq: 0,
  resyncing: false,
  sync: { deltas: 0, resyncs: 0 },
  outbox: [],
  refused: [],
  roundEvents: [],
  status: "idle",
  statusDetail: "",
  toasts: [],
};

type Listener<S> = (state: S, previous: S) => void;

/** A minimal store: one immutable state object, shallow patches, synchronous subscribers. */
export class Store<S extends object> {
  #state: S;
  #listeners = new Set<Listener<S>>();

  constructor(initial: S) {
    this.#state = initial;
  }

  get(): S {
    return this.#state;
  }

  set(patch: Partial<S>): void {
    const previous = this.#state;
    this.#state = { ...previous, ...patch };
    for (const listener of [...this.#listeners]) listener(this.#state, previous);
  }

  subscribe(listener: Listener<S>): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

export type AppStore = Store<AppState>;

let toastId = 0;

export function pushToast(store: AppStore, level: Toast["level"], text: string): void {
  const toast = { id: ++toastId, level, text };
  store.set({ toasts: [...store.get().toasts.slice(-3), toast] });
  setTimeout(() => dismissToast(store, toast.id), level === "error" ? 9000 : 6000);
}

export function dismissToast(store: AppStore, id: number): void {
  const toasts = store.get().toasts;
  if (toasts.some((t) => t.id === id)) store.set({ toasts: toasts.filter((t) => t.id !== id) });
}

/** Apply a full "view" message: it replaces the copy whatever came before (join, reconnect, resync). */
export function receiveView(store: AppStore, view: PlayerView, events: GameEvent[], seq: number): void {
  store.set({ ...withView(store.get(), view, events), seq, resyncing: false });
}

/** The new view and the events of the current round kept for the summary panel. */
export function withView(s: AppState, view: PlayerView, events: GameEvent[]): Pick<AppState, "view" | "roundEvents"> {
  const newRound = !s.view || s.view.round !== view.round;
  const kept = newRound ? [] : s.roundEvents;
  const startOfRound = events.findIndex((e) => e.type === "roundStarted");
  const fresh = startOfRound >= 0 ? events.slice(startOfRound) : events;
  return { view, roundEvents: [...kept, ...fresh] };
}
