import type * as Phaser from "phaser";
import { COLORS } from "../theme.ts";
import { hex, text } from "./draw.ts";
import type { Box } from "./widgets.ts";

interface Active {
  rect: Box;
  parts: Phaser.GameObjects.GameObject[];
}

/** Where a new label may go: shift it inside the bounds, then away from labels still on screen. */
export function placeLabel(want: Box, bounds: Box, taken: readonly Box[], gap = 6): Box {
  const clampX = (x: number) => Math.min(Math.max(x, bounds.x + 4), bounds.x + bounds.w - want.w - 4);
  const clampY = (y: number) => Math.min(Math.max(y, bounds.y + 4), bounds.y + bounds.h - want.h - 4);
  const base = { ...want, x: clampX(want.x), y: clampY(want.y) };
  const overlaps = (r: Box) => taken.some((t) => r.x < t.x + t.w + gap && t.x < r.x + r.w + gap && r.y < t.y + t.h + gap && t.y < r.y + r.h + gap);
  for (let i = 0; i < 24; i++) {
    const step = Math.ceil(i / 2) * (want.h + gap) * (i % 2 === 1 ? -1 : 1);
    const r = { ...base, y: clampY(base.y + step) };
    if (!overlaps(r)) return r;
  }
  return base;
}

/**
 * "▼ −8  Radar lock-on dispute", rising and fading beside the meter that moved. Animation only:
 * the same change is written, with its cause, in the panel's ledger. Labels are never cut off
 * (kept inside the canvas, wrapped, never truncated) and never overlap one another.
 */
export class FloatingLabels {
  #active: Active[] = [];
  readonly scene: Phaser.Scene;
  readonly bounds: Box;

  constructor(scene: Phaser.Scene, bounds: Box) {
    this.scene = scene;
    this.bounds = bounds;
  }

  get rects(): Box[] {
    return this.#active.map((a) => a.rect);
  }

  float(x: number, y: number, delta: number, cause: string, good: boolean, reduced: boolean): void {
    const sign = delta > 0 ? `▲ +${delta}` : `▼ \u2212${Math.abs(delta)}`;
    const label = text(this.scene, 0, 0, `${sign}  ${cause}`, { size: 21, bold: true, color: good ? COLORS.up : COLORS.down, wrap: 460 });
    const w = label.width + 20;
    const h = label.height + 8;
    const r = placeLabel({ x: x - w / 2, y: y - h, w, h }, this.bounds, this.rects);
    label.setOrigin(0, 0).setPosition(r.x + 10, r.y + 4).setDepth(20);
    const bg = this.scene.add
      .rectangle(r.x, r.y, w, h, hex(COLORS.room), 0.95)
      .setOrigin(0, 0)
      .setStrokeStyle(2, hex(good ? COLORS.up : COLORS.down), 1)
      .setDepth(19);
    const entry: Active = { rect: r, parts: [bg, label] };
    this.#active.push(entry);
    const done = () => {
      this.#active = this.#active.filter((a) => a !== entry);
      entry.parts.forEach((p) => p.destroy());
    };
    if (reduced) {
      this.scene.time.delayedCall(2600, done);
      return;
    }
    this.scene.tweens.add({ targets: entry.parts, alpha: { from: 1, to: 0 }, delay: 1800, duration: 900, ease: "Sine.easeIn", onComplete: done });
  }
}
