import type { Nation, Pair } from "../../../shared/rules/vocabulary.ts";
import type { Box } from "./widgets.ts";

/**
 * Where everything sits on the table canvas: a logical 1280×720 world (the camera zooms it to the
 * backing resolution). On a 1920×1080 projector the canvas is drawn at about 1×, so no text here
 * is under 16 logical px (tests/e2e/projector-table.spec.ts measures it on the page).
 */
export const TABLE = { x: 640, y: 404, rx: 300, ry: 206 };
export const PLACARD: Record<Nation, Box> = {
  washington: { x: 445, y: 6, w: 390, h: 156 },
  seoul: { x: 6, y: 558, w: 390, h: 156 },
  tokyo: { x: 884, y: 558, w: 390, h: 156 },
};
export const TRUST_BOX: Record<Pair, Box> = {
  "seoul-washington": { x: 170, y: 206, w: 300, h: 100 },
  "tokyo-washington": { x: 810, y: 206, w: 300, h: 100 },
  "seoul-tokyo": { x: 490, y: 604, w: 300, h: 100 },
};
/** Where each delegation sits at the felt's edge; the trust "ties" run between these points. */
export const SEAT_POINT: Record<Nation, { x: number; y: number }> = {
  washington: { x: 640, y: 206 },
  seoul: { x: 440, y: 556 },
  tokyo: { x: 840, y: 556 },
};
export const SECURITY: Box = { x: 6, y: 6, w: 420, h: 188 };
export const HISTORY: Box = { x: 854, y: 6, w: 420, h: 188 };
export const OTHERS: Box = { x: 6, y: 322, w: 318, h: 224 };
export const ROUND: Box = { x: 956, y: 322, w: 318, h: 224 };
