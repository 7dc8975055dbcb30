import type { PlayerView } from "../../../shared/rules/view.ts";
import { h, replaceChildren } from "../dom.ts";
import { tableSummary } from "../store/selectors.ts";

/** Everything the canvas shows, as text, kept up to date (visually hidden, reachable by screen readers). */
export class TableSummaryText {
  readonly el = h("section", { class: "visually-hidden", id: "table-summary", "aria-labelledby": "table-summary-heading" });
  #key = "";

  update(view: PlayerView): void {
    const sections = tableSummary(view);
    const key = JSON.stringify(sections);
    if (key === this.#key) return;
    this.#key = key;
    replaceChildren(this.el, [
      h("h2", { id: "table-summary-heading" }, "The table, in words"),
      sections.flatMap((s) => [h("h3", {}, s.heading), h("ul", {}, s.lines.map((l) => h("li", {}, l)))]),
    ]);
  }
}

/** The aria-live region: meter changes, phase changes, and other news, announced politely. */
export class LiveRegion {
  readonly el = h("div", { class: "visually-hidden", id: "live-region", "aria-live": "polite", "aria-atomic": "false", role: "log" });
  /** Every announcement so far (the test hook reads it). */
  readonly history: string[] = [];

  announce(text: string): void {
    this.history.push(text);
    if (this.history.length > 200) this.history.splice(0, this.history.length - 200);
    const line = h("p", {}, text);
    this.el.append(line);
    while (this.el.childElementCount > 6) this.el.firstElementChild?.remove();
  }
}
