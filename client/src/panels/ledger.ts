import "./ledger.css";
import { CAUSE_KINDS, STAGE_TITLES, type DeterrenceShift, type LedgerLine, type NetLine, type Stage } from "../../../shared/rules/ledger.ts";
import { h } from "../dom.ts";
import { deltaTone, signed } from "../store/selectors.ts";
import type { LedgerModel } from "./ledger-model.ts";

export { ledgerModel } from "./ledger-model.ts";

function lineItem(l: LedgerLine): HTMLElement {
  return h(
    "li",
    { class: `step ${l.delta === 0 ? "is-flat" : `is-${deltaTone(l.meter, l.delta)}`}`, "data-key": l.key, "data-delta": String(l.delta), "data-to": String(l.to) },
    h("span", { class: "step-delta" }, h("span", { "aria-hidden": "true" }, l.delta > 0 ? "▲ " : l.delta < 0 ? "▼ " : "• "), signed(l.delta)),
    h("span", { class: "step-what" }, h("strong", {}, l.name), ` ${l.from} → ${l.to}`),
    h("span", { class: "step-cause" }, h("span", { class: "cause-kind" }, CAUSE_KINDS[l.kind]), " ", l.cause, l.notes.length ? ` (${l.notes.join("; ")})` : ""),
  );
}

function deterrenceItem(shift: DeterrenceShift): HTMLElement {
  const d = shift.to - shift.from;
  return h(
    "li",
    { class: `step step-deterrence ${d === 0 ? "is-flat" : d > 0 ? "is-good" : "is-bad"}`, "data-key": "deterrence", "data-delta": String(d), "data-to": String(shift.to) },
    h("span", { class: "step-delta" }, h("span", { "aria-hidden": "true" }, d > 0 ? "▲ " : d < 0 ? "▼ " : "• "), signed(d)),
    h("span", { class: "step-what" }, h("strong", {}, "Deterrence"), ` ${shift.from} → ${shift.to}`),
    h(
      "span",
      { class: "step-cause" },
      h("span", { class: "cause-kind" }, "Derived"),
      " ",
      shift.parts.map((p) => `${p.label} ${signed(p.delta)}: ${p.why}`).join("; "),
    ),
  );
}

/** The steps, grouped by stage when both stages are shown, with the deterrence line and the other events. */
export function ledgerList(model: LedgerModel, o: { title: string; empty: string; onSkip?: () => void }): HTMLElement {
  const stages: Stage[] = ["opening", "resolution"];
  const grouped = stages.map((s) => ({ stage: s, lines: model.lines.filter((l) => l.stage === s) })).filter((g) => g.lines.length > 0);
  return h(
    "div",
    { class: "ledger" },
    h("h3", { class: "section-title" }, o.title),
    model.lines.length === 0 && model.pending === 0 && !model.deterrence
      ? h("p", { class: "empty" }, o.empty)
      : grouped.flatMap((g) => [
          grouped.length > 1 ? h("h4", { class: "stage-title" }, STAGE_TITLES[g.stage]) : null,
          h("ol", { class: "steps", "data-stage": g.stage }, g.lines.map(lineItem)),
        ]),
    model.deterrence ? h("ol", { class: "steps" }, deterrenceItem(model.deterrence)) : null,
    model.pending > 0
      ? h(
          "p",
          { class: "playback-line" },
          `Applying… ${model.pending} more`,
          o.onSkip ? h("button", { type: "button", class: "btn btn-small", "data-focus": "skip", onclick: o.onSkip }, "Show all") : null,
        )
      : null,
    model.others.length > 0 ? [h("h4", { class: "stage-title" }, "Also"), h("ul", { class: "plain-list" }, model.others.map((l) => h("li", {}, l)))] : null,
  );
}

/** "This round in brief": the same lines, summed per meter. */
export function netTable(net: readonly NetLine[]): HTMLElement {
  return h(
    "div",
    { class: "round-brief" },
    h("h3", { class: "section-title" }, "This round in brief"),
    net.length === 0
      ? h("p", { class: "empty" }, "Nothing moved this round.")
      : h(
          "table",
          { class: "net-table" },
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Meter"), h("th", { scope: "col" }, "Was"), h("th", { scope: "col" }, "Now"), h("th", { scope: "col" }, "Change"))),
          h(
            "tbody",
            {},
            net.map((n) =>
              h(
                "tr",
                { class: n.delta === 0 ? "is-flat" : `is-${deltaTone(n.meter, n.delta)}`, "data-key": n.key },
                h("th", { scope: "row" }, n.name, n.steps > 1 ? h("span", { class: "net-steps" }, ` (${n.steps} steps)`) : null),
                h("td", {}, String(n.from)),
                h("td", {}, String(n.to)),
                h("td", {}, `${n.delta > 0 ? "▲ " : n.delta < 0 ? "▼ " : ""}${signed(n.delta)}`),
              ),
            ),
          ),
        ),
  );
}
