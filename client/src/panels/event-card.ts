import "./event-card.css";
import type { Card } from "../../../shared/content/card-schema.ts";
import type { Command } from "../../../shared/rules/commands.ts";
import type { DeterrenceBreakdown } from "../../../shared/rules/deterrence.ts";
import type { PlayerView } from "../../../shared/rules/view.ts";
import { NATION_NAMES, type Nation } from "../../../shared/rules/vocabulary.ts";
import { h } from "../dom.ts";
import { citationsOf, formatDate, legalFor } from "../store/selectors.ts";
import { emblemSvg, prefersReducedMotion } from "../theme.ts";
import type { PanelContext } from "./context.ts";
import { ledgerList, ledgerModel } from "./ledger.ts";

/** What changed as the round opened (escalation, the card, the responses so far), with causes. */
export function openingLedger(view: PlayerView, ctx: PanelContext, before: DeterrenceBreakdown | null): HTMLElement {
  const model = ledgerModel(view, { stage: "opening", pending: ctx.playback.pending, before });
  return ledgerList(model, { title: "What changed as the round opened", empty: "Nothing moved yet this round.", onSkip: () => ctx.playback.skip() });
}

/** The card itself: title, date, our narrative, and the essay it comes from. */
export function cardFace(card: Card, opts: { compact?: boolean; reveal?: boolean } = {}): HTMLElement {
  const cites = citationsOf(card);
  return h(
    "article",
    { class: `event-card${card.opportunity ? " is-opportunity" : ""}${opts.compact ? " is-compact" : ""}${opts.reveal && !prefersReducedMotion() ? " is-revealing" : ""}`, "aria-labelledby": `card-title-${card.id}` },
    h(
      "p",
      { class: "card-meta" },
      h("span", { class: "card-kind" }, card.opportunity ? "Opportunity" : "Event"),
      h("time", { datetime: card.date }, formatDate(card.date)),
      h("span", { class: "card-era" }, card.era),
    ),
    h("h3", { class: "card-title", id: `card-title-${card.id}` }, card.title),
    h("ul", { class: "card-tags", "aria-label": "Topics" }, card.tags.map((t) => h("li", {}, t))),
    opts.compact ? null : h("p", { class: "card-narrative" }, card.narrative),
    opts.compact
      ? null
      : h(
          "footer",
          { class: "card-cite" },
          h("span", { class: "cite-label" }, "Source"),
          cites.map((c) => h("cite", {}, c.text)),
        ),
  );
}

type Respond = Extract<Command, { type: "respond" }>;

/** The event phase: the card, and — when the card asks you — your response options. */
export function eventPanel(view: PlayerView, ctx: PanelContext, revealed: boolean, before: DeterrenceBreakdown | null): HTMLElement {
  const card = view.card;
  if (!card) return h("section", { class: "phase-panel" }, h("h2", {}, "No card this round"));
  const mine = legalFor(view).filter((c): c is Respond => c.type === "respond");
  const response = card.response;
  const asked = response?.nations ?? [];
  const seat = view.seat;
  const myChoice = seat ? view.responses[seat] : undefined;

  const status = (n: Nation) => {
    const chosen = view.responses[n];
    const option = response?.options.find((o) => o.id === chosen);
    if (option) return `${NATION_NAMES[n]} chose “${option.label}”.`;
    return view.responsesDue.includes(n) ? `${NATION_NAMES[n]} is deciding…` : "";
  };

  return h(
    "section",
    { class: "phase-panel panel-event", "aria-labelledby": "phase-heading" },
    h("h2", { id: "phase-heading", class: "phase-heading" }, `Round ${view.round}: a new event`),
    cardFace(card, { reveal: !revealed }),
    response
      ? h(
          "div",
          { class: `response-block${mine.length > 0 ? " action-dock" : ""}` },
          h("h3", { class: "response-prompt" }, response.prompt),
          mine.length > 0
            ? h(
                "div",
                { class: "response-options", role: "group", "aria-label": "Your response" },
                mine.map((c) => {
                  const option = response.options.find((o) => o.id === c.optionId);
                  return h(
                    "button",
                    {
                      type: "button",
                      class: "option-button",
                      "data-focus": `respond-${c.optionId}`,
                      onclick: (e: Event) => void ctx.act(c, e.currentTarget as HTMLButtonElement),
                    },
                    h("span", { class: "option-label" }, option?.label ?? c.optionId),
                    h("span", { class: "option-desc" }, option?.description ?? ""),
                  );
                }),
              )
            : seat && myChoice
              ? h("p", { class: "status-line is-done" }, `You chose “${response.options.find((o) => o.id === myChoice)?.label ?? myChoice}”.`)
              : h("p", { class: "status-line" }, seat && !asked.includes(seat) ? "This card does not ask you to respond." : ""),
          h(
            "ul",
            { class: "who-list" },
            asked.filter((n) => n !== seat).map((n) => h("li", {}, emblemSvg(n, 16), status(n))),
          ),
        )
      : h("p", { class: "status-line" }, "No one needs to respond to this card."),
    openingLedger(view, ctx, before),
  );
}
