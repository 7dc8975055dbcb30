import "./table-key.css";
import { TUNING } from "../../../shared/rules/tuning.ts";
import type { PlayerView } from "../../../shared/rules/view.ts";
import { STANCE_NAMES } from "../../../shared/rules/vocabulary.ts";
import { h, replaceChildren } from "../dom.ts";
import { termButton } from "../help/glossary.ts";

const TERM_LABELS: Record<string, string> = { deterrence: "Deterrence", firewall: "Firewall", institution: "Institutions", absorbed: "Absorbed" };

/**
 * The line under the table: the crisis rule (always in sight), your government's stance with
 * what it means, and the terms a newcomer meets on the canvas, each opening its glossary entry.
 */
export class TableKey {
  readonly el = h("section", { class: "table-key", "aria-label": "Key to the table" });
  #key = "";

  update(view: PlayerView): void {
    const stance = view.seat ? view.stances[view.seat] : null;
    const key = JSON.stringify([stance, view.crises]);
    if (key === this.#key) return;
    this.#key = key;
    const max = TUNING.crisis.markersToEndGame;
    replaceChildren(this.el, [
      h(
        "p",
        { class: `crisis-rule${view.crises > 0 ? " is-live" : ""}` },
        h("span", { "aria-hidden": "true" }, "⚠ "),
        termButton("crisis", `${max} crisis markers = everyone loses`),
        ` (${view.crises} of ${max})`,
      ),
      h(
        "p",
        { class: "key-terms" },
        stance ? [h("span", {}, "Your government: "), termButton(`stance-${stance}`, STANCE_NAMES[stance]), h("span", { class: "key-sep", "aria-hidden": "true" }, " · ")] : null,
        ["deterrence", "firewall", "institution", "absorbed"].flatMap((id, i) => [i > 0 ? h("span", { class: "key-sep", "aria-hidden": "true" }, " · ") : "", termButton(id, TERM_LABELS[id])]),
        h("span", { class: "key-sep", "aria-hidden": "true" }, " · "),
        h("a", { href: "#rules", class: "rules-link" }, "Rules"),
      ),
    ]);
  }
}
