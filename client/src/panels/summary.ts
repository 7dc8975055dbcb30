import "./summary.css";
import { describeTerm } from "../../../shared/rules/flow.ts";
import type { GameEvent } from "../../../shared/rules/events.ts";
import type { DeterrenceBreakdown } from "../../../shared/rules/deterrence.ts";
import { proposalName } from "../../../shared/rules/describe.ts";
import type { PlayerView } from "../../../shared/rules/view.ts";
import { NATION_NAMES, NATIONS } from "../../../shared/rules/vocabulary.ts";
import { h } from "../dom.ts";
import { legalFor, policyName } from "../store/selectors.ts";
import { emblemSvg } from "../theme.ts";
import type { PanelContext } from "./context.ts";
import { ledgerList, ledgerModel, netTable } from "./ledger.ts";

/** Resolution and summary: the policies revealed, each delta with its cause, then the round in brief. */
export function summaryPanel(view: PlayerView, ctx: PanelContext, events: readonly GameEvent[], before: DeterrenceBreakdown | null): HTMLElement {
  const seat = view.seat;
  const record = view.history.find((r) => r.round === view.round);
  const enacted = view.proposals.filter((p) => p.round === view.round && p.status === "enacted");
  const model = ledgerModel(view, { pending: ctx.playback.pending, before, events });
  const canReady = legalFor(view).some((c) => c.type === "ready");
  const done = seat ? view.ready.includes(seat) : false;
  const last = view.round >= view.rounds;

  return h(
    "section",
    { class: "phase-panel panel-summary", "aria-labelledby": "phase-heading" },
    h("h2", { id: "phase-heading", class: "phase-heading" }, `Round ${view.round}: resolution`),
    h("h3", { class: "section-title" }, "Policies revealed"),
    h(
      "ul",
      { class: "revealed" },
      NATIONS.map((n) =>
        h(
          "li",
          {},
          emblemSvg(n, 18),
          h("strong", {}, n === seat ? "You" : NATION_NAMES[n]),
          h("span", {}, record ? policyName(n, record.policies[n]) : "—"),
        ),
      ),
    ),
    enacted.length > 0
      ? [
          h("h3", { class: "section-title" }, "Agreements enacted"),
          h("ul", { class: "plain-list" }, enacted.map((p) => h("li", {}, `${proposalName(p.id)}: ${p.terms.map((t) => { const d = describeTerm(t); return d.charAt(0).toUpperCase() + d.slice(1); }).join("; ")}`))),
        ]
      : null,
    ledgerList(model, { title: "What changed this round, step by step", empty: "No meter moved this round.", onSkip: () => ctx.playback.skip() }),
    model.pending === 0 ? netTable(model.net) : null,
    view.phase === "summary"
      ? h(
          "div",
          { class: "ready-block" },
          h(
            "button",
            {
              type: "button",
              class: "btn btn-primary btn-wide",
              "data-focus": "next-round",
              disabled: !canReady,
              onclick: (e: Event) => void ctx.act({ type: "ready" }, e.currentTarget as HTMLButtonElement),
            },
            done ? "✓ Waiting for the others" : last ? "See the final result" : "Next round",
          ),
          h(
            "ul",
            { class: "who-list", "aria-label": "Who is ready" },
            NATIONS.map((n) => h("li", { class: view.ready.includes(n) ? "is-done" : "" }, emblemSvg(n, 14), `${n === seat ? "You" : NATION_NAMES[n]}: ${view.ready.includes(n) ? "ready ✓" : "reading…"}`)),
          ),
        )
      : null,
  );
}
