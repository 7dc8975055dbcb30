import { describeProposal } from "../../../shared/rules/flow.ts";
import type { PlayerView } from "../../../shared/rules/view.ts";
import { NATION_NAMES, NATIONS, pairName, PAIRS, PHASE_NAMES, type Nation } from "../../../shared/rules/vocabulary.ts";
import { h } from "../dom.ts";
import { institutionRows, policyName, PROPOSAL_STATUS_TEXT, stanceName } from "../store/selectors.ts";

function meter(key: string, label: string, value: number, max: number, extra = ""): HTMLElement {
  return h(
    "div",
    { class: `db-meter${extra ? ` ${extra}` : ""}` },
    h("dt", {}, label),
    h(
      "dd",
      {},
      h("span", { class: "db-meter-num" }, h("span", { class: "db-meter-value", "data-meter": key }, value), h("span", { class: "db-meter-max" }, ` / ${max}`)),
      h("span", { class: "db-bar", "aria-hidden": "true" }, h("span", { style: `width:${Math.max(0, Math.min(100, (value / max) * 100))}%` })),
    ),
  );
}

function group(title: string, meters: HTMLElement[]): HTMLElement {
  return h("div", { class: "db-group" }, h("p", { class: "db-group-title" }, title), h("dl", { "aria-label": title }, meters));
}

/** The table as it stood at one step, read-only: the same facts the game screen shows, from the same viewFor. */
export function tableAt(view: PlayerView, names: Record<Nation, string>): HTMLElement {
  const institutions = institutionRows(view);
  const proposals = view.proposals.filter((p) => p.round === view.round);
  return h(
    "section",
    { class: "db-table", "aria-labelledby": "db-table-title" },
    h("h2", { id: "db-table-title" }, `Round ${view.round} of ${view.rounds} · ${PHASE_NAMES[view.phase]}`),
    view.card
      ? h("div", { class: "db-card" }, h("p", { class: "db-card-title" }, view.card.title, h("span", { class: "db-card-date" }, ` (${view.card.date})`)), h("p", { class: "db-card-text" }, view.card.narrative))
      : null,
    h(
      "div",
      { class: "db-meters" },
      group("Trust", PAIRS.map((p) => meter(`trust:${p}`, pairName(p), view.trust[p], 100))),
      group(
        "Domestic support",
        NATIONS.map((n) => meter(`support:${n}`, `${NATION_NAMES[n]} (${stanceName(view, n)})`, view.support[n], 100, `nation-${n}`)),
      ),
      group(
        "Security and history",
        [meter("threat", "Threat", view.threat, 10),
        meter("deterrence", "Deterrence", view.deterrence.total, 10),
        meter("historyTension", "History tension", view.historyTension, 10),
        meter("crises", "Crisis markers", view.crises, 3),
        meter("japanDefense", "Japan's defense posture", view.japanDefense, 10),
        meter("burdenShared", "Burden shared", view.burdenShared, 10)],
      ),
    ),
    h(
      "p",
      { class: "db-flags" },
      `Firewall ${view.firewall}. Export controls ${view.exportControls ? "in place" : "none"}. Counterstrike ${view.counterstrike ? "acquired" : "not acquired"}.`,
    ),
    h(
      "div",
      { class: "db-institutions" },
      h("p", { class: "db-group-title" }, "Institutions"),
      institutions.length === 0
        ? h("p", { class: "db-muted" }, "None in force.")
        : h("ul", {}, institutions.map((i) => h("li", {}, `${i.name}: ${i.status === "in-force" ? "in force" : "suspended"}`))),
    ),
    h(
      "div",
      { class: "db-proposals" },
      h("p", { class: "db-group-title" }, "Proposals this round"),
      proposals.length === 0
        ? h("p", { class: "db-muted" }, "None yet.")
        : h("ul", {}, proposals.map((p) => h("li", {}, `${describeProposal(p)} — ${NATION_NAMES[p.by]}, ${PROPOSAL_STATUS_TEXT[p.status]}`))),
    ),
    h(
      "div",
      { class: "db-policies" },
      h("p", { class: "db-group-title" }, "Policies this round"),
      h(
        "ul",
        {},
        NATIONS.map((n) => {
          const p = view.policies[n];
          return h("li", {}, `${names[n]} (${NATION_NAMES[n]}): ${p ? policyName(n, p) : view.committed[n] ? "committed" : "not yet committed"}`);
        }),
      ),
    ),
  );
}
