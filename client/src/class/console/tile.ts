import "./tile.css";
import type { ConsoleTable } from "../../../../shared/protocol/class-messages.ts";
import { NATION_NAMES, PHASE_NAMES, pairName, type Nation, type Pair } from "../../../../shared/rules/vocabulary.ts";
import { h, svg } from "../../dom.ts";
import { COLORS, emblemSvg, NATION_COLOR } from "../../theme.ts";
import { clock, FLAG_WORDS, idleNow, idleWords, secondsLeft, type TrackedTable } from "./model.ts";

/** Where each capital sits on the miniature triangle (Washington on top). */
const VERTEX: Record<Nation, [number, number]> = { washington: [40, 7], seoul: [7, 63], tokyo: [73, 63] };
const EDGES: [Pair, Nation, Nation][] = [
  ["seoul-tokyo", "seoul", "tokyo"],
  ["seoul-washington", "seoul", "washington"],
  ["tokyo-washington", "tokyo", "washington"],
];

/** The trust triangle in miniature: each side's thickness and brightness follow that pair's trust, its number written on it. */
export function trustTriangle(trust: Record<Pair, number>): SVGElement {
  const parts: SVGElement[] = [];
  for (const [pair, a, b] of EDGES) {
    const [x1, y1] = VERTEX[a];
    const [x2, y2] = VERTEX[b];
    const t = trust[pair];
    parts.push(svg("line", { x1, y1, x2, y2, stroke: t < 25 ? COLORS.crisis : COLORS.trust, "stroke-opacity": 0.35 + (t / 100) * 0.65, "stroke-width": 1 + (t / 100) * 4, "stroke-dasharray": t < 25 ? "3 2" : "none" }));
    const mx = (x1 + x2) / 2 + (pair === "seoul-tokyo" ? 0 : pair === "seoul-washington" ? -9 : 9);
    const my = (y1 + y2) / 2 + (pair === "seoul-tokyo" ? 10 : 0);
    const label = svg("text", { x: mx, y: my, "text-anchor": "middle", "font-size": 15, "font-weight": 700, fill: COLORS.ink });
    label.textContent = String(t);
    parts.push(label);
  }
  for (const n of Object.keys(VERTEX) as Nation[]) {
    const [x, y] = VERTEX[n];
    parts.push(svg("circle", { cx: x, cy: y, r: 4, fill: NATION_COLOR[n] }));
  }
  return svg("svg", { viewBox: "-6 -2 92 80", class: "tile-triangle", "aria-hidden": "true" }, ...parts);
}

/** Threat against deterrence on one 0–10 scale: a bar for threat, a mark for deterrence. */
export function threatGauge(threat: number, deterrence: number): HTMLElement {
  const pct = (v: number) => `${Math.max(0, Math.min(10, v)) * 10}%`;
  return h(
    "div",
    { class: `tile-gauge${threat > deterrence ? " is-exposed" : ""}`, "aria-hidden": "true" },
    h("span", { class: "gauge-threat", style: `width:${pct(threat)}` }),
    h("span", { class: "gauge-deterrence", style: `left:${pct(deterrence)}` }),
  );
}

function seatLine(seat: ConsoleTable["seats"][number], idleSeconds: number): HTMLElement {
  const idle = !seat.bot && seat.connected && idleSeconds >= 60;
  const status = seat.bot ? "bot" : !seat.connected ? "offline" : idle ? idleWords(idleSeconds).replace(" min", "m") : "";
  const spoken = seat.bot ? "bot" : !seat.connected ? "disconnected" : idle ? idleWords(idleSeconds) : "connected";
  const tone = seat.bot ? "is-bot" : !seat.connected ? "is-off" : idle ? "is-idle" : "is-on";
  return h(
    "li",
    { class: `tile-seat ${tone}` },
    emblemSvg(seat.nation, 11),
    h("span", { class: "tile-seat-name" }, h("span", { class: "visually-hidden" }, `${NATION_NAMES[seat.nation]}: `), seat.bot ? "Bot" : seat.name || "—"),
    h("span", { class: "tile-seat-status" }, h("span", { "aria-hidden": "true" }, status), h("span", { class: "visually-hidden" }, `, ${spoken}`)),
  );
}

