import "./policy.css";
import type { PolicyId } from "../../../shared/rules/policies.ts";
import type { PlayerView } from "../../../shared/rules/view.ts";
import { NATION_NAMES, NATIONS } from "../../../shared/rules/vocabulary.ts";
import { h } from "../dom.ts";
import { policyChoices, policyName } from "../store/selectors.ts";
import { emblemSvg } from "../theme.ts";
import type { PanelContext } from "./context.ts";

/** The policy phase: choose in secret, confirm, change your mind until the phase closes. */
export class PolicyPanel {
  #choice: PolicyId | null = null;
  #round = -1;

  render(view: PlayerView, ctx: PanelContext, rerender: () => void): HTMLElement {
    const seat = view.seat;
    if (view.round !== this.#round) {
      this.#round = view.round;
      this.#choice = null;
    }
    const committed = seat ? view.policies[seat] : undefined;
    const choice = this.#choice ?? committed ?? null;
    const choices = policyChoices(view);
    const confirm = h(
      "button",
      { type: "submit", class: "btn btn-primary btn-wide", "data-focus": "commit", disabled: !choice || choice === committed },
      committed ? (choice && choice !== committed ? "Change my policy" : "✓ Committed") : "Commit policy",
    );
    return h(
      "section",
      { class: "phase-panel panel-policy", "aria-labelledby": "phase-heading" },
      h("h2", { id: "phase-heading", class: "phase-heading" }, "Choose your policy"),
      h("p", { class: "phase-lede" }, "Your choice is secret until everyone has committed. You can change it until then."),
      seat && committed
        ? h("p", { class: "status-line is-done", role: "status" }, `Committed: ${policyName(seat, committed)}.`)
        : null,
      h(
        "form",
        {
          class: "policy-form",
          onsubmit: (e: Event) => {
            e.preventDefault();
            if (choice && choice !== committed) void ctx.act({ type: "commitPolicy", policy: choice }, confirm);
          },
        },
        h(
          "fieldset",
          { class: "policy-options" },
          h("legend", { class: "visually-hidden" }, "Policies"),
          choices.map((p) =>
            h(
              "label",
              { class: `policy-option${choice === p.id ? " is-checked" : ""}${committed === p.id ? " is-committed" : ""}`, for: `policy-${p.id}` },
              h("input", {
                type: "radio",
                name: "policy",
                id: `policy-${p.id}`,
                "data-focus": `policy-${p.id}`,
                value: p.id,
                checked: choice === p.id,
                onchange: () => {
                  this.#choice = p.id;
                  rerender();
                },
              }),
              h(
                "span",
                { class: "policy-text" },
                h("span", { class: "policy-name" }, p.name, committed === p.id ? h("span", { class: "badge badge-agreed" }, "committed") : null),
                h("span", { class: "policy-desc" }, p.description),
              ),
            ),
          ),
        ),
        h(
          "div",
          { class: "action-dock policy-dock" },
          confirm,
          h(
            "ul",
            { class: "who-list", "aria-label": "Who has committed" },
            NATIONS.map((n) =>
              h(
                "li",
                { class: view.committed[n] ? "is-done" : "" },
                emblemSvg(n, 14),
                `${n === seat ? "You" : NATION_NAMES[n]}: ${view.committed[n] ? "committed ✓" : "choosing…"}`,
              ),
            ),
          ),
        ),
      ),
    );
  }
}
