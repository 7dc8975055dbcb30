import { describeTerm } from "../../../shared/rules/flow.ts";
import type { GameEvent } from "../../../shared/rules/events.ts";
import { INSTITUTIONS } from "../../../shared/rules/institutions.ts";
import type { MeterChange } from "../../../shared/rules/state.ts";
import type { PlayerView } from "../../../shared/rules/view.ts";
import { NATION_NAMES, NATIONS, STANCE_NAMES, meterName } from "../../../shared/rules/vocabulary.ts";
import { h } from "../dom.ts";
import { changesOfRound, deltaTone, isResolutionChange, legalFor, netChanges, policyName, signed } from "../store/selectors.ts";
import { emblemSvg } from "../theme.ts";
import type { PanelContext } from "./context.ts";

function stepItem(c: MeterChange): HTMLElement {
  const d = c.to - c.from;
  return h(
    "li",
    { class: `step ${d === 0 ? "is-flat" : `is-${deltaTone(c.meter, d)}`}` },
    h("span", { class: "step-delta" }, h("span", { "aria-hidden": "true" }, d > 0 ? "▲ " : d < 0 ? "▼ " : "• "), signed(d)),
    h("span", { class: "step-what" }, h("strong", {}, meterName(c.meter)), ` → ${c.to}`),
    h(
      "span",
      { class: "step-cause" },
      c.cause.label,
      c.absorbed > 0 ? ` (institutions absorbed ${c.absorbed})` : "",
      c.firewalled ? " (softened by the firewall)" : "",
    ),
  );
}

/** Lines for what meters cannot show: institutions, the firewall, pledges, crises, governments. */
export function otherEventLines(events: readonly GameEvent[]): string[] {
  const lines: string[] = [];
  for (const e of events) {
    switch (e.type) {
      case "institutionChanged": {
        const name = INSTITUTIONS[e.institution].name;
        const what = e.to === "in-force" ? (e.from === "suspended" ? "restored" : "created") : e.to === "suspended" ? "suspended" : "ended";
        lines.push(`${name} ${what} (${e.cause.label}).`);
        break;
      }
      case "firewallChanged":
        lines.push(e.to === "breached" ? `The firewall was breached (${e.cause.label}).` : `The firewall was rebuilt (${e.cause.label}).`);
        break;
      case "pledgeResolved":
        lines.push(`${NATION_NAMES[e.nation]} ${e.kept ? "kept" : "broke"} its pledge.`);
        break;
      case "crisisPlaced":
        lines.push(`Crisis: threat ${e.threat} outran deterrence ${e.deterrence}. Crisis markers: ${e.crises} of 3.`);
        break;
      case "leadershipChanged":
        lines.push(`The government in ${NATION_NAMES[e.nation]} fell: a ${STANCE_NAMES[e.to]} government takes over.`);
        break;
      case "exportControlsChanged":
        lines.push(e.active ? `Export controls imposed (${e.cause.label}).` : `Export controls lifted (${e.cause.label}).`);
        break;
      case "counterstrikeAcquired":
        lines.push(`Japan acquired counterstrike capability (${e.cause.label}).`);
        break;
      case "agendaBroken":
        lines.push("Your secret agenda can no longer be met.");
        break;
      case "effectBlocked":
        lines.push(`${e.detail}`);
        break;
    }
  }
  return lines;
}

/** Resolution and summary: the policies revealed, each delta with its cause, then the round in brief. */
export function summaryPanel(view: PlayerView, ctx: PanelContext, events: readonly GameEvent[]): HTMLElement {
  const seat = view.seat;
  const record = view.history.find((r) => r.round === view.round);
  const enacted = view.proposals.filter((p) => p.round === view.round && p.status === "enacted");
  const shown = ctx.playback.shown.filter((c) => c.round === view.round && isResolutionChange(c));
  const pending = ctx.playback.pending;
  const roundChanges = changesOfRound(view, view.round);
  const net = netChanges(roundChanges);
  const others = otherEventLines(events);
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
          h("ul", { class: "plain-list" }, enacted.map((p) => h("li", {}, `${p.id.toUpperCase()}: ${p.terms.map((t) => { const d = describeTerm(t); return d.charAt(0).toUpperCase() + d.slice(1); }).join("; ")}`))),
        ]
      : null,
    h("h3", { class: "section-title" }, "What changed, step by step"),
    shown.length === 0 && pending === 0
      ? h("p", { class: "empty" }, "No meter moved at resolution.")
      : h("ol", { class: "steps" }, shown.map(stepItem)),
    pending > 0
      ? h(
          "p",
          { class: "playback-line" },
          `Applying… ${pending} more`,
          h("button", { type: "button", class: "btn btn-small", "data-focus": "skip", onclick: () => ctx.playback.skip() }, "Show all"),
        )
      : null,
    pending === 0 && others.length > 0 ? [h("h3", { class: "section-title" }, "Also"), h("ul", { class: "plain-list" }, others.map((l) => h("li", {}, l)))] : null,
    pending === 0
      ? [
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
                      { class: `is-${deltaTone(n.meter, n.to - n.from)}` },
                      h("th", { scope: "row" }, n.name),
                      h("td", {}, String(n.from)),
                      h("td", {}, String(n.to)),
                      h("td", {}, `${n.to > n.from ? "▲" : "▼"} ${signed(n.to - n.from)}`),
                    ),
                  ),
                ),
              ),
        ]
      : null,
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
