import type * as Phaser from "phaser";
import type { PlayerView } from "../../../shared/rules/view.ts";
import { formatDate, institutionRows } from "../store/selectors.ts";
import { COLORS, FONT } from "../theme.ts";
import { emblem, hatch, hex, text } from "./draw.ts";
import { TABLE } from "./layout.ts";

/** The middle of the felt: the card on the table and the institution tokens, redrawn into `c` when they change. */
export function drawTableTop(scene: Phaser.Scene, c: Phaser.GameObjects.Container, view: PlayerView): void {
  c.removeAll(true);
  if (view.card) {
    const g = scene.add.graphics();
    const w = 300;
    const h = 104;
    const x = TABLE.x - w / 2;
    const y = 190;
    g.fillStyle(0x000000, 0.3).fillRoundedRect(x + 5, y + 6, w, h, 12);
    g.fillStyle(hex(COLORS.paper), 1).fillRoundedRect(x, y, w, h, 12);
    g.lineStyle(4, hex(view.card.opportunity ? COLORS.up : COLORS.rim), 1).strokeRoundedRect(x, y, w, h, 12);
    const kind = text(scene, x + 14, y + 10, `${view.card.opportunity ? "OPPORTUNITY" : "EVENT"} · ${formatDate(view.card.date)}`, { size: 16, bold: true, color: "#5B4A2E" });
    const title = text(scene, x + 14, y + 34, view.card.title, { size: 24, bold: true, color: "#1C2430", wrap: w - 28, lineSpacing: 0 });
    // Two lines at 24 px, else three at 20 px, else smaller: the whole title always fits the card.
    if (title.height > 64) title.setFontSize(20);
    if (title.height > 70) title.setFontSize(17);
    c.add([g, kind, title]);
  }
  const rows = institutionRows(view);
  const label = text(scene, TABLE.x, 316, rows.length === 0 ? "No institutions in force yet" : `INSTITUTIONS IN FORCE (${rows.length})`, {
    size: 18,
    bold: true,
    color: "#A8D0D8",
    align: "center",
  }).setOrigin(0.5, 0.5);
  c.add(label);
  const wide = rows.length <= 6;
  const perRow = wide ? 2 : 3;
  const tw = wide ? 262 : 186;
  const th = 50;
  const gap = 8;
  rows.forEach((row, i) => {
    const r = Math.floor(i / perRow);
    const inRow = Math.min(perRow, rows.length - r * perRow);
    const x0 = TABLE.x - (inRow * tw + (inRow - 1) * gap) / 2;
    const x = x0 + (i % perRow) * (tw + gap);
    const y = 334 + r * (th + gap);
    const suspended = row.status === "suspended";
    const g = scene.add.graphics();
    g.fillStyle(suspended ? hex("#3A4552") : hex("#EEF3F7"), 1).fillRoundedRect(x, y, tw, th, 9);
    if (suspended) hatch(g, x + 2, y + 2, tw - 4, th - 4, 10, hex(COLORS.suspended), 0.95);
    g.lineStyle(3, suspended ? hex(COLORS.suspended) : hex(row.security ? COLORS.deterrence : COLORS.rim), 1).strokeRoundedRect(x, y, tw, th, 9);
    // Members as a column of small emblems on the left, so the name gets the token's width.
    const step = 13;
    const top = y + th / 2 - ((row.members.length - 1) * step) / 2;
    row.members.forEach((m, k) => emblem(g, m, x + 14, top + k * step, 6));
    const nameX = x + 27;
    const maxW = x + tw - nameX - 8;
    const name = scene.add
      .text(nameX, suspended ? y + 5 : y + th / 2, row.name, {
        fontFamily: FONT,
        fontSize: `${wide ? 19 : 17}px`,
        fontStyle: "bold",
        color: suspended ? "#E3E8EE" : "#14202C",
        wordWrap: { width: maxW },
        lineSpacing: -3,
      })
      .setResolution(Number(scene.registry.get("textResolution") ?? 1))
      .setOrigin(0, suspended ? 0 : 0.5);
    // Words are never split: shrink until the name fits the token.
    const room = suspended ? th - 24 : th - 4;
    for (const size of wide ? [17, 16] : [16]) {
      if (name.width <= maxW && name.height <= room) break;
      name.setFontSize(size);
    }
    c.add([g, name]);
    if (suspended) {
      const tag = text(scene, nameX, y + th - 2, "SUSPENDED", { size: 16, bold: true, color: "#0E1824" });
      tag.setOrigin(0, 1).setBackgroundColor("#F2A93B").setPadding(5, 1, 5, 1);
      c.add(tag);
    }
  });
}
