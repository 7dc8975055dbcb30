import type * as Phaser from "phaser";
import type { Playback } from "../store/playback.ts";
import type { AppState, AppStore } from "../store/store.ts";

/**
 * A table that sleeps: when no tween, timer event or meter playback is running, Phaser's loop
 * stops (game.loop.sleep(): no requestAnimationFrame, no redraw) and the canvas keeps its last
 * frame. The next change wakes it: a view or delta (any store change), a playback step, a
 * resize, the tab becoming visible, a pointer over the canvas. A running countdown gets one
 * frame each time its text changes (once a second), so it always shows the right time.
 */
export interface SleepOptions {
  store: AppStore;
  playback: Playback;
  sceneKey: string;
  /** The element holding the canvas: pointer events over it wake the loop. */
  parent: HTMLElement;
  /** Frames in a row with nothing moving before the loop sleeps. */
  idleFrames?: number;
}

interface ClockInternals {
  _active: unknown[];
  _pendingInsertion: unknown[];
}

function countdownOf(s: AppState): number {
  return s.presence && s.presence.deadline > 0 && s.view && s.view.phase !== "ended" ? s.presence.deadline : 0;
}

export class LoopSleeper {
  #game: Phaser.Game;
  #o: SleepOptions;
  #idle = 0;
  #awakeUntil = 0;
  #countdown: ReturnType<typeof setTimeout> | null = null;
  #off: (() => void)[] = [];
  /** Frames drawn while the loop was asleep (one per countdown second): for the bench and tests. */
  ticks = 0;
  sleeps = 0;

  constructor(game: Phaser.Game, o: SleepOptions) {
    this.#game = game;
    this.#o = o;
    const onRender = () => this.#afterFrame();
    game.events.on("postrender", onRender);
    this.#off.push(() => game.events.off("postrender", onRender));
    // Only what the canvas draws wakes it (the view, presence, the connection), not a toast or the outbox.
    this.#off.push(
      o.store.subscribe((s, prev) => {
        if (s.view !== prev.view || s.presence !== prev.presence || s.status !== prev.status || s.seat !== prev.seat) this.wake(250);
      }),
    );
    this.#off.push(o.playback.subscribe(() => this.wake(250)));
    const onWindow = () => this.wake(500);
    window.addEventListener("resize", onWindow);
    document.addEventListener("visibilitychange", onWindow);
    this.#off.push(() => window.removeEventListener("resize", onWindow));
    this.#off.push(() => document.removeEventListener("visibilitychange", onWindow));
    const onPointer = () => this.wake(100);
    o.parent.addEventListener("pointermove", onPointer, { passive: true });
    o.parent.addEventListener("pointerdown", onPointer, { passive: true });
    this.#off.push(() => {
      o.parent.removeEventListener("pointermove", onPointer);
      o.parent.removeEventListener("pointerdown", onPointer);
    });
    game.events.once("destroy", () => this.destroy());
  }

  get asleep(): boolean {
    return !this.#game.loop.running;
  }

  /** Keep drawing for at least `ms` (and for as long as anything moves after that). */
  wake(ms = 250): void {
    this.#awakeUntil = Math.max(this.#awakeUntil, performance.now() + ms);
    this.#idle = 0;
    const loop = this.#game.loop;
    if (!loop.running) {
      // Time slept is not animation time: start from a zero delta, not a jump.
      loop.resetDelta();
      loop.wake();
    }
  }

  destroy(): void {
    this.#off.splice(0).forEach((f) => f());
    if (this.#countdown) clearTimeout(this.#countdown);
    this.#countdown = null;
  }

  #busy(): boolean {
    if (performance.now() < this.#awakeUntil || this.#o.playback.busy) return true;
    const scene = this.#game.scene.getScene(this.#o.sceneKey);
    if (!scene || !scene.sys.isActive()) return true;
    const clock = scene.time as unknown as ClockInternals;
    return scene.tweens.getTweens().length > 0 || clock._active.length > 0 || clock._pendingInsertion.length > 0;
  }

  #afterFrame(): void {
    if (!this.#game.loop.running) return; // a countdown frame drawn while asleep
    if (this.#busy()) {
      this.#idle = 0;
      return;
    }
    if (++this.#idle < (this.#o.idleFrames ?? 3)) return;
    this.#game.loop.sleep();
    this.sleeps++;
    this.#scheduleCountdown();
  }

  /** While asleep, draw one frame when the countdown's text changes (ceil of the seconds left). */
  #scheduleCountdown(): void {
    if (this.#countdown) clearTimeout(this.#countdown);
    this.#countdown = null;
    const deadline = countdownOf(this.#o.store.get());
    if (deadline === 0 || !this.asleep) return;
    const left = deadline - Date.now();
    if (left <= 0) return;
    this.#countdown = setTimeout(() => {
      this.#countdown = null;
      if (!this.asleep) return;
      const loop = this.#game.loop;
      loop.resetDelta();
      loop.tick();
      this.ticks++;
      this.#scheduleCountdown();
    }, (left % 1000) + 5);
  }
}
