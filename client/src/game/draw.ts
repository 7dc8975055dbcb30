import * as Phaser from "phaser";
import type { Nation } from "../../../shared/rules/vocabulary.ts";
import { emblemPoints, FONT, NATION_COLOR } from "../theme.ts";

/** Small drawing helpers shared by the table's widgets (render-only, no game logic). */

export const hex = (css: string): number => Number.parseInt(css.slice(1), 16);

export interface TextOpts {
  size?: number;
  color?: string;
  bold?: boolean;
  align?: "left" | "center" | "right";
  wrap?: number;
  lineSpacing?: number;
}

/** Text drawn at the canvas' backing resolution, so it stays crisp on a projector. */
export function text(scene: Phaser.Scene, x: number, y: number, value: string, o: TextOpts = {}): Phaser.GameObjects.Text {
  const t = scene.add.text(x, y, value, {
    fontFamily: FONT,
    fontSize: `${o.size ?? 16}px`,
    fontStyle: o.bold ? "bold" : "normal",
    color: o.color ?? "#F4F7FB",
    align: o.align ?? "left",
    wordWrap: o.wrap ? { width: o.wrap, useAdvancedWrap: true } : undefined,
    lineSpacing: o.lineSpacing ?? 2,
  });
  t.setResolution(Number(scene.registry.get("textResolution") ?? 1));
  return t;
}

export function emblem(g: Phaser.GameObjects.Graphics, nation: Nation, cx: number, cy: number, r: number, outline = 0x0b1420): void {
  const pts = emblemPoints(nation).map(([x, y]) => new Phaser.Math.Vector2(cx + x * r, cy + y * r));
  g.fillStyle(hex(NATION_COLOR[nation]), 1);
  g.fillPoints(pts, true);
  g.lineStyle(Math.max(1.5, r / 10), outline, 1);
  g.strokePoints(pts, true, true);
}

/** Diagonal hatching inside a rectangle (used for suspended institutions). */
export function hatch(g: Phaser.GameObjects.Graphics, x: number, y: number, w: number, h: number, step: number, color: number, alpha: number): void {
  g.lineStyle(2, color, alpha);
  for (let c = -h; c < w; c += step) {
    // The line x = x0 + c + t, y = y0 + h - t for t in [0, h], clipped to [x0, x0 + w].
    const t0 = Math.max(0, -c);
    const t1 = Math.min(h, w - c);
    if (t1 <= t0) continue;
    g.lineBetween(x + c + t0, y + h - t0, x + c + t1, y + h - t1);
  }
}

/** A row of n pips out of max (history tension, defense posture…): the count is also written as text. */
export function pips(g: Phaser.GameObjects.Graphics, x: number, y: number, value: number, max: number, size: number, gap: number, on: number, off: number): void {
  for (let i = 0; i < max; i++) {
    const filled = i < value;
    g.fillStyle(filled ? on : off, filled ? 1 : 0.9);
    g.fillRoundedRect(x + i * (size + gap), y, size, size, 3);
  }
}
