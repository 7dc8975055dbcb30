import "./agenda.css";
import type { PlayerView } from "../../../shared/rules/view.ts";
import { h, replaceChildren, svg } from "../dom.ts";

function lockIcon(): SVGElement {
  return svg(
    "svg",
    { viewBox: "0 0 16 16", width: 12, height: 12, "aria-hidden": "true", class: "lock-icon" },
    svg("rect", { x: 2.5, y: 7, width: 11, height: 8, rx: 1.5, fill: "currentColor" }),
    svg("path", { d: "M5 7V5a3 3 0 0 1 6 0v2", fill: "none", stroke: "currentColor", "stroke-width": 2 }),
  );
}

/** Your secret agenda: always in view, for you only (the server never sends another seat's). */
export class AgendaPanel {
  readonly el = h("section", { class: "agenda", "aria-labelledby": "agenda-heading" });
  #key = "";

  update(view: PlayerView): void {
    const agenda = view.seat ? view.agendas[view.seat] : undefined;
    const key = JSON.stringify(agenda ?? null);
    if (key === this.#key) return;
    this.#key = key;
    replaceChildren(this.el, [
      h("h2", { id: "agenda-heading", class: "agenda-eyebrow" }, lockIcon(), "Your secret agenda"),
      agenda
        ? [
            h("p", { class: "agenda-title" }, agenda.title),
            h("p", { class: "agenda-desc" }, agenda.description),
            h(
              "p",
              { class: `agenda-state${agenda.broken ? " is-broken" : ""}` },
              agenda.broken ? "✗ Broken: this bonus is lost." : "Only you can see this. Met at the end = bonus points.",
            ),
          ]
        : h("p", { class: "agenda-desc" }, "No agenda."),
    ]);
  }
}
