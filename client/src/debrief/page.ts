import { buildDebrief, type Debrief } from "../../../shared/replay/debrief.ts";
import type { DebriefPayload } from "../../../shared/replay/payload.ts";
import { viewFor, type Viewer } from "../../../shared/rules/view.ts";
import { NATION_NAMES, NATIONS, PHASE_NAMES } from "../../../shared/rules/vocabulary.ts";
import { h, replaceChildren } from "../dom.ts";
import { chartSet, type ChartSet } from "./charts.ts";
import type { DebriefAuth } from "./api.ts";
import { exportBar } from "./exports.ts";
import { canFork, forkPanel } from "./fork-panel.ts";
import { chatUpTo, seatStories, stepChanges, turningPointList } from "./sections.ts";
import { tableAt } from "./table-view.ts";

declare global {
  interface Window {
    /** For tests and the bench: where the replay stands, and a way to move it. */
    __debrief?: { step: number; last: number; payload: DebriefPayload; lastJumpMs: number; go(step: number): void; stateAt(step: number): unknown };
  }
}

/** Where a key takes the replay from `step` (null: not a replay key). */
export function keyTarget(key: string, step: number, d: Debrief): number | null {
  const last = d.stepper.last;
  const phases = d.stepper.phaseStarts();
  switch (key) {
    case "ArrowLeft":
      return Math.max(0, step - 1);
    case "ArrowRight":
      return Math.min(last, step + 1);
    case "Home":
      return 0;
    case "End":
      return last;
    case "PageUp":
      return [...phases].reverse().find((s) => s < step) ?? 0;
    case "PageDown":
      return phases.find((s) => s > step) ?? last;
    default: {
      if (!/^[0-9]$/.test(key)) return null;
      const round = key === "0" ? 10 : Number(key);
      return d.stepper.roundStarts().get(round) ?? null;
    }
  }
}

/** The debrief of one table: scrubber and keyboard over every accepted command, the table at that step, charts, turning points, stories, exports. */
export class DebriefPage {
  readonly el: HTMLElement;
  readonly debrief: Debrief;
  #payload: DebriefPayload;
  #viewer: Viewer;
  #step: number;
  #charts: ChartSet;
  #scrub: HTMLInputElement;
  #position = h("p", { class: "db-position", id: "db-position" });
  #tableHost = h("div", { class: "db-table-host" });
  #stepHost = h("div", { class: "db-step-host" });
  #chatHost = h("div", { class: "db-chat-host" });
  #frame = 0;

