import type * as Phaser from "phaser";
import type { Nation } from "../../shared/rules/vocabulary.ts";
import type { PlayerView } from "../../shared/rules/view.ts";
import type { Playback } from "./store/playback.ts";
import type { AppState, AppStore } from "./store/store.ts";

/** What Playwright (and a developer's console) may read: state to wait on, never a way to cheat the server. */
export interface TrilateralHook {
  readonly state: AppState;
  readonly view: PlayerView | null;
  readonly seat: Nation | null;
  readonly code: string | null;
  readonly game: Phaser.Game | null;
  /** Meter values as the canvas currently draws them (after tweens and playback). */
  shownMeters(): Record<string, number> | null;
  /** Every live-region announcement so far. */
  readonly announcements: readonly string[];
  /** performance.now() when the table scene first drew a view (null until then). */
  tableRenderedAt: number | null;
  readonly playbackBusy: boolean;
  skipPlayback(): void;
}

declare global {
  interface Window {
    __trilateral?: TrilateralHook;
  }
}

export function testHookEnabled(): boolean {
  return import.meta.env.DEV || __TRILATERAL_TEST_HOOK__ || new URLSearchParams(location.search).get("test") === "1";
}

export function installTestHook(deps: {
  store: AppStore;
  playback: Playback;
  game(): Phaser.Game | null;
  announcements: readonly string[];
}): TrilateralHook {
  const hook: TrilateralHook = {
    get state() {
      return deps.store.get();
    },
    get view() {
      return deps.store.get().view;
    },
    get seat() {
      return deps.store.get().seat?.nation ?? deps.store.get().view?.seat ?? null;
    },
    get code() {
      return deps.store.get().code;
    },
    get game() {
      return deps.game();
    },
    shownMeters() {
      const scene = deps.game()?.scene.getScene("Table") as unknown as { shownValues?: () => Record<string, number> } | null;
      return scene?.shownValues ? scene.shownValues() : null;
    },
    announcements: deps.announcements,
    tableRenderedAt: null,
    get playbackBusy() {
      return deps.playback.busy;
    },
    skipPlayback() {
      deps.playback.skip();
    },
  };
  window.__trilateral = hook;
  return hook;
}
