import * as Phaser from "phaser";
import { LoopSleeper } from "./sleep.ts";
import { TableScene, type SceneBridge } from "./TableScene.ts";

export const LOGICAL_WIDTH = 1280;
export const LOGICAL_HEIGHT = 720;

/**
 * The negotiation table in Phaser: a 1280×720 logical layout scaled with Scale.FIT. On a HiDPI
 * screen the backing canvas is larger (up to 2×) and the camera zooms, so text stays crisp.
 * When nothing moves, the loop sleeps (sleep.ts).
 */
export function createTableGame(parent: HTMLElement, bridge: SceneBridge): Phaser.Game {
  const cssWidth = Math.max(parent.clientWidth, 320);
  const dpr = Math.min(window.devicePixelRatio || 1, 2);
  const zoom = Math.min(2, Math.max(1, Math.round(((cssWidth * dpr) / LOGICAL_WIDTH) * 4) / 4));
  const scene = new TableScene(bridge);
  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    width: LOGICAL_WIDTH * zoom,
    height: LOGICAL_HEIGHT * zoom,
    backgroundColor: "#0E1824",
    banner: false,
    audio: { noAudio: true },
    scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH },
    render: { antialias: true, roundPixels: false },
    callbacks: {
      preBoot: (g) => g.registry.set("textResolution", zoom),
    },
    scene: [scene],
  });
  // Nothing moving, nothing drawn: the loop sleeps until the next change (see sleep.ts).
  // `?sleep=0` keeps it drawing every frame, as before (the client bench compares the two).
  if (new URLSearchParams(location.search).get("sleep") !== "0") new LoopSleeper(game, { store: bridge.store, playback: bridge.playback, sceneKey: "Table", parent });
  return game;
}
