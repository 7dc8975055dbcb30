import "./detail.css";
import type { ConsoleTable } from "../../../../shared/protocol/class-messages.ts";
import { describeTerm } from "../../../../shared/rules/flow.ts";
import type { PlayerView } from "../../../../shared/rules/view.ts";
import { NATION_NAMES, NATIONS, PHASE_NAMES, pairName, type Nation } from "../../../../shared/rules/vocabulary.ts";
import { h } from "../../dom.ts";
import { policyName, stanceName, tableSummary } from "../../store/selectors.ts";
import { emblemSvg } from "../../theme.ts";
import { idleNow, idleWords, type TrackedTable } from "./model.ts";

export interface DetailActions {
  readmit(studentId: string, name: string): void;
  close(): void;
}

const channelLabel = (channel: string) => (channel === "table" ? "Whole table" : pairName(channel as Parameters<typeof pairName>[0]));

function seatCard(nation: Nation, view: PlayerView, seat: ConsoleTable["seats"][number] | undefined, idle: number, actions: DetailActions): HTMLElement {
  const agenda = view.agendas[nation];
  const policy = view.policies[nation];
  const response = view.responses[nation];
  const who = seat ? (seat.bot ? `Bot (${stanceName(view, nation)})` : seat.name) : "—";
  const state = seat && !seat.bot ? (!seat.connected ? "disconnected" : idle >= 60 ? idleWords(idle) : "connected") : "";
  return h(
    "li",
    { class: `detail-seat nation-${nation}` },
    h("h4", {}, emblemSvg(nation, 16), ` ${NATION_NAMES[nation]}: `, who, state ? h("span", { class: "hint" }, ` · ${state}`) : null),
    h("p", {}, h("span", { class: "hint" }, "Government: "), stanceName(view, nation), h("span", { class: "hint" }, ` · support ${view.support[nation]}`)),
    agenda ? h("p", {}, h("span", { class: "hint" }, "Secret agenda: "), agenda.title, agenda.broken ? h("strong", { class: "is-broken" }, " (broken)") : null) : null,
    response ? h("p", {}, h("span", { class: "hint" }, "Response to the card: "), response) : null,
    h("p", {}, h("span", { class: "hint" }, "Policy: "), policy ? policyName(nation, policy) : view.committed[nation] ? "committed" : "not chosen yet"),
    seat && !seat.bot && seat.studentId && !seat.connected
      ? h("button", { type: "button", class: "btn btn-small", onclick: () => actions.readmit(seat.studentId!, seat.name) }, `Let ${seat.name} back into this seat`)
      : null,
  );
}

/** The omniscient view of one table beside the grid: every seat's secrets, the meters, the proposals and every channel's chat. */
export function tableDetail(table: TrackedTable, view: PlayerView | null, controls: HTMLElement, actions: DetailActions): HTMLElement[] {
  const head = h(
    "div",
    { class: "detail-head" },
    h("h2", { id: "detail-title", tabindex: -1 }, `Table ${table.code}`),
    h("span", { class: "detail-phase" }, table.ended ? "Ended" : `Round ${table.round} of ${table.rounds} · ${PHASE_NAMES[table.phase]}${table.paused ? " · paused" : ""}`),
    h("button", { type: "button", class: "btn btn-small btn-quiet", onclick: () => actions.close(), "aria-label": `Close table ${table.code}` }, "Close ✕"),
  );
  if (!view) return [head, controls, h("p", { class: "hint", role: "status" }, "Opening the table…")];
  const seats = new Map(table.seats.map((s) => [s.nation, s] as const));
  const messages = [...view.messages].sort((a, b) => a.at - b.at).slice(-80);
  const facts = tableSummary(view);
  return [
    head,
    controls,
    view.card ? h("p", { class: "detail-card" }, h("span", { class: "hint" }, "Event: "), view.card.title) : null,
    h("ul", { class: "detail-seats", "aria-label": "Seats" }, NATIONS.map((n) => seatCard(n, view, seats.get(n), seats.get(n) ? idleNow(seats.get(n)!, table, Date.now()) : 0, actions))),
    h(
      "details",
      { class: "detail-facts" },
      h("summary", {}, "Meters and institutions"),
      facts.slice(1).map((f) => h("section", {}, h("h4", {}, f.heading), h("ul", {}, f.lines.map((l) => h("li", {}, l))))),
    ),
    view.proposals.length > 0
      ? h(
          "section",
          { class: "detail-proposals" },
          h("h3", {}, "Proposals"),
          h("ul", {}, view.proposals.slice(-6).map((p) => h("li", {}, `${NATION_NAMES[p.by]} → ${p.parties.filter((x) => x !== p.by).map((x) => NATION_NAMES[x]).join(", ")}: ${p.terms.map(describeTerm).join("; ")} — ${p.status}`))),
        )
      : null,
    h(
      "section",
      { class: "detail-chat", "aria-labelledby": "detail-chat-title" },
      h("h3", { id: "detail-chat-title" }, `Chat, every channel (${view.messages.length})`),
      messages.length === 0
        ? h("p", { class: "hint" }, "No messages yet.")
        : h(
            "ol",
            { class: "detail-chat-log" },
            messages.map((m) => h("li", {}, h("span", { class: "chat-chan" }, `[${channelLabel(m.channel)}] `), h("strong", {}, `${NATION_NAMES[m.from]}: `), m.text)),
          ),
    ),
    view.broadcasts.length > 0
      ? h("section", { class: "detail-broadcasts" }, h("h3", {}, "Your messages to this table"), h("ul", {}, view.broadcasts.map((b) => h("li", {}, `Round ${b.round}: ${b.text}`))))
      : null,
  ].filter((x): x is HTMLElement => !!x);
}
