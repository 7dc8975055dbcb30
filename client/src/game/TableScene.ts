import * as Phaser from "phaser";
import type { MeterChange } from "../../../shared/rules/state.ts";
import { TUNING } from "../../../shared/rules/tuning.ts";
import type { PlayerView } from "../../../shared/rules/view.ts";
import { NATION_NAMES, NATIONS, PAIRS, PHASE_NAMES, STANCE_NAMES, membersOfPair, pairName, type MeterRef, type Nation, type Pair } from "../../../shared/rules/vocabulary.ts";
import type { Playback, PlaybackEvent } from "../store/playback.ts";
import { countdownText, deltaTone, formatDate, institutionRows, meterKey, meterValue } from "../store/selectors.ts";
import type { AppState, AppStore } from "../store/store.ts";
import { COLORS, FONT, NATION_COLOR } from "../theme.ts";
import { emblem, hatch, hex, pips, text } from "./draw.ts";
import { FloatingLabels } from "./float-labels.ts";
import { shownDeterrence } from "./shown.ts";
import { flash, MeterBar, type Box } from "./widgets.ts";
import { securityVerdict } from "../../../shared/rules/ledger.ts";

export interface SceneBridge {
  store: AppStore;
  playback: Playback;
  reducedMotion: boolean;
  /** Called once, after the first frame that shows a view. */
  onFirstRender(): void;
}

/**
 * Logical layout at 1280×720 (the camera zooms it to the backing resolution). On a 1280×720
 * laptop the canvas is drawn at about 0.63×, so no text here is smaller than 18 logical px.
 */
const TABLE = { x: 640, y: 404, rx: 300, ry: 206 };
const PLACARD: Record<Nation, Box> = {
  washington: { x: 445, y: 6, w: 390, h: 156 },
  seoul: { x: 6, y: 558, w: 390, h: 156 },
  tokyo: { x: 884, y: 558, w: 390, h: 156 },
};
const TRUST_BOX: Record<Pair, Box> = {
  "seoul-washington": { x: 170, y: 206, w: 300, h: 100 },
  "tokyo-washington": { x: 810, y: 206, w: 300, h: 100 },
  "seoul-tokyo": { x: 490, y: 604, w: 300, h: 100 },
};
/** Where each delegation sits at the felt's edge; the trust "ties" run between these points. */
const SEAT_POINT: Record<Nation, { x: number; y: number }> = {
  washington: { x: 640, y: 206 },
  seoul: { x: 440, y: 556 },
  tokyo: { x: 840, y: 556 },
};
const SECURITY: Box = { x: 6, y: 6, w: 420, h: 188 };
const HISTORY: Box = { x: 854, y: 6, w: 420, h: 188 };
const OTHERS: Box = { x: 6, y: 322, w: 318, h: 224 };
const ROUND: Box = { x: 956, y: 322, w: 318, h: 224 };

interface MeterSlot {
  bar: MeterBar;
  box: Box;
  /** Where the delta label rises from. */
  anchor: { x: number; y: number };
}

