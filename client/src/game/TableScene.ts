import * as Phaser from "phaser";
import type { MeterChange } from "../../../shared/rules/state.ts";
import { TUNING } from "../../../shared/rules/tuning.ts";
import type { PlayerView } from "../../../shared/rules/view.ts";
import { NATION_NAMES, NATIONS, PAIRS, PHASE_NAMES, STANCE_NAMES, membersOfPair, pairName, type Nation } from "../../../shared/rules/vocabulary.ts";
import type { Playback, PlaybackEvent } from "../store/playback.ts";
import { countdownText, deltaTone, meterKey, meterValue } from "../store/selectors.ts";
import type { AppState, AppStore } from "../store/store.ts";
import { securityVerdict } from "../../../shared/rules/ledger.ts";
import { COLORS, NATION_COLOR } from "../theme.ts";
import { emblem, hex, pips, text } from "./draw.ts";
import { FloatingLabels } from "./float-labels.ts";
import { HISTORY, OTHERS, PLACARD, SEAT_POINT, SECURITY, TABLE, TRUST_BOX } from "./layout.ts";
import { shownDeterrence } from "./shown.ts";
import { drawWall, keyToRef, seatStatus } from "./table-parts.ts";
import { drawTableTop } from "./table-top.ts";
import { buildHud, type Hud, type MeterSlot } from "./hud.ts";
import { flash, MeterBar, type Box } from "./widgets.ts";

export interface SceneBridge {
  store: AppStore;
  playback: Playback;
  reducedMotion: boolean;
  /** Called once, after the first frame that shows a view. */
  onFirstRender(): void;
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
  #hud!: Hud;
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
    ({ hud: this.#hud, deterrence: this.#deterrence } = buildHud(this, (b) => this.#panel(b), this.#slots));
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
      drawTableTop(this, this.#dynamic, view);
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
}
