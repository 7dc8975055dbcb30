import type * as Phaser from "phaser";
import { COLORS } from "../theme.ts";
import { hex, text } from "./draw.ts";
import { HISTORY, OTHERS, ROUND, SECURITY } from "./layout.ts";
import { MeterBar, type Box } from "./widgets.ts";

/** A meter's place on the table: its bar, the box that flashes, and where its delta label rises from. */
export interface MeterSlot {
  bar: MeterBar;
  box: Box;
  /** Where the delta label rises from. */
  anchor: { x: number; y: number };
}

/** The changing texts and drawings of the four corner panels (security, history, also in play, round). */
export interface Hud {
  verdict: Phaser.GameObjects.Text;
  crisisText: Phaser.GameObjects.Text;
  crisisG: Phaser.GameObjects.Graphics;
  historyG: Phaser.GameObjects.Graphics;
  historyNum: Phaser.GameObjects.Text;
  wallG: Phaser.GameObjects.Graphics;
  wallText: Phaser.GameObjects.Text;
  wallNote: Phaser.GameObjects.Text;
  othersG: Phaser.GameObjects.Graphics;
  defenseNum: Phaser.GameObjects.Text;
  burdenNum: Phaser.GameObjects.Text;
  exportText: Phaser.GameObjects.Text;
  strikeText: Phaser.GameObjects.Text;
  roundText: Phaser.GameObjects.Text;
  phaseText: Phaser.GameObjects.Text;
  timerText: Phaser.GameObjects.Text;
  deckText: Phaser.GameObjects.Text;
}

/** Draws the four corner panels and registers their meters in `slots`. */
export function buildHud(scene: Phaser.Scene, panel: (box: Box) => unknown, slots: Map<string, MeterSlot>): { hud: Hud; deterrence: MeterBar } {
  // Security: threat vs deterrence, and the crisis markers.
  const s = SECURITY;
  panel(s);
  text(scene, s.x + 18, s.y + 12, "SECURITY", { size: 18, bold: true, color: COLORS.muted });
  text(scene, s.x + 18, s.y + 56, "Threat", { size: 22 }).setOrigin(0, 0.5);
  const threat = new MeterBar(scene, s.x + 150, s.y + 57, 190, 18, hex(COLORS.threat), 10, { x: s.x + s.w - 18, y: s.y + 56, size: 32 });
  slots.set("threat", { bar: threat, box: s, anchor: { x: s.x + s.w / 2 + 60, y: s.y + s.h + 40 } });
  text(scene, s.x + 18, s.y + 94, "Deterrence", { size: 22 }).setOrigin(0, 0.5);
  const deterrence = new MeterBar(scene, s.x + 150, s.y + 95, 190, 18, hex(COLORS.deterrence), 10, { x: s.x + s.w - 18, y: s.y + 94, size: 32 });
  const verdict = text(scene, s.x + 150, s.y + 12, "", { size: 18, bold: true });
  text(scene, s.x + 18, s.y + 150, "Crisis markers", { size: 22 }).setOrigin(0, 0.5);
  const crisisG = scene.add.graphics();
  const crisisText = text(scene, s.x + s.w - 18, s.y + 150, "", { size: 22, bold: true }).setOrigin(1, 0.5);

  // History: tension and the firewall.
  const hb = HISTORY;
  panel(hb);
  text(scene, hb.x + 18, hb.y + 12, "HISTORY", { size: 18, bold: true, color: COLORS.muted });
  text(scene, hb.x + 18, hb.y + 56, "Tension", { size: 22 }).setOrigin(0, 0.5);
  const historyG = scene.add.graphics();
  const historyNum = text(scene, hb.x + hb.w - 18, hb.y + 56, "", { size: 32, bold: true }).setOrigin(1, 0.5);
  slots.set("historyTension", {
    bar: new MeterBar(scene, -500, -500, 1, 1, 0, 10, { x: -500, y: -500, size: 10 }),
    box: hb,
    anchor: { x: hb.x + hb.w / 2 - 60, y: hb.y + hb.h + 40 },
  });
  const wallG = scene.add.graphics();
  const wallText = text(scene, hb.x + 110, hb.y + 122, "", { size: 24, bold: true }).setOrigin(0, 0.5);
  const wallNote = text(scene, hb.x + 110, hb.y + 154, "", { size: 18, color: COLORS.muted }).setOrigin(0, 0.5);

  // Other indicators.
  const o = OTHERS;
  panel(o);
  text(scene, o.x + 18, o.y + 12, "ALSO IN PLAY", { size: 18, bold: true, color: COLORS.muted });
  text(scene, o.x + 18, o.y + 56, "Japan’s defense", { size: 20 }).setOrigin(0, 0.5);
  const othersG = scene.add.graphics();
  const defenseNum = text(scene, o.x + o.w - 18, o.y + 56, "", { size: 24, bold: true }).setOrigin(1, 0.5);
  text(scene, o.x + 18, o.y + 110, "Burden shared", { size: 20 }).setOrigin(0, 0.5);
  const burdenNum = text(scene, o.x + o.w - 18, o.y + 110, "", { size: 24, bold: true }).setOrigin(1, 0.5);
  const exportText = text(scene, o.x + 18, o.y + 166, "", { size: 19 }).setOrigin(0, 0.5);
  const strikeText = text(scene, o.x + 18, o.y + 198, "", { size: 19 }).setOrigin(0, 0.5);
  for (const [key, y] of [
    ["japanDefense", o.y + 56],
    ["burdenShared", o.y + 110],
  ] as const) {
    slots.set(key, {
      bar: new MeterBar(scene, -500, -500, 1, 1, 0, 10, { x: -500, y: -500, size: 10 }),
      box: { x: o.x + 6, y: y - 20, w: o.w - 12, h: 50 },
      anchor: { x: o.x + o.w / 2 + 40, y: y - 22 },
    });
  }

  // Round, phase, timer.
  const r = ROUND;
  panel(r);
  const roundText = text(scene, r.x + r.w / 2, r.y + 16, "", { size: 20, color: COLORS.muted, align: "center" }).setOrigin(0.5, 0);
  const phaseText = text(scene, r.x + r.w / 2, r.y + 48, "", { size: 36, bold: true, align: "center" }).setOrigin(0.5, 0);
  const timerText = text(scene, r.x + r.w / 2, r.y + 130, "", { size: 40, bold: true, align: "center" }).setOrigin(0.5, 0.5);
  const deckText = text(scene, r.x + r.w / 2, r.y + r.h - 16, "", { size: 18, color: COLORS.muted, align: "center" }).setOrigin(0.5, 1);

  const hud: Hud = { verdict, crisisText, crisisG, historyG, historyNum, wallG, wallText, wallNote, othersG, defenseNum, burdenNum, exportText, strikeText, roundText, phaseText, timerText, deckText };
  return { hud, deterrence };
}
