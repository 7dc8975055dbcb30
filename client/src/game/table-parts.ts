import type * as Phaser from "phaser";
import type { PlayerView } from "../../../shared/rules/view.ts";
import type { MeterRef, Nation, Pair } from "../../../shared/rules/vocabulary.ts";
import { COLORS } from "../theme.ts";
import { hex } from "./draw.ts";

/** Small pieces of the table's drawing: a meter slot's key back to its meter, a seat's status line, the firewall. */
export function keyToRef(key: string): MeterRef | null {
  if (key.startsWith("trust:")) return { meter: "trust", pair: key.slice(6) as Pair };
  if (key.startsWith("support:")) return { meter: "support", nation: key.slice(8) as Nation };
  if (key === "threat" || key === "historyTension" || key === "japanDefense" || key === "burdenShared") return { meter: key };
  return null;
}

export function seatStatus(view: PlayerView, n: Nation, connected: boolean): { text: string; done: boolean } {
  if (!connected) return { text: "Offline", done: false };
  switch (view.phase) {
    case "event":
      if (view.responsesDue.includes(n)) return { text: "Responding…", done: false };
      return view.responses[n] ? { text: "✓ Responded", done: true } : { text: "", done: false };
    case "negotiation":
      return view.ready.includes(n) ? { text: "✓ Done talking", done: true } : { text: "Negotiating", done: false };
    case "policy":
      return view.committed[n] ? { text: "✓ Committed", done: true } : { text: "Choosing…", done: false };
    case "summary":
      return view.ready.includes(n) ? { text: "✓ Ready", done: true } : { text: "Reading", done: false };
    case "ended":
      return { text: "", done: false };
  }
}

/** The firewall as a brick wall; breached = a gap and a crack (also said in words beside it). */
export function drawWall(g: Phaser.GameObjects.Graphics, x: number, y: number, breached: boolean): void {
  const bw = 22;
  const bh = 11;
  const rows = 4;
  for (let r = 0; r < rows; r++) {
    const offset = r % 2 === 0 ? 0 : bw / 2;
    for (let i = -1; i < 3; i++) {
      const bx = x + offset + i * bw;
      const left = Math.max(x, bx);
      const right = Math.min(x + 66, bx + bw - 2);
      if (right <= left) continue;
      if (breached && r >= 1 && left > x + 18 && left < x + 46) continue;
      g.fillStyle(breached ? hex("#8C5A3C") : hex("#B9744D"), 1).fillRect(left, y + r * (bh + 2), right - left, bh);
    }
  }
  if (breached) {
    g.lineStyle(3, hex(COLORS.down), 1);
    g.lineBetween(x + 33, y - 4, x + 26, y + 16);
    g.lineBetween(x + 26, y + 16, x + 38, y + 30);
    g.lineBetween(x + 38, y + 30, x + 30, y + 54);
  }
}
