import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { outcomeOf, roundPositions, whenCardCameUp, type Outcome } from "../../../shared/replay/compare.ts";
import type { DebriefPayload } from "../../../shared/replay/payload.ts";
import { Stepper } from "../../../shared/replay/stepper.ts";
import type { GameState } from "../../../shared/rules/state.ts";
import { NATION_NAMES, pairName, PAIRS } from "../../../shared/rules/vocabulary.ts";
import { h, replaceChildren } from "../dom.ts";
import { meterLabel } from "./charts.ts";
import { authFor, fetchDebriefs } from "./api.ts";
import { problemPage } from "./problem.ts";

declare global {
  interface Window {
    __compare?: { tables: string[]; loadedMs: number };
  }
}

interface Loaded {
  payload: DebriefPayload;
  stepper: Stepper;
  final: GameState;
  outcome: Outcome;
}

const SMALL = [
  { id: "trust", title: "Trust", max: 100, keys: PAIRS.map((p) => `trust:${p}`), colors: ["#CC79A7", "#56B4E9", "#3CC4A0"] },
  { id: "security", title: "Threat against deterrence", max: 10, keys: ["threat", "deterrence"], colors: ["#E69F00", "#56B4E9"] },
];

function smallMultiple(t: Loaded, rounds: number, width: number, plots: uPlot[]): HTMLElement {
  const xs = roundPositions(t.stepper.steps);
  const charts = SMALL.map((c) => {
    const host = h("div", { class: "cmp-chart", role: "img", "aria-label": `${c.title} at table ${t.payload.code}, round by round` });
    const plot = new uPlot(
      {
        width,
        height: 120,
        legend: { show: false },
        cursor: { sync: { key: `cmp-${c.id}`, scales: ["x", null] }, drag: { x: false, y: false }, points: { show: false } },
        scales: { x: { time: false, range: [0, rounds] }, y: { range: [0, c.max] } },
        axes: [
          { stroke: "#A9B6C6", grid: { stroke: "#2C4157" }, size: 28, incrs: [1], values: (_u, v) => v.map((x) => (x < rounds ? `R${x + 1}` : "end")) },
          { stroke: "#A9B6C6", grid: { stroke: "#2C4157" }, size: 44 },
        ],
        series: [{}, ...c.keys.map((k, i) => ({ label: k, stroke: c.colors[i], width: 1.5, paths: uPlot.paths.stepped!({ align: 1 }) }))],
      },
      [xs, ...c.keys.map((k) => t.stepper.steps.map((s) => s.meters[k]!))],
      host,
    );
    plots.push(plot);
    return h("figure", {}, h("figcaption", {}, c.title), host);
  });
  const o = t.outcome;
  return h(
    "article",
    { class: "cmp-table", "aria-labelledby": `cmp-${o.code}` },
    h("h3", { id: `cmp-${o.code}` }, h("a", { href: `/debrief/${o.code}` }, `Table ${o.code}`), " ", h("span", { class: "db-muted" }, o.crisis ? "regional crisis" : o.winners.map((n) => NATION_NAMES[n]).join(", ") || "running")),
    charts,
  );
}

function outcomeTable(tables: Loaded[]): HTMLElement {
  return h(
    "table",
    { class: "cmp-outcomes" },
    h("caption", {}, "Outcomes"),
    h(
      "thead",
      {},
      h("tr", {}, ["Table", "Winner", "Crisis", "Institutions in force", ...PAIRS.map((p) => `${pairName(p)} trust`), "Agendas met"].map((c) => h("th", { scope: "col" }, c))),
    ),
    h(
      "tbody",
      {},
      tables.map(({ outcome: o }) =>
        h(
          "tr",
          { "data-table": o.code },
          h("th", { scope: "row" }, h("a", { href: `/debrief/${o.code}` }, o.code)),
          h("td", {}, o.crisis ? "none" : o.winners.map((n) => NATION_NAMES[n]).join(", ") || "(running)"),
          h("td", {}, o.crisis ? `yes (${o.crises} markers)` : `no (${o.crises} marker${o.crises === 1 ? "" : "s"})`),
          h("td", {}, o.institutions.join(", ") || "none"),
          PAIRS.map((p) => h("td", {}, o.trust[p])),
          h("td", {}, o.agendasMet.map((n) => NATION_NAMES[n]).join(", ") || "none"),
        ),
      ),
    ),
  );
}

