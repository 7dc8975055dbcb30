import * as Phaser from "phaser";
import { COLORS } from "../theme.ts";
import { hex, text } from "./draw.ts";

/** A horizontal meter: track, fill, and the value written as a number (never colour alone). */
export class MeterBar {
  readonly fill: Phaser.GameObjects.Rectangle;
  readonly number: Phaser.GameObjects.Text;
  value = 0;
  #counter: Phaser.Tweens.Tween | null = null;

  readonly scene: Phaser.Scene;
  readonly max: number;

  constructor(
    scene: Phaser.Scene,
    x: number,
    y: number,
    width: number,
    height: number,
    color: number,
    max: number,
    numberPos: { x: number; y: number; size: number; align?: "left" | "right" },
    marks: number[] = [],
  ) {
    this.scene = scene;
    this.max = max;
    scene.add.rectangle(x, y, width, height, hex(COLORS.room), 1).setOrigin(0, 0.5).setStrokeStyle(1, hex(COLORS.line));
    this.fill = scene.add.rectangle(x, y, width, height, color, 1).setOrigin(0, 0.5).setScale(0, 1);
    const g = scene.add.graphics();
    g.lineStyle(2, hex(COLORS.ink), 0.55);
    for (const m of marks) g.lineBetween(x + (m / max) * width, y - height / 2 - 3, x + (m / max) * width, y + height / 2 + 3);
    this.number = text(scene, numberPos.x, numberPos.y, "0", { size: numberPos.size, bold: true, align: numberPos.align ?? "right" });
    this.number.setOrigin(numberPos.align === "left" ? 0 : 1, 0.5);
  }

  set(value: number, animate: boolean, duration = 650): void {
    const from = this.value;
    this.value = value;
    const scale = Math.max(0, Math.min(1, value / this.max));
    this.scene.tweens.killTweensOf(this.fill);
    this.#counter?.stop();
    this.#counter = null;
    if (!animate || from === value) {
      this.fill.setScale(scale, 1);
      this.number.setText(String(value));
      return;
    }
    this.scene.tweens.add({ targets: this.fill, scaleX: scale, duration, ease: "Cubic.easeOut" });
    this.#counter = this.scene.tweens.addCounter({
      from,
      to: value,
      duration,
      ease: "Cubic.easeOut",
      onUpdate: (tw) => this.number.setText(String(Math.round(tw.getValue() ?? value))),
      onComplete: () => this.number.setText(String(value)),
    });
  }
}

/** A brief outline flash on the widget that changed. */
export function flash(scene: Phaser.Scene, x: number, y: number, w: number, h: number, color: number, reduced: boolean): void {
  const r = scene.add.rectangle(x, y, w, h).setOrigin(0, 0).setStrokeStyle(3, color, 1).setDepth(18);
  if (reduced) {
    scene.time.delayedCall(900, () => r.destroy());
    return;
  }
  scene.tweens.add({ targets: r, alpha: { from: 1, to: 0 }, duration: 1200, ease: "Quad.easeIn", onComplete: () => r.destroy() });
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
