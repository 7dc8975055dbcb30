import { NATION_NAMES } from "../../../shared/rules/vocabulary.ts";
import { h, replaceChildren, svg } from "../dom.ts";

function clockIcon(): SVGElement {
  return svg(
    "svg",
    { viewBox: "0 0 16 16", width: 15, height: 15, "aria-hidden": "true", class: "clock-icon" },
    svg("circle", { cx: 8, cy: 8, r: 6.5, fill: "none", stroke: "currentColor", "stroke-width": 1.8 }),
    svg("path", { d: "M8 4.2V8l2.6 1.8", fill: "none", stroke: "currentColor", "stroke-width": 1.8, "stroke-linecap": "round" }),
  );
}
import { countdownText, PHASE_STEPS, phaseLabel } from "../store/selectors.ts";
import type { AppState } from "../store/store.ts";
import { emblemSvg } from "../theme.ts";

/** The top bar: where we are in the game, the timer, and who you are. */
export class HeaderBar {
  readonly el = h("header", { class: "topbar" });
  #steps = h("ol", { class: "phase-steps", "aria-label": "Phases of the round" });
  #round = h("p", { class: "round-label" });
  #timer = h("p", { class: "timer", role: "timer", "aria-label": "Time left in this phase", hidden: true });
  #who = h("p", { class: "who" });
  #key = "";
  #deadline = 0;
  #tick: ReturnType<typeof setInterval> | null = null;
  #paused = false;
  #timerText = "";
  #warned = 0;

  readonly announce: (text: string) => void;

  constructor(announce: (text: string) => void) {
    this.announce = announce;
    this.el.append(
      h("h1", { class: "brand-small" }, "Trilateral", h("span", { class: "visually-hidden" }, " — the negotiation table")),
      this.#round,
      this.#steps,
      this.#timer,
      this.#who,
      h("a", { href: "#rules", class: "btn btn-small header-rules" }, "Rules"),
    );
  }

  update(state: AppState): void {
    const view = state.view;
    if (!view) return;
    const phase = view.phase;
    const deadline = state.presence && state.presence.deadline > 0 && phase !== "ended" ? state.presence.deadline : 0;
    const key = JSON.stringify([view.round, view.rounds, phase, view.seat, state.code, state.seat?.nation, state.presence?.seats.find((s) => s.nation === view.seat)?.name]);
    if (key !== this.#key) {
      this.#key = key;
      this.#round.textContent = phase === "ended" ? "Game over" : `Round ${view.round} of ${view.rounds}`;
      const current = PHASE_STEPS.indexOf(phase);
      replaceChildren(
        this.#steps,
        PHASE_STEPS.map((p, i) =>
          h(
            "li",
            { class: `phase-step${i === current ? " is-current" : ""}${current > i || phase === "ended" ? " is-done" : ""}`, "aria-current": i === current ? "step" : null },
            h("span", { class: "phase-step-mark", "aria-hidden": "true" }, current > i || phase === "ended" ? "✓" : String(i + 1)),
            h("span", { class: "phase-step-label" }, phaseLabel(p)),
            i === current ? h("span", { class: "visually-hidden" }, " (now)") : null,
          ),
        ),
      );
      const seat = view.seat;
      const name = state.presence?.seats.find((s) => s.nation === seat)?.name;
      replaceChildren(this.#who, [
        seat ? emblemSvg(seat, 22) : null,
        h("span", {}, seat ? `You are ${NATION_NAMES[seat]}` : "Watching"),
        name ? h("span", { class: "who-name" }, ` · ${name}`) : null,
        state.code ? h("span", { class: "who-code" }, `Table ${state.code}`) : null,
      ]);
    }
    const paused = state.presence?.paused === true && phase !== "ended";
    if (deadline !== this.#deadline || paused !== this.#paused) {
      this.#deadline = deadline;
      this.#paused = paused;
      this.#warned = 0;
      if (this.#tick) clearInterval(this.#tick);
      this.#tick = null;
      this.#timer.hidden = deadline === 0 && !paused;
      // While the instructor has paused the clock the server sends no deadline.
      this.#timerText = "";
      if (paused) this.#timer.replaceChildren(clockIcon(), "Paused");
      else if (deadline > 0) {
        this.#renderTimer();
        this.#tick = setInterval(() => this.#renderTimer(), 500);
      }
    }
  }

  #renderTimer(): void {
    const left = this.#deadline - Date.now();
    const text = `${countdownText(left)} left`;
    // Touch the DOM only when the text changes (once a second): an idle tab should not repaint twice a second.
    if (text !== this.#timerText) {
      this.#timerText = text;
      this.#timer.replaceChildren(clockIcon(), text);
      this.#timer.classList.toggle("is-low", left < 30_000);
    }
    if (left < 30_000 && left > 25_000 && this.#warned !== this.#deadline) {
      this.#warned = this.#deadline;
      this.announce("30 seconds left in this phase.");
    }
  }

  destroy(): void {
    if (this.#tick) clearInterval(this.#tick);
  }
}