/** Short chip words for a tile; the full words are in its title and for screen readers. */
const FLAG_CHIP: Record<ConsoleTable["flags"][number], string> = { crisis: "Crisis", idle: "Idle", disconnected: "Offline", ended: "Ended", paused: "Paused" };

/** One table at a glance, as a button that opens the table beside the grid. */
export function tableTile(table: TrackedTable, now: number, o: { selected: boolean; open: boolean; onOpen(): void; onSelect(on: boolean): void }): HTMLElement {
  const left = secondsLeft(table, now);
  const phase = table.ended ? "Ended" : table.recovering ? "Recovering…" : `R${table.round}/${table.rounds} · ${PHASE_NAMES[table.phase]}`;
  const time = table.ended ? "" : table.paused ? `paused ${left !== null ? clock(left) : ""}` : left !== null ? clock(left) : "";
  const flags = table.flags;
  const attention = flags.some((f) => f === "crisis" || f === "idle" || f === "disconnected");
  return h(
    "li",
    { class: `tile${o.open ? " is-open" : ""}${table.ended ? " is-ended" : ""}${table.recovering ? " is-recovering" : ""}${attention ? " needs-attention" : ""}`, "data-table": table.code },
    h(
      "div",
      { class: "tile-head" },
      h("input", { type: "checkbox", class: "tile-select", checked: o.selected, "aria-label": `Select table ${table.code}`, onchange: (e: Event) => o.onSelect((e.target as HTMLInputElement).checked) }),
      h(
        "button",
        { type: "button", class: "tile-open", "aria-expanded": o.open ? "true" : "false", "aria-controls": "table-detail", onclick: () => o.onOpen() },
        h("strong", { class: "tile-code" }, table.code),
        h("span", { class: "visually-hidden" }, `, ${phase}${time ? `, ${time} left` : ""}. Open this table.`),
      ),
      h("span", { class: "tile-phase", "aria-hidden": "true" }, phase),
      h("span", { class: `tile-time${table.paused ? " is-paused" : ""}${left !== null && left <= 10 && !table.paused ? " is-low" : ""}` }, time),
    ),
    h("div", { class: "tile-body" }, trustTriangle(table.trust), h("ul", { class: "tile-seats", "aria-label": `Seats at ${table.code}` }, table.seats.map((seat) => seatLine(seat, idleNow(seat, table, now))))),
    h(
      "div",
      { class: "tile-foot" },
      h("span", { class: "tile-td", title: `Threat ${table.threat}, deterrence ${table.deterrence}` }, `T${table.threat}/D${table.deterrence}`),
      threatGauge(table.threat, table.deterrence),
      h("span", { class: "tile-crises", "aria-label": `Crisis markers: ${table.crises} of 3`, role: "img" }, [0, 1, 2].map((i) => h("span", { class: i < table.crises ? "crisis-on" : "crisis-off", "aria-hidden": "true" }, i < table.crises ? "▲" : "△"))),
      flags.length > 0 ? h("ul", { class: "tile-flags", "aria-label": "Flags" }, flags.map((f) => h("li", { class: `flag flag-${f}`, title: FLAG_WORDS[f] }, h("span", { "aria-hidden": "true" }, FLAG_CHIP[f]), h("span", { class: "visually-hidden" }, FLAG_WORDS[f])))) : null,
    ),
    h("p", { class: "visually-hidden" }, `Threat ${table.threat}, deterrence ${table.deterrence}. Trust: ${EDGES.map(([p]) => `${pairName(p)} ${table.trust[p]}`).join(", ")}.`),
  );
}