  constructor(payload: DebriefPayload, auth: DebriefAuth | null = null) {
    this.#payload = payload;
    this.debrief = buildDebrief(payload.record, payload.seeds);
    this.#viewer = payload.access === "instructor" ? { kind: "instructor" } : { kind: "after" };
    const d = this.debrief;
    this.#step = d.stepper.last;
    this.#scrub = h("input", {
      type: "range",
      id: "db-scrub",
      class: "db-scrub",
      min: 0,
      max: d.stepper.last,
      value: this.#step,
      "aria-describedby": "db-position db-keys",
      oninput: () => this.go(Number(this.#scrub.value)),
      onkeydown: (e: Event) => this.#onKey(e as KeyboardEvent),
    }) as HTMLInputElement;
    this.#charts = chartSet(d.series, d.turningPoints, (s) => this.go(s));
    const ended = d.final.ended;
    const names = payload.names;
    this.el = h(
      "main",
      { id: "main", class: "debrief", tabindex: -1 },
      h(
        "header",
        { class: "db-head" },
        h(
          "div",
          {},
          h("p", { class: "eyebrow" }, payload.status === "live" ? "Debrief of a running table (instructor)" : "Debrief"),
          h("h1", {}, `Table ${payload.code}`),
          h(
            "p",
            { class: "db-lede" },
            NATIONS.map((n) => `${NATION_NAMES[n]}: ${names[n]}${payload.bots.includes(n) ? " (bot)" : ""}`).join(" · "),
            ended ? ` — ${ended.reason === "regional-crisis" ? "ended in a regional crisis" : `won by ${ended.ranking.filter((r) => r.rank === 1).map((r) => NATION_NAMES[r.nation]).join(" and ")}`}` : "",
          ),
        ),
        exportBar(payload, d.stepper, () => this.print()),
      ),
      h(
        "section",
        { class: "db-replay", "aria-label": "Replay" },
        h(
          "div",
          { class: "db-controls" },
          h("button", { type: "button", class: "btn", "aria-label": "First step", onclick: () => this.go(0) }, "◀◀"),
          h("button", { type: "button", class: "btn", "aria-label": "Previous step", onclick: () => this.go(this.#step - 1) }, "◀"),
          h("label", { for: "db-scrub", class: "db-scrub-label" }, "Step"),
          this.#scrub,
          h("button", { type: "button", class: "btn", "aria-label": "Next step", onclick: () => this.go(this.#step + 1) }, "▶"),
          h("button", { type: "button", class: "btn", "aria-label": "Last step", onclick: () => this.go(d.stepper.last) }, "▶▶"),
          this.#position,
        ),
        h("p", { class: "db-keys", id: "db-keys" }, "Keys: ← → one step, PgUp PgDn one phase, Home End, 1–9 a round."),
        payload.parent ? h("p", { class: "db-parent" }, "A what-if table: steps 0–", String(payload.parent.step), " are those of ", h("a", { href: `/debrief/${payload.parent.code}` }, `table ${payload.parent.code}`), ".") : null,
        h("div", { class: "db-replay-grid" }, this.#tableHost, h("div", { class: "db-side" }, this.#stepHost, this.#chatHost)),
        auth && canFork(payload) ? forkPanel(payload, auth, () => this.#step) : null,
      ),
      h("section", { class: "db-chart-section", "aria-labelledby": "db-charts-title" }, h("h2", { id: "db-charts-title" }, "The game in charts"), this.#charts.el),
      turningPointList(d.turningPoints, (s) => this.jump(s)),
      seatStories(d.stories, names, (s) => this.jump(s)),
    );
    window.__debrief = { step: this.#step, last: d.stepper.last, payload, lastJumpMs: 0, go: (n) => this.go(n), stateAt: (n) => d.stepper.stateAt(n) };
    document.addEventListener("keydown", this.#onDocKey);
    window.addEventListener("resize", this.#onResize);
    window.addEventListener("beforeprint", this.#onResize);
  }

  /** After the page is in the document: size the charts and draw the current step. */
  mounted(): void {
    this.#charts.resize();
    this.#render();
  }

  get step(): number {
    return this.#step;
  }

  go(step: number): void {
    const next = Math.max(0, Math.min(this.debrief.stepper.last, Math.round(step)));
    if (next === this.#step) return;
    this.#step = next;
    this.#render();
  }

  /** A jump from a list: go there and bring the replay into view. */
  jump(step: number): void {
    this.go(step);
    this.#scrub.scrollIntoView({ block: "start", behavior: "instant" as ScrollBehavior });
    this.#scrub.focus({ preventScroll: true });
  }

  print(): void {
    this.#charts.resize();
    window.print();
  }

  destroy(): void {
    document.removeEventListener("keydown", this.#onDocKey);
    window.removeEventListener("resize", this.#onResize);
    window.removeEventListener("beforeprint", this.#onResize);
    this.#charts.destroy();
  }

  #onResize = () => {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => {
      this.#charts.resize();
      this.#charts.show(this.#step);
    });
  };

  #onKey(e: KeyboardEvent): void {
    const target = keyTarget(e.key, this.#step, this.debrief);
    if (target === null || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    e.stopPropagation();
    this.go(target);
  }

  #onDocKey = (e: KeyboardEvent) => {
    const t = e.target as HTMLElement | null;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
    if (t && t.tagName === "BUTTON" && (e.key === " " || e.key === "Enter")) return;
    this.#onKey(e);
  };

  #render(): void {
    const started = performance.now();
    const d = this.debrief;
    const state = d.stepper.stateAt(this.#step);
    const view = viewFor(state, this.#viewer);
    const info = d.stepper.steps[this.#step]!;
    this.#scrub.value = String(this.#step);
    this.#scrub.setAttribute("aria-valuetext", `Step ${this.#step} of ${d.stepper.last}, round ${info.round}, ${PHASE_NAMES[info.phase]}`);
    this.#position.textContent = `Step ${this.#step} of ${d.stepper.last} · Round ${info.round} · ${PHASE_NAMES[info.phase]}`;
    replaceChildren(this.#tableHost, [tableAt(view, this.#payload.names)]);
    replaceChildren(this.#stepHost, [stepChanges(info, state.cards)]);
    replaceChildren(this.#chatHost, [chatUpTo(view, this.#payload.names, this.#payload.withheldPrivateChannels)]);
    this.#charts.show(this.#step);
    if (window.__debrief) {
      window.__debrief.step = this.#step;
      window.__debrief.lastJumpMs = performance.now() - started;
    }
  }
}
