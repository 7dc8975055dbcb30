import "./end.css";
import type { PlayerView } from "../../../shared/rules/view.ts";
import { NATION_NAMES, NATIONS, type Nation } from "../../../shared/rules/vocabulary.ts";
import { h } from "../dom.ts";
import { signed } from "../store/selectors.ts";
import { emblemSvg } from "../theme.ts";

const ORDINAL = ["", "1st", "2nd", "3rd"];

/** The end screen: ranking, every score explained line by line, every secret agenda revealed. */
export function endScreen(view: PlayerView, actions: { showTable(): void; newGame(): void }): HTMLElement {
  const ended = view.ended!;
  const crisis = ended.reason === "regional-crisis";
  const order: Nation[] = ended.ranking.length > 0 ? ended.ranking.map((r) => r.nation) : [...NATIONS];
  const rankOf = (n: Nation) => ended.ranking.find((r) => r.nation === n)?.rank ?? 0;
  return h(
    "div",
    { class: "end-overlay", role: "dialog", "aria-modal": "true", "aria-labelledby": "end-heading" },
    h(
      "div",
      { class: "end-screen", tabindex: -1 },
      h(
        "div",
        { class: "end-top" },
        h(
          "div",
          {},
          h("p", { class: "eyebrow" }, `After ${view.round} round${view.round === 1 ? "" : "s"}`),
          h("h1", { id: "end-heading" }, crisis ? "Regional crisis: everyone loses" : "Game over"),
        ),
        h(
          "div",
          { class: "end-actions" },
          h("button", { type: "button", class: "btn", onclick: actions.showTable }, "Look at the final table"),
          h("button", { type: "button", class: "btn btn-primary", onclick: actions.newGame }, "Start a new game"),
        ),
      ),
      h(
        "p",
        { class: "end-lede" },
        crisis
          ? `Threat outran deterrence ${view.crises} times. In a regional crisis no government wins: cooperation was needed, and it was not enough.`
          : "Each government’s score is its national interest plus its secret agenda.",
      ),
      h(
        "ol",
        { class: "ranking", "aria-label": "Ranking" },
        order.map((n) => {
          const score = ended.scores[n];
          const agenda = view.agendas[n];
          const rank = rankOf(n);
          return h(
            "li",
            { class: `score-card nation-${n}${n === view.seat ? " is-you" : ""}${rank === 1 && !crisis ? " is-winner" : ""}` },
            h(
              "header",
              { class: "score-head" },
              h("span", { class: "rank" }, crisis ? "—" : ORDINAL[rank] ?? `${rank}th`),
              rank === 1 && !crisis ? h("span", { class: "winner-tag" }, "Winner") : null,
              emblemSvg(n, 30),
              h("span", { class: "score-nation" }, NATION_NAMES[n], n === view.seat ? h("span", { class: "you-tag" }, "You") : null),
              h("span", { class: "score-total", "aria-label": `${score.total} points` }, String(score.total), h("small", {}, " pts")),
            ),
            h(
              "table",
              { class: "score-lines" },
              h("caption", { class: "visually-hidden" }, `${NATION_NAMES[n]}: how the score adds up`),
              h(
                "tbody",
                {},
                score.lines.map((l) =>
                  h(
                    "tr",
                    {},
                    h("th", { scope: "row" }, l.label, l.detail ? h("span", { class: "line-detail" }, l.detail) : null),
                    h("td", {}, signed(l.points)),
                  ),
                ),
              ),
              h("tfoot", {}, h("tr", {}, h("th", { scope: "row" }, "Total"), h("td", {}, String(score.total)))),
            ),
            h(
              "div",
              { class: `agenda-reveal${score.agendaMet ? " is-met" : ""}` },
              h("p", { class: "agenda-eyebrow" }, "Secret agenda"),
              h("p", { class: "agenda-title" }, agenda?.title ?? "—"),
              h("p", { class: "agenda-desc" }, agenda?.description ?? ""),
              h("p", { class: "agenda-state" }, score.agendaMet ? "✓ Met" : "✗ Not met"),
            ),
          );
        }),
      ),
    ),
  );
}
