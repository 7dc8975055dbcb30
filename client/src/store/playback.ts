import type { MeterChange } from "../../../shared/rules/state.ts";
import type { PlayerView } from "../../../shared/rules/view.ts";
import type { AppStore } from "./store.ts";

export type PlaybackEvent =
  | { type: "reset"; view: PlayerView }
  | { type: "step"; change: MeterChange; remaining: number }
  | { type: "idle"; view: PlayerView };

/**
 * Meter changes are shown one at a time, in the order the server applied them, so a student
 * can follow the cause of each delta. The queue is fed by view.changes (append-only): the scene
 * tweens each step, the live region announces it, the summary panel lists it.
 */
export class Playback {
  #seen = -1;
  #table: string | null = null;
  #queue: MeterChange[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #listeners = new Set<(e: PlaybackEvent) => void>();
  #view: PlayerView | null = null;
  /** Changes shown so far in the current batch (the summary panel lists them). */
  shown: MeterChange[] = [];

  readonly stepMs: number;

  constructor(store: AppStore, stepMs: number) {
    this.stepMs = stepMs;
    store.subscribe((s, prev) => {
      if (s.code !== this.#table) {
        this.#table = s.code;
        this.#seen = -1;
        this.#queue = [];
        this.shown = [];
      }
      if (s.view && s.view !== prev.view) this.#onView(s.view);
    });
  }

  get busy(): boolean {
    return this.#queue.length > 0;
  }

  get pending(): number {
    return this.#queue.length;
  }

  subscribe(listener: (e: PlaybackEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Show everything still queued at once. */
  skip(): void {
    while (this.#queue.length > 0) this.#step(false);
    this.#finish();
  }

  #emit(e: PlaybackEvent): void {
    for (const l of [...this.#listeners]) l(e);
  }

  #onView(view: PlayerView): void {
    this.#view = view;
    if (this.#seen < 0 || view.changes.length < this.#seen) {
      // First view after joining (or a refresh): show the table as it is, no replay.
      this.#seen = view.changes.length;
      this.#queue = [];
      this.shown = view.phase === "summary" || view.phase === "ended" ? view.changes.filter((c) => c.round === view.round) : [];
      this.#emit({ type: "reset", view });
      return;
    }
    const fresh = view.changes.slice(this.#seen);
    this.#seen = view.changes.length;
    if (fresh.length === 0) {
      if (!this.busy) this.#emit({ type: "idle", view });
      return;
    }
    if (!this.busy && this.#timer === null) {
      // A new batch starts: keep earlier steps of the same round (event effects, then resolution).
      const round = fresh[0]!.round;
      this.shown = this.shown.filter((c) => c.round === round);
    }
    this.#queue.push(...fresh);
    if (this.#timer === null) this.#pump();
  }

  #step(schedule: boolean): void {
    const change = this.#queue.shift();
    if (!change) return;
    this.shown = [...this.shown, change];
    this.#emit({ type: "step", change, remaining: this.#queue.length });
    if (schedule) this.#timer = setTimeout(() => this.#pump(), this.stepMs);
  }

  #pump(): void {
    this.#timer = null;
    if (this.#queue.length === 0) return this.#finish();
    this.#step(true);
  }

  #finish(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#view) this.#emit({ type: "idle", view: this.#view });
  }
}
