import type { NoticeMessage, SeatMessage, SeatSummary } from "../../../shared/protocol/messages.ts";
import type { GameEvent } from "../../../shared/rules/events.ts";
import type { PlayerView } from "../../../shared/rules/view.ts";

/** Presence from the room's schema state: who sits where, the phase and its deadline. Never secret. */
export interface Presence {
  code: string;
  phase: string;
  round: number;
  rounds: number;
  /** Epoch ms; 0 = no timer. */
  deadline: number;
  started: boolean;
  seats: SeatSummary[];
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
  seq: number;
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

/** Apply a "view" message: keep the events of the current round for the summary panel. */
export function receiveView(store: AppStore, view: PlayerView, events: GameEvent[], seq: number): void {
  const previous = store.get().view;
  const newRound = !previous || previous.round !== view.round;
  const kept = newRound ? [] : store.get().roundEvents;
  const startOfRound = events.findIndex((e) => e.type === "roundStarted");
  const fresh = startOfRound >= 0 ? events.slice(startOfRound) : events;
  store.set({ view, seq, roundEvents: [...kept, ...fresh] });
}
