import type { PhaseTimers } from "../../../shared/protocol/messages.ts";
import type { GameState } from "../../../shared/rules/state.ts";

/** A cancellable timer (the Colyseus room clock's `Delayed` fits). */
export interface TimerHandle {
  clear(): void;
}
export type Schedule = (fn: () => void, ms: number) => TimerHandle;

/** What is stored of the clock, so that a restart keeps a paused table paused and an extended deadline. */
export interface ClockSnapshot {
  /** Epoch ms when the current phase times out; null = no deadline (untimed, paused, not started, ended). */
  deadline: number | null;
  paused: boolean;
  /** While paused: ms that were left on the deadline (null for an untimed table). */
  remainingMs: number | null;
}

/** The clock's decision for a command's resulting state, made before the command is written. */
export interface ClockPlan extends ClockSnapshot {
  key: string;
  /** The stored clock changes with this command (new phase, game over). */
  changed: boolean;
}

export type ClockAnswer = { ok: true } | { ok: false; reason: string };

const phaseKey = (s: Pick<GameState, "round" | "phase">) => `${s.round}:${s.phase}`;

export interface PhaseClockOptions {
  timers: PhaseTimers;
  schedule: Schedule;
  now?: () => number;
  /** The deadline passed: run `phaseTimeout` for this round and phase. */
  onExpire: (round: number, phase: GameState["phase"]) => void;
  /** A change of the clock outside a command (pause, resume, extend, start): store it. */
  persist: (snapshot: ClockSnapshot) => void;
}

/**
 * The phase clock of one table: each phase's deadline (`now + timers[phase]` when the phase
 * begins), one armed timer, and pause / resume / extend. It never calls a deadline early
 * (the room clock may run a little ahead of the wall clock), and it never touches the game:
 * on expiry it asks its owner to run `phaseTimeout` through the command path.
 */
export class PhaseClock {
  private readonly timers: PhaseTimers;
  private readonly schedule: Schedule;
  private readonly now: () => number;
  private readonly onExpire: PhaseClockOptions["onExpire"];
  private readonly persist: PhaseClockOptions["persist"];
  private handle: TimerHandle | null = null;
  private running = false;
  private key = "";
  private round = 0;
  private phase: GameState["phase"] = "event";
  deadline: number | null = null;
  paused = false;
  private remaining: number | null = null;

  constructor(o: PhaseClockOptions) {
    this.timers = o.timers;
    this.schedule = o.schedule;
    this.now = o.now ?? Date.now;
    this.onExpire = o.onExpire;
    this.persist = o.persist;
  }

  /** Milliseconds left in the phase (frozen while paused); null without a deadline. */
  get remainingMs(): number | null {
    if (this.paused) return this.remaining;
    return this.deadline === null ? null : Math.max(0, this.deadline - this.now());
  }

  snapshot(): ClockSnapshot {
    return { deadline: this.deadline, paused: this.paused, remainingMs: this.paused ? this.remaining : null };
  }

  private phaseMs(s: Pick<GameState, "phase">): number | null {
    if (!this.timers || s.phase === "ended") return null;
    return this.timers[s.phase] * 1000;
  }

  /** The game starts (every seat filled): the first deadline. Persists. */
  start(game: Pick<GameState, "round" | "phase">): void {
    this.running = true;
    this.enter(game);
    const ms = this.phaseMs(game);
    if (this.paused) this.remaining = ms;
    else this.deadline = ms === null ? null : this.now() + ms;
    this.arm();
    this.persist(this.snapshot());
  }

  /** Brings back a stored clock (after a restart): the remaining time, paused or not. */
  restore(game: Pick<GameState, "round" | "phase">, stored: ClockSnapshot): void {
    this.running = true;
    this.enter(game);
    this.paused = stored.paused;
    if (stored.paused) {
      this.remaining = stored.remainingMs;
      this.deadline = null;
    } else {
      const ms = this.phaseMs(game);
      this.deadline = ms === null ? null : (stored.deadline ?? this.now() + ms);
    }
    this.arm();
  }

  /** What the clock will be after a command that leads to `next` (nothing changes yet). */
  plan(next: Pick<GameState, "round" | "phase">, at: number): ClockPlan {
    const key = phaseKey(next);
    const ended = next.phase === "ended";
    if (!this.running || ended) {
      const changed = key !== this.key || this.deadline !== null || (ended && this.paused);
      return { key, deadline: null, paused: ended ? false : this.paused, remainingMs: null, changed };
    }
    if (key === this.key) return { key, ...this.snapshot(), changed: false };
    const ms = this.phaseMs(next);
    if (this.paused) return { key, deadline: null, paused: true, remainingMs: ms, changed: true };
    return { key, deadline: ms === null ? null : at + ms, paused: false, remainingMs: null, changed: true };
  }

  /** The command was written: take the planned clock and re-arm. */
  apply(plan: ClockPlan, next: Pick<GameState, "round" | "phase">): void {
    if (!plan.changed) return;
    this.enter(next);
    this.key = plan.key;
    this.deadline = plan.deadline;
    this.paused = plan.paused;
    this.remaining = plan.remainingMs;
    if (next.phase === "ended") this.stop();
    else this.arm();
  }

  /** Timers stop; the remaining time is kept. */
  pause(): ClockAnswer {
    if (this.paused) return { ok: false, reason: "The table is already paused." };
    this.paused = true;
    this.remaining = this.deadline === null ? null : Math.max(0, this.deadline - this.now());
    this.deadline = null;
    this.disarm();
    this.persist(this.snapshot());
    return { ok: true };
  }

  /** The deadline becomes now + the time that was left. */
  resume(): ClockAnswer {
    if (!this.paused) return { ok: false, reason: "The table is not paused." };
    this.paused = false;
    this.deadline = this.remaining === null ? null : this.now() + this.remaining;
    this.remaining = null;
    this.arm();
    this.persist(this.snapshot());
    return { ok: true };
  }

  /** Gives the current phase `ms` more (paused or not). */
  extend(ms: number): ClockAnswer {
    if (!Number.isFinite(ms) || ms <= 0) return { ok: false, reason: "Extend by a positive number of seconds." };
    if (!this.running || this.phase === "ended") return { ok: false, reason: "The game is not running." };
    if (this.paused) {
      if (this.remaining === null) return { ok: false, reason: "This table has no phase timer to extend." };
      this.remaining += ms;
    } else {
      if (this.deadline === null) return { ok: false, reason: "This table has no phase timer to extend." };
      this.deadline += ms;
      this.arm();
    }
    this.persist(this.snapshot());
    return { ok: true };
  }

  /** The game is over (or the room goes away): no timer, no deadline. */
  stop(): void {
    this.running = false;
    this.deadline = null;
    this.paused = false;
    this.remaining = null;
    this.disarm();
  }

  private enter(game: Pick<GameState, "round" | "phase">): void {
    this.key = phaseKey(game);
    this.round = game.round;
    this.phase = game.phase;
  }

  private disarm(): void {
    this.handle?.clear();
    this.handle = null;
  }

  private arm(): void {
    this.disarm();
    if (this.deadline === null || this.paused || !this.running) return;
    const { round, phase } = this;
    this.handle = this.schedule(() => {
      this.handle = null;
      // Never call a deadline early: the timer may fire ahead of the wall clock.
      if (this.deadline !== null && this.deadline > this.now()) return this.arm();
      if (this.paused || this.deadline === null) return;
      this.onExpire(round, phase);
    }, Math.max(0, this.deadline - this.now()));
  }
}
