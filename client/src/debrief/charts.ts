import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { CHART_METERS } from "../../../shared/replay/meters.ts";
import type { MeterSeries } from "../../../shared/replay/series.ts";
import type { TurningPoint } from "../../../shared/replay/turning-points.ts";
import { h } from "../dom.ts";

/** The three debrief charts: trust, domestic support, security (threat against deterrence, history tension, crisis markers). */
export const CHARTS = [
  { id: "trust", title: "Trust between governments", max: 100, keys: ["trust:seoul-tokyo", "trust:seoul-washington", "trust:tokyo-washington"] },
  { id: "support", title: "Domestic support", max: 100, keys: ["support:seoul", "support:tokyo", "support:washington"] },
  { id: "security", title: "Threat against deterrence, history tension, crisis markers", max: 10, keys: ["threat", "deterrence", "historyTension", "crises"] },
] as const;

const COLOR: Record<string, string> = {
  "trust:seoul-tokyo": "#CC79A7",
  "trust:seoul-washington": "#56B4E9",
  "trust:tokyo-washington": "#3CC4A0",
  "support:seoul": "#56B4E9",
  "support:tokyo": "#D55E00",
  "support:washington": "#F0E442",
  threat: "#E69F00",
  deterrence: "#56B4E9",
  historyTension: "#CC79A7",
  crises: "#FF8A5C",
};
const DASH: Record<string, number[]> = { "trust:seoul-washington": [8, 4], "trust:tokyo-washington": [2, 3], deterrence: [8, 4], crises: [2, 3], "support:tokyo": [8, 4], "support:washington": [2, 3] };

export const meterLabel = (key: string) => CHART_METERS.find((m) => m.key === key)?.name ?? key;

export interface ChartSet {
  el: HTMLElement;
  /** Moves every chart's cursor and current-step line to a step. */
  show(step: number): void;
  resize(): void;
  destroy(): void;
}

/** Round-end rows for the screen-reader tables: the last step of every round, plus where the replay stands now. */
function roundEnds(series: MeterSeries): number[] {
  const out: number[] = [];
  for (let i = 0; i < series.steps.length; i++) if (i === series.steps.length - 1 || series.rounds[i + 1] !== series.rounds[i]) out.push(i);
  return out;
}

function dataTable(chart: (typeof CHARTS)[number], series: MeterSeries): HTMLElement {
  const rows = roundEnds(series);
  return h(
    "details",
    { class: "db-data" },
    h("summary", {}, `${chart.title}: the figures as a table`),
    h(
      "table",
      {},
      h("caption", {}, `${chart.title}, at the end of each round`),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Round (step)"), chart.keys.map((k) => h("th", { scope: "col" }, meterLabel(k))))),
      h(
        "tbody",
        {},
        rows.map((i) => h("tr", {}, h("th", { scope: "row" }, `${series.rounds[i]} (${i})`), chart.keys.map((k) => h("td", {}, series.values[k]![i]!)))),
      ),
    ),
  );
}

const MARK_COLOR: Record<string, string> = { crisis: "#FF8A5C", swing: "#A9B6C6" };

export function chartSet(series: MeterSeries, points: readonly TurningPoint[], onPick: (step: number) => void, opts: { height?: number } = {}): ChartSet {
  let current = 0;
  const plots: uPlot[] = [];
  const el = h("div", { class: "db-charts" });
  const hosts: HTMLElement[] = [];
  for (const chart of CHARTS) {
    const host = h("div", { class: "db-chart-canvas", role: "img", "aria-label": `${chart.title} over the game; turning points marked` });
    hosts.push(host);
    el.appendChild(h("figure", { class: "db-chart", id: `chart-${chart.id}` }, h("figcaption", {}, chart.title), host, dataTable(chart, series)));
    const markers: uPlot.Plugin = {
      hooks: {
        draw: (u) => {
          const ctx = u.ctx;
          const { top, height } = u.bbox;
          ctx.save();
          for (const p of points) {
            const x = Math.round(u.valToPos(p.step, "x", true));
            ctx.strokeStyle = MARK_COLOR[p.kind] ?? "#F0E442";
            ctx.globalAlpha = 0.55;
            ctx.lineWidth = 2 * devicePixelRatio;
            ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + height);
            ctx.stroke();
          }
          const x = Math.round(u.valToPos(current, "x", true));
          ctx.globalAlpha = 1;
          ctx.setLineDash([]);
          ctx.strokeStyle = "#F4F7FB";
          ctx.lineWidth = 2 * devicePixelRatio;
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
          ctx.restore();
        },
      },
    };
    const plot = new uPlot(
      {
        width: 600,
        height: opts.height ?? 190,
        plugins: [markers],
        scales: { x: { time: false }, y: { range: [0, chart.max] } },
        axes: [
          { stroke: "#A9B6C6", grid: { stroke: "#2C4157" }, ticks: { stroke: "#2C4157" }, label: "step" },
          { stroke: "#A9B6C6", grid: { stroke: "#2C4157" }, ticks: { stroke: "#2C4157" } },
        ],
        legend: { show: true, live: true },
        cursor: { drag: { x: false, y: false }, points: { show: false } },
        series: [{ label: "step" }, ...chart.keys.map((k) => ({ label: meterLabel(k), stroke: COLOR[k], width: 2, dash: DASH[k] ?? [], paths: uPlot.paths.stepped!({ align: 1 }) }))],
      },
      [series.steps, ...chart.keys.map((k) => series.values[k]!)],
      host,
    );
    plot.over.addEventListener("click", () => {
      const idx = plot.cursor.idx;
      if (idx !== null && idx !== undefined) onPick(series.steps[idx]!);
    });
    plots.push(plot);
  }
  const resize = () => {
    plots.forEach((p, i) => {
      const w = Math.max(280, Math.floor(hosts[i]!.clientWidth || 600));
      p.setSize({ width: w, height: opts.height ?? 190 });
    });
  };
  return {
    el,
    show(step) {
      current = step;
      for (const p of plots) {
        p.redraw(false, false);
        p.setCursor({ left: p.valToPos(step, "x"), top: 10 }, false);
      }
    },
    resize,
    destroy: () => plots.forEach((p) => p.destroy()),
  };
}
