import type { Nation } from "../../shared/rules/vocabulary.ts";
import { svg } from "./dom.ts";

/**
 * Colours and emblems. Nation colours come from the Okabe–Ito palette (safe for every common
 * colour-vision deficiency), and every nation also has its own emblem shape and its name
 * written next to it, so nothing is told by colour alone.
 */
export const NATION_COLOR: Record<Nation, string> = {
  seoul: "#56B4E9",
  tokyo: "#D55E00",
  washington: "#F0E442",
};

export const NATION_SHAPE: Record<Nation, "circle" | "diamond" | "star"> = {
  seoul: "circle",
  tokyo: "diamond",
  washington: "star",
};

export const COLORS = {
  ink: "#F4F7FB",
  muted: "#A9B6C6",
  faint: "#6F7F93",
  room: "#0E1824",
  panel: "#162536",
  line: "#2C4157",
  felt: "#173B48",
  feltEdge: "#0F2C36",
  rim: "#B08D57",
  up: "#3CC4A0",
  down: "#F2A93B",
  threat: "#E69F00",
  deterrence: "#56B4E9",
  trust: "#E8EEF5",
  suspended: "#7D8896",
  crisis: "#D55E00",
  paper: "#F3ECDD",
};

export const FONT = '"Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "Noto Sans", "Noto Sans CJK KR", "Noto Sans CJK JP", sans-serif';

/** Emblem outline in unit coordinates (radius 1), shared by the canvas and the DOM. */
export function emblemPoints(nation: Nation): [number, number][] {
  switch (NATION_SHAPE[nation]) {
    case "circle":
      return Array.from({ length: 40 }, (_, i) => {
        const a = (i / 40) * Math.PI * 2;
        return [Math.cos(a), Math.sin(a)];
      });
    case "diamond":
      return [
        [0, -1],
        [1, 0],
        [0, 1],
        [-1, 0],
      ];
    case "star":
      return Array.from({ length: 10 }, (_, i) => {
        const a = -Math.PI / 2 + (i * Math.PI) / 5;
        const r = i % 2 === 0 ? 1 : 0.45;
        return [Math.cos(a) * r, Math.sin(a) * r];
      });
  }
}

/** An inline SVG emblem for DOM panels; decorative (the nation's name is always written beside it). */
export function emblemSvg(nation: Nation, size = 18): SVGElement {
  const pts = emblemPoints(nation)
    .map(([x, y]) => `${(12 + x * 10).toFixed(2)},${(12 + y * 10).toFixed(2)}`)
    .join(" ");
  return svg(
    "svg",
    { viewBox: "0 0 24 24", width: size, height: size, class: `emblem emblem-${nation}`, "aria-hidden": "true", focusable: "false" },
    svg("polygon", { points: pts, fill: NATION_COLOR[nation], stroke: "#0b1420", "stroke-width": 1.2 }),
  );
}

export const prefersReducedMotion = (): boolean =>
  typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