function sameCard(tables: Loaded[]): HTMLElement {
  const cards = new Map<string, string>();
  for (const t of tables) for (const r of t.final.rounds) if (r.cardId) cards.set(r.cardId, t.final.cards[r.cardId]?.title ?? r.cardId);
  const results = h("div", { class: "cmp-card-results", "aria-live": "polite" });
  const select = h(
    "select",
    { id: "cmp-card", onchange: () => show(select.value) },
    [...cards].sort((a, b) => a[1].localeCompare(b[1])).map(([id, title]) => h("option", { value: id }, title)),
  ) as HTMLSelectElement;
  const show = (cardId: string) => {
    const rows = tables.map((t) => whenCardCameUp(t.payload.code, t.final, cardId));
    replaceChildren(results, [
      h(
        "table",
        { class: "cmp-card-table" },
        h("caption", {}, `When “${cards.get(cardId) ?? cardId}” came up`),
        h("thead", {}, h("tr", {}, ["Table", "Round", "Responses", "Agreements enacted", "Policies", "What followed"].map((c) => h("th", { scope: "col" }, c)))),
        h(
          "tbody",
          {},
          rows.map((r, i) =>
            r
              ? h("tr", {}, h("th", { scope: "row" }, r.code), h("td", {}, r.round), h("td", {}, r.responses.join("; ") || "none asked"), h("td", {}, r.agreements.join("; ") || "none"), h("td", {}, r.policies.join("; ")), h("td", {}, [r.followed.join(", ") || "no change", r.crisis ? " — crisis marker" : ""].join("")))
              : h("tr", {}, h("th", { scope: "row" }, tables[i]!.payload.code), h("td", { colspan: 5 }, "The card did not come up at this table.")),
          ),
        ),
      ),
    ]);
  };
  const first = select.options[0]?.value;
  if (first) show(first);
  return h("section", { class: "cmp-same-card", "aria-labelledby": "cmp-same-title" }, h("h2", { id: "cmp-same-title" }, "Same card, different choices"), h("label", { for: "cmp-card" }, "Card "), select, results);
}

/** The class debrief: tables as small multiples on shared axes (cursors synced), outcomes, and one card across tables. */
export async function startCompare(root: HTMLElement, codes: string[]): Promise<void> {
  const started = performance.now();
  document.title = "Compare tables · Trilateral";
  if (codes.length === 0) return problemPage(root, "Compare tables", "Name the tables to compare: /debrief/compare?tables=ABCDE,FGHIJ.", null);
  replaceChildren(root, [h("main", { id: "main", class: "debrief", "aria-busy": "true" }, h("p", { role: "status" }, `Loading ${codes.length} tables…`))]);
  // The class comparison is the instructor's: a student's seat token never opens it.
  const key = authFor(codes[0]!).instructorKey;
  if (!key) return problemPage(root, "Compare tables", "Comparing tables needs the instructor key.", () => void startCompare(root, codes));
  const result = await fetchDebriefs(codes, key);
  if (!result.ok) {
    return problemPage(root, "Compare tables", result.message, result.status === 401 || result.status === 403 ? () => void startCompare(root, codes) : null);
  }
  const tables: Loaded[] = result.payloads.map((payload) => {
    const stepper = new Stepper(payload.record);
    const final = stepper.stateAt(stepper.last);
    return { payload, stepper, final, outcome: outcomeOf(payload.code, final) };
  });
  const rounds = Math.max(...tables.map((t) => t.final.options.rounds));
  const plots: uPlot[] = [];
  const legend = h(
    "p",
    { class: "cmp-legend" },
    SMALL.map((c) => h("span", {}, `${c.title}: `, c.keys.map((k, i) => h("span", { class: "cmp-key" }, h("span", { class: "cmp-swatch", style: `background:${c.colors[i]}`, "aria-hidden": "true" }), meterLabel(k))))),
  );
  replaceChildren(root, [
    h(
      "main",
      { id: "main", class: "debrief cmp" },
      h("header", { class: "db-head" }, h("div", {}, h("p", { class: "eyebrow" }, "Class debrief"), h("h1", {}, `Compare ${tables.length} tables`))),
      h("section", { "aria-labelledby": "cmp-grid-title" }, h("h2", { id: "cmp-grid-title" }, "Key meters, table by table (same axes)"), legend, h("div", { class: "cmp-grid" }, tables.map((t) => smallMultiple(t, rounds, 300, plots)))),
      h("section", { "aria-labelledby": "cmp-out-title" }, h("h2", { id: "cmp-out-title" }, "Outcomes"), outcomeTable(tables)),
      sameCard(tables),
    ),
  ]);
  // Every chart as wide as its card, on the same axes.
  const card = root.querySelector<HTMLElement>(".cmp-table");
  const width = Math.max(220, (card?.clientWidth ?? 320) - 28);
  for (const p of plots) p.setSize({ width, height: 120 });
  window.__compare = { tables: codes, loadedMs: performance.now() - started };
}