export class TableScene extends Phaser.Scene {
  #bridge: SceneBridge;
  #slots = new Map<string, MeterSlot>();
  #deterrence!: MeterBar;
  #dynamic!: Phaser.GameObjects.Container;
  #ties!: Phaser.GameObjects.Graphics;
  #placardText = new Map<
    Nation,
    { name: Phaser.GameObjects.Text; who: Phaser.GameObjects.Text; status: Phaser.GameObjects.Text; statusBg: Phaser.GameObjects.Rectangle; you: Phaser.GameObjects.Text }
  >();
  #hud!: {
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
  };
  #structureKey = "";
  #rendered = false;
  #unsubscribe: (() => void)[] = [];
  #deadline = 0;
  #labels!: FloatingLabels;

  constructor(bridge: SceneBridge) {
    super("Table");
    this.#bridge = bridge;
  }

  /** Exposed to the test hook: the meters as the canvas shows them right now. */
  shownValues(): Record<string, number> {
    return Object.fromEntries([...this.#slots].map(([k, s]) => [k, s.bar.value]));
  }

  create(): void {
    const zoom = Number(this.registry.get("textResolution") ?? 1);
    this.cameras.main.setZoom(zoom).centerOn(640, 360);
    this.game.canvas.setAttribute("aria-hidden", "true");
    this.#drawRoom();
    this.#ties = this.add.graphics();
    this.#buildPlacards();
    this.#buildTrust();
    this.#buildHud();
    this.#dynamic = this.add.container(0, 0);
    this.#labels = new FloatingLabels(this, { x: 0, y: 0, w: 1280, h: 720 });

    const { store, playback } = this.#bridge;
    this.#unsubscribe.push(store.subscribe((s, prev) => this.#onState(s, prev)));
    this.#unsubscribe.push(playback.subscribe((e) => this.#onPlayback(e)));
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.#unsubscribe.splice(0).forEach((u) => u()));
    const view = store.get().view;
    if (view) {
      this.#syncMeters(view, false);
      this.#onState(store.get(), null);
    }
  }

  override update(): void {
    if (this.#deadline > 0) this.#hud.timerText.setText(`${countdownText(this.#deadline - Date.now())} left`);
  }

  // ── static drawing ────────────────────────────────────────────────────────────

  #drawRoom(): void {
    const g = this.add.graphics();
    g.fillStyle(hex(COLORS.room), 1).fillRect(0, 0, 1280, 720);
    // A faint floor pattern keeps the big dark areas from looking empty on a projector.
    g.lineStyle(1, hex(COLORS.line), 0.35);
    for (let x = -720; x < 1280; x += 48) g.lineBetween(x, 720, x + 720, 0);
    // The table seen from above: a rim, the felt, and an inner line.
    g.fillStyle(0x000000, 0.35).fillEllipse(TABLE.x + 6, TABLE.y + 10, TABLE.rx * 2 + 30, TABLE.ry * 2 + 30);
    g.fillStyle(hex(COLORS.rim), 1).fillEllipse(TABLE.x, TABLE.y, TABLE.rx * 2 + 26, TABLE.ry * 2 + 26);
    g.fillStyle(hex(COLORS.feltEdge), 1).fillEllipse(TABLE.x, TABLE.y, TABLE.rx * 2, TABLE.ry * 2);
    g.fillStyle(hex(COLORS.felt), 1).fillEllipse(TABLE.x, TABLE.y, TABLE.rx * 2 - 24, TABLE.ry * 2 - 24);
    g.lineStyle(1.5, hex(COLORS.rim), 0.45).strokeEllipse(TABLE.x, TABLE.y, TABLE.rx * 2 - 52, TABLE.ry * 2 - 52);
  }

  #panel(box: Box, border = hex(COLORS.line), width = 1.5): Phaser.GameObjects.Graphics {
    const g = this.add.graphics();
    g.fillStyle(hex(COLORS.panel), 0.96).fillRoundedRect(box.x, box.y, box.w, box.h, 12);
    g.lineStyle(width, border, 1).strokeRoundedRect(box.x, box.y, box.w, box.h, 12);
    return g;
  }

  #buildPlacards(): void {
    for (const n of NATIONS) {
      const b = PLACARD[n];
      const g = this.#panel(b, hex(NATION_COLOR[n]), 4);
      emblem(g, n, b.x + 40, b.y + 40, 25);
      const name = text(this, b.x + 80, b.y + 20, NATION_NAMES[n].toUpperCase(), { size: 32, bold: true }).setOrigin(0, 0.5).setY(b.y + 40);
      const you = text(this, b.x + 80, b.y + 40, "", { size: 18, bold: true, color: "#0E1824" }).setOrigin(0, 0.5);
      const who = text(this, b.x + 18, b.y + 86, "", { size: 20, color: COLORS.muted }).setOrigin(0, 0.5);
      const statusBg = this.add.rectangle(b.x + b.w - 14, b.y + 86, 10, 32, hex(COLORS.room), 1).setOrigin(1, 0.5);
      const status = text(this, b.x + b.w - 24, b.y + 86, "", { size: 19, bold: true }).setOrigin(1, 0.5);
      text(this, b.x + 18, b.y + 122, "Support at home", { size: 19, color: COLORS.muted }).setOrigin(0, 0.5);
      const bar = new MeterBar(this, b.x + 176, b.y + 124, b.w - 256, 16, hex(NATION_COLOR[n]), 100, { x: b.x + b.w - 16, y: b.y + 122, size: 34 }, [
        TUNING.leadership.fallsBelowSupport,
      ]);
      this.#slots.set(meterKey({ meter: "support", nation: n }), { bar, box: b, anchor: { x: b.x + b.w / 2, y: n === "washington" ? b.y + b.h + 40 : b.y - 8 } });
      this.#placardText.set(n, { name, who, status, statusBg, you });
    }
  }

  #buildTrust(): void {
    for (const pair of PAIRS) {
      const b = TRUST_BOX[pair];
      const [a, c] = membersOfPair(pair);
      const g = this.#panel(b, hex(COLORS.line), 2);
      emblem(g, a, b.x + 22, b.y + 26, 10);
      emblem(g, c, b.x + 46, b.y + 26, 10);
      text(this, b.x + 64, b.y + 26, "TRUST", { size: 18, bold: true, color: COLORS.muted }).setOrigin(0, 0.5);
      text(this, b.x + 16, b.y + 50, pairName(pair), { size: 20, bold: true }).setOrigin(0, 0);
      const bar = new MeterBar(this, b.x + 16, b.y + 84, b.w - 100, 16, hex(COLORS.trust), 100, { x: b.x + b.w - 14, y: b.y + 66, size: 44 });
      this.#slots.set(meterKey({ meter: "trust", pair }), { bar, box: b, anchor: { x: b.x + b.w / 2, y: b.y - 8 } });
    }
  }

  #buildHud(): void {
    // Security: threat vs deterrence, and the crisis markers.
    const s = SECURITY;
    this.#panel(s);
    text(this, s.x + 18, s.y + 12, "SECURITY", { size: 18, bold: true, color: COLORS.muted });
    text(this, s.x + 18, s.y + 56, "Threat", { size: 22 }).setOrigin(0, 0.5);
    const threat = new MeterBar(this, s.x + 150, s.y + 57, 190, 18, hex(COLORS.threat), 10, { x: s.x + s.w - 18, y: s.y + 56, size: 32 });
    this.#slots.set("threat", { bar: threat, box: s, anchor: { x: s.x + s.w / 2 + 60, y: s.y + s.h + 40 } });
    text(this, s.x + 18, s.y + 94, "Deterrence", { size: 22 }).setOrigin(0, 0.5);
    this.#deterrence = new MeterBar(this, s.x + 150, s.y + 95, 190, 18, hex(COLORS.deterrence), 10, { x: s.x + s.w - 18, y: s.y + 94, size: 32 });
    const verdict = text(this, s.x + 150, s.y + 12, "", { size: 18, bold: true });
    text(this, s.x + 18, s.y + 150, "Crisis markers", { size: 22 }).setOrigin(0, 0.5);
    const crisisG = this.add.graphics();
    const crisisText = text(this, s.x + s.w - 18, s.y + 150, "", { size: 22, bold: true }).setOrigin(1, 0.5);

    // History: tension and the firewall.
    const hb = HISTORY;
    this.#panel(hb);
    text(this, hb.x + 18, hb.y + 12, "HISTORY", { size: 18, bold: true, color: COLORS.muted });
    text(this, hb.x + 18, hb.y + 56, "Tension", { size: 22 }).setOrigin(0, 0.5);
    const historyG = this.add.graphics();
    const historyNum = text(this, hb.x + hb.w - 18, hb.y + 56, "", { size: 32, bold: true }).setOrigin(1, 0.5);
    this.#slots.set("historyTension", {
      bar: new MeterBar(this, -500, -500, 1, 1, 0, 10, { x: -500, y: -500, size: 10 }),
      box: hb,
      anchor: { x: hb.x + hb.w / 2 - 60, y: hb.y + hb.h + 40 },
    });
    const wallG = this.add.graphics();
    const wallText = text(this, hb.x + 110, hb.y + 122, "", { size: 24, bold: true }).setOrigin(0, 0.5);
    const wallNote = text(this, hb.x + 110, hb.y + 154, "", { size: 18, color: COLORS.muted }).setOrigin(0, 0.5);

    // Other indicators.
    const o = OTHERS;
    this.#panel(o);
    text(this, o.x + 18, o.y + 12, "ALSO IN PLAY", { size: 18, bold: true, color: COLORS.muted });
    text(this, o.x + 18, o.y + 56, "Japan’s defense", { size: 20 }).setOrigin(0, 0.5);
    const othersG = this.add.graphics();
    const defenseNum = text(this, o.x + o.w - 18, o.y + 56, "", { size: 24, bold: true }).setOrigin(1, 0.5);
    text(this, o.x + 18, o.y + 110, "Burden shared", { size: 20 }).setOrigin(0, 0.5);
    const burdenNum = text(this, o.x + o.w - 18, o.y + 110, "", { size: 24, bold: true }).setOrigin(1, 0.5);
    const exportText = text(this, o.x + 18, o.y + 166, "", { size: 19 }).setOrigin(0, 0.5);
    const strikeText = text(this, o.x + 18, o.y + 198, "", { size: 19 }).setOrigin(0, 0.5);
    for (const [key, y] of [
      ["japanDefense", o.y + 56],
      ["burdenShared", o.y + 110],
    ] as const) {
      this.#slots.set(key, {
        bar: new MeterBar(this, -500, -500, 1, 1, 0, 10, { x: -500, y: -500, size: 10 }),
        box: { x: o.x + 6, y: y - 20, w: o.w - 12, h: 50 },
        anchor: { x: o.x + o.w / 2 + 40, y: y - 22 },
      });
    }

    // Round, phase, timer.
    const r = ROUND;
    this.#panel(r);
    const roundText = text(this, r.x + r.w / 2, r.y + 16, "", { size: 20, color: COLORS.muted, align: "center" }).setOrigin(0.5, 0);
    const phaseText = text(this, r.x + r.w / 2, r.y + 48, "", { size: 36, bold: true, align: "center" }).setOrigin(0.5, 0);
    const timerText = text(this, r.x + r.w / 2, r.y + 130, "", { size: 40, bold: true, align: "center" }).setOrigin(0.5, 0.5);
    const deckText = text(this, r.x + r.w / 2, r.y + r.h - 16, "", { size: 18, color: COLORS.muted, align: "center" }).setOrigin(0.5, 1);

    this.#hud = { verdict, crisisText, crisisG, historyG, historyNum, wallG, wallText, wallNote, othersG, defenseNum, burdenNum, exportText, strikeText, roundText, phaseText, timerText, deckText };
  }

  // ── state → drawing ───────────────────────────────────────────────────────────

  #onState(state: AppState, prev: AppState | null): void {
    const view = state.view;
    if (!view) return;
    if (prev && view === prev.view && state.presence === prev.presence) return;
    this.#renderStatuses(view, state);
    this.#renderHud(view, state);
    const structure = JSON.stringify([view.institutions, view.card?.id, view.firewall, view.crises]);
    if (structure !== this.#structureKey) {
      this.#structureKey = structure;
      this.#renderTableTop(view);
    }
    if (!this.#rendered) {
      this.#rendered = true;
      this.game.events.once(Phaser.Core.Events.POST_RENDER, () => this.#bridge.onFirstRender());
    }
  }

  #onPlayback(e: PlaybackEvent): void {
    const reduced = this.#bridge.reducedMotion;
    if (e.type === "reset") this.#syncMeters(e.view, false);
    else if (e.type === "idle") this.#syncMeters(e.view, !reduced);
    else this.#showChange(e.change, reduced);
  }

  #syncMeters(view: PlayerView, animate: boolean): void {
    for (const [key, slot] of this.#slots) {
      const ref = keyToRef(key);
      if (ref) slot.bar.set(meterValue(view, ref), animate);
    }
    this.#renderPips(view);
    this.#renderSecurity(view, animate);
    this.#renderTies();
  }

  /** Deterrence and the verdict from the figures on screen (the engine's formula over the shown meters). */
  #renderSecurity(view: PlayerView, animate: boolean): void {
    const det = shownDeterrence(view, this.shownValues()).total;
    const threat = this.#slots.get("threat")!.bar.value;
    this.#deterrence.set(det, animate);
    const verdict = securityVerdict(threat, det);
    this.#hud.verdict.setText(verdict.text);
    this.#hud.verdict.setColor(verdict.danger ? COLORS.down : COLORS.up);
  }

  /** Lines across the felt between the delegations: thicker with more trust, dashed below 30. */
  #renderTies(): void {
    const g = this.#ties.clear();
    for (const pair of PAIRS) {
      const [a, b] = membersOfPair(pair);
      const trust = this.#slots.get(meterKey({ meter: "trust", pair }))!.bar.value;
      const p = SEAT_POINT[a];
      const q = SEAT_POINT[b];
      const width = 2 + Math.round(trust / 12);
      g.lineStyle(width, hex(COLORS.trust), 0.22 + trust / 400);
      if (trust >= 30) {
        g.lineBetween(p.x, p.y, q.x, q.y);
      } else {
        const len = Math.hypot(q.x - p.x, q.y - p.y);
        for (let d = 0; d < len; d += 26) {
          const t0 = d / len;
          const t1 = Math.min(1, (d + 13) / len);
          g.lineBetween(p.x + (q.x - p.x) * t0, p.y + (q.y - p.y) * t0, p.x + (q.x - p.x) * t1, p.y + (q.y - p.y) * t1);
        }
      }
    }
    for (const n of NATIONS) {
      const s = SEAT_POINT[n];
      g.fillStyle(hex(COLORS.feltEdge), 1).fillCircle(s.x, s.y, 17);
      emblem(g, n, s.x, s.y, 12);
    }
  }

  #showChange(change: MeterChange, reduced: boolean): void {
    const slot = this.#slots.get(meterKey(change.meter));
    if (!slot) return;
    slot.bar.set(change.to, !reduced);
    const view = this.#bridge.store.get().view;
    if (view) {
      // Pip meters redraw from the change itself so they move in step with the label.
      const shown = { ...view, historyTension: this.#slots.get("historyTension")!.bar.value, japanDefense: this.#slots.get("japanDefense")!.bar.value, burdenShared: this.#slots.get("burdenShared")!.bar.value };
      this.#renderPips(shown);
    }
    if (change.meter.meter === "trust") this.#renderTies();
    if (view) this.#renderSecurity(view, !reduced);
    const delta = change.to - change.from;
    if (delta !== 0) {
      const good = deltaTone(change.meter, delta) === "good";
      this.#labels.float(slot.anchor.x, slot.anchor.y, delta, change.cause.label, good, reduced);
      flash(this, slot.box.x, slot.box.y, slot.box.w, slot.box.h, hex(good ? COLORS.up : COLORS.down), reduced);
    }
  }

  #renderPips(view: Pick<PlayerView, "historyTension" | "japanDefense" | "burdenShared">): void {
    const hb = HISTORY;
    const g = this.#hud.historyG.clear();
    pips(g, hb.x + 110, hb.y + 47, view.historyTension, 10, 18, 4, hex(COLORS.threat), hex(COLORS.line));
    this.#hud.historyNum.setText(`${view.historyTension}/10`);
    const o = OTHERS;
    const og = this.#hud.othersG.clear();
    pips(og, o.x + 18, o.y + 74, view.japanDefense, 10, 18, 5, hex(COLORS.deterrence), hex(COLORS.line));
    pips(og, o.x + 18, o.y + 128, view.burdenShared, 10, 18, 5, hex(COLORS.deterrence), hex(COLORS.line));
    this.#hud.defenseNum.setText(`${view.japanDefense}/10`);
    this.#hud.burdenNum.setText(`${view.burdenShared}/10`);
  }

  #renderStatuses(view: PlayerView, state: AppState): void {
    for (const n of NATIONS) {
      const t = this.#placardText.get(n)!;
      const seat = state.presence?.seats.find((s) => s.nation === n);
      const b = PLACARD[n];
      const rawName = seat?.bot ? "Bot" : seat?.name || (seat?.occupied ? "Student" : "Empty seat");
      const player = rawName.length > 12 ? `${rawName.slice(0, 11)}…` : rawName;
      t.who.setText(`${STANCE_NAMES[view.stances[n]]} · ${player}`);
      const mine = view.seat === n;
      t.you.setText(mine ? " YOU " : "");
      t.you.setBackgroundColor(mine ? NATION_COLOR[n] : "rgba(0,0,0,0)");
      t.you.setPosition(t.name.x + t.name.width + 12, b.y + 40);
      const status = seatStatus(view, n, seat ? seat.connected || seat.bot : true);
      t.status.setText(status.text);
      t.status.setColor(status.done ? COLORS.up : COLORS.ink);
      t.statusBg.setSize(t.status.width + 20, 34);
      t.statusBg.setStrokeStyle(2, hex(status.done ? COLORS.up : COLORS.line), 1);
      t.statusBg.setVisible(status.text !== "");
    }
  }

  #renderHud(view: PlayerView, state: AppState): void {
    const h = this.#hud;
    const s = SECURITY;
    if (!this.#bridge.playback.busy) this.#renderSecurity(view, false);
    const cg = h.crisisG.clear();
    const max = TUNING.crisis.markersToEndGame;
    for (let i = 0; i < max; i++) {
      const cx = s.x + 206 + i * 42;
      const cy = s.y + 150;
      const placed = i < view.crises;
      cg.fillStyle(placed ? hex(COLORS.crisis) : hex(COLORS.room), 1).fillCircle(cx, cy, 15);
      cg.lineStyle(2, placed ? hex(COLORS.ink) : hex(COLORS.faint), 1).strokeCircle(cx, cy, 15);
      if (placed) {
        cg.lineStyle(3, hex(COLORS.ink), 1);
        cg.lineBetween(cx - 6, cy - 6, cx + 6, cy + 6);
        cg.lineBetween(cx + 6, cy - 6, cx - 6, cy + 6);
      }
    }
    h.crisisText.setText(`${view.crises} of ${max}`);
    h.crisisText.setColor(view.crises > 0 ? COLORS.ink : COLORS.muted);

    const hb = HISTORY;
    const wg = h.wallG.clear();
    drawWall(wg, hb.x + 22, hb.y + 112, view.firewall === "breached");
    h.wallText.setText(view.firewall === "breached" ? "Firewall BREACHED" : "Firewall intact");
    h.wallText.setColor(view.firewall === "breached" ? COLORS.down : COLORS.ink);
    h.wallNote.setText(view.firewall === "breached" ? "History spills into security" : "History kept apart from security");

    h.exportText.setText(`Export controls: ${view.exportControls ? "IN PLACE" : "none"}`);
    h.exportText.setColor(view.exportControls ? COLORS.down : COLORS.ink);
    h.strikeText.setText(`Counterstrike: ${view.counterstrike ? "ACQUIRED" : "not acquired"}`);

    h.roundText.setText(view.phase === "ended" ? `After round ${view.round}` : `Round ${view.round} of ${view.rounds}`);
    h.phaseText.setText(PHASE_NAMES[view.phase].toUpperCase());
    this.#deadline = state.presence && state.presence.deadline > 0 && view.phase !== "ended" ? state.presence.deadline : 0;
    h.timerText.setText(this.#deadline > 0 ? `${countdownText(this.#deadline - Date.now())} left` : view.phase === "ended" ? "" : state.presence?.paused ? "Paused" : "No timer");
    h.timerText.setFontSize(this.#deadline > 0 ? 40 : 22);
    h.timerText.setColor(this.#deadline > 0 ? COLORS.ink : COLORS.muted);
    h.deckText.setText(`${view.deckRemaining} card${view.deckRemaining === 1 ? "" : "s"} left in the deck`);
    h.crisisText.setX(s.x + s.w - 18);
  }

  /** The card on the table and the institution tokens. */
  #renderTableTop(view: PlayerView): void {
    const c = this.#dynamic;
    c.removeAll(true);
    if (view.card) {
      const g = this.add.graphics();
      const w = 300;
      const h = 104;
      const x = TABLE.x - w / 2;
      const y = 190;
      g.fillStyle(0x000000, 0.3).fillRoundedRect(x + 5, y + 6, w, h, 12);
      g.fillStyle(hex(COLORS.paper), 1).fillRoundedRect(x, y, w, h, 12);
      g.lineStyle(4, hex(view.card.opportunity ? COLORS.up : COLORS.rim), 1).strokeRoundedRect(x, y, w, h, 12);
      const kind = text(this, x + 14, y + 10, `${view.card.opportunity ? "OPPORTUNITY" : "EVENT"} · ${formatDate(view.card.date)}`, { size: 16, bold: true, color: "#5B4A2E" });
      const title = text(this, x + 14, y + 34, view.card.title, { size: 24, bold: true, color: "#1C2430", wrap: w - 28, lineSpacing: 0 });
      // Two lines at 24 px, else three at 20 px, else smaller: the whole title always fits the card.
      if (title.height > 64) title.setFontSize(20);
      if (title.height > 70) title.setFontSize(17);
      c.add([g, kind, title]);
    }
    const rows = institutionRows(view);
    const label = text(this, TABLE.x, 316, rows.length === 0 ? "No institutions in force yet" : `INSTITUTIONS IN FORCE (${rows.length})`, {
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
      const g = this.add.graphics();
      g.fillStyle(suspended ? hex("#3A4552") : hex("#EEF3F7"), 1).fillRoundedRect(x, y, tw, th, 9);
      if (suspended) hatch(g, x + 2, y + 2, tw - 4, th - 4, 10, hex(COLORS.suspended), 0.95);
      g.lineStyle(3, suspended ? hex(COLORS.suspended) : hex(row.security ? COLORS.deterrence : COLORS.rim), 1).strokeRoundedRect(x, y, tw, th, 9);
      // Members as a column of small emblems on the left, so the name gets the token's width.
      const step = 13;
      const top = y + th / 2 - ((row.members.length - 1) * step) / 2;
      row.members.forEach((m, k) => emblem(g, m, x + 14, top + k * step, 6));
      const nameX = x + 27;
      const maxW = x + tw - nameX - 8;
      const name = this.add
        .text(nameX, suspended ? y + 5 : y + th / 2, row.name, {
          fontFamily: FONT,
          fontSize: `${wide ? 19 : 17}px`,
          fontStyle: "bold",
          color: suspended ? "#E3E8EE" : "#14202C",
          wordWrap: { width: maxW },
          lineSpacing: -3,
        })
        .setResolution(Number(this.registry.get("textResolution") ?? 1))
        .setOrigin(0, suspended ? 0 : 0.5);
      // Words are never split: shrink until the name fits the token.
      const room = suspended ? th - 24 : th - 4;
      for (const size of wide ? [17, 16] : [16]) {
        if (name.width <= maxW && name.height <= room) break;
        name.setFontSize(size);
      }
      c.add([g, name]);
      if (suspended) {
        const tag = text(this, nameX, y + th - 2, "SUSPENDED", { size: 16, bold: true, color: "#0E1824" });
        tag.setOrigin(0, 1).setBackgroundColor("#F2A93B").setPadding(5, 1, 5, 1);
        c.add(tag);
      }
    });
  }
}

function keyToRef(key: string): MeterRef | null {
  if (key.startsWith("trust:")) return { meter: "trust", pair: key.slice(6) as Pair };
  if (key.startsWith("support:")) return { meter: "support", nation: key.slice(8) as Nation };
  if (key === "threat" || key === "historyTension" || key === "japanDefense" || key === "burdenShared") return { meter: key };
  return null;
}

function seatStatus(view: PlayerView, n: Nation, connected: boolean): { text: string; done: boolean } {
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
function drawWall(g: Phaser.GameObjects.Graphics, x: number, y: number, breached: boolean): void {
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
