import "./negotiation.css";
import { describeTerm } from "../../../shared/rules/flow.ts";
import type { DeterrenceBreakdown } from "../../../shared/rules/deterrence.ts";
import type { Proposal } from "../../../shared/rules/proposals.ts";
import type { PlayerView } from "../../../shared/rules/view.ts";
import { NATION_NAMES, NATIONS } from "../../../shared/rules/vocabulary.ts";
import { h } from "../dom.ts";
import { legalFor, partyAnswer, PROPOSAL_STATUS_TEXT } from "../store/selectors.ts";
import { emblemSvg } from "../theme.ts";
import { Composer } from "./composer.ts";
import { cardFace, openingLedger } from "./event-card.ts";
import type { PanelContext } from "./context.ts";

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function proposalCard(p: Proposal, view: PlayerView, ctx: PanelContext): HTMLElement {
  const legal = legalFor(view);
  const can = (type: string) => legal.some((c) => "proposalId" in c && c.proposalId === p.id && c.type === type);
  const seat = view.seat;
  const mine = p.by === seat;
  return h(
    "li",
    { class: `proposal is-${p.status}`, "data-proposal": p.id },
    h(
      "p",
      { class: "proposal-head" },
      h("span", { class: "proposal-id" }, `Proposal ${p.id.toUpperCase()}`),
      h("span", { class: "proposal-by" }, emblemSvg(p.by, 14), mine ? "tabled by you" : `tabled by ${NATION_NAMES[p.by]}`),
      h("span", { class: `badge badge-${p.status}` }, p.status === "agreed" ? "Agreed" : p.status.charAt(0).toUpperCase() + p.status.slice(1)),
    ),
    h("ul", { class: "proposal-terms" }, p.terms.map((t) => h("li", {}, capitalize(describeTerm(t))))),
    p.note ? h("p", { class: "proposal-note" }, `“${p.note}”`) : null,
    h(
      "ul",
      { class: "proposal-parties", "aria-label": "Answers" },
      p.parties.map((n) => {
        const answer = partyAnswer(p, n);
        const text = answer === "accepted" ? "✓ accepted" : answer === "rejected" ? "✗ rejected" : "… not yet";
        return h("li", { class: `answer is-${answer}` }, emblemSvg(n, 14), h("span", {}, `${n === seat ? "You" : NATION_NAMES[n]}: ${text}`));
      }),
    ),
    h("p", { class: "proposal-status" }, PROPOSAL_STATUS_TEXT[p.status]),
    can("acceptProposal") || can("rejectProposal") || can("withdrawProposal")
      ? h(
          "div",
          { class: "proposal-actions" },
          can("acceptProposal")
            ? h("button", { type: "button", class: "btn btn-accept", "data-focus": `accept-${p.id}`, onclick: (e: Event) => void ctx.act({ type: "acceptProposal", proposalId: p.id }, e.currentTarget as HTMLButtonElement) }, `Accept ${p.id.toUpperCase()}`)
            : null,
          can("rejectProposal")
            ? h("button", { type: "button", class: "btn btn-reject", "data-focus": `reject-${p.id}`, onclick: (e: Event) => void ctx.act({ type: "rejectProposal", proposalId: p.id }, e.currentTarget as HTMLButtonElement) }, `Reject ${p.id.toUpperCase()}`)
            : null,
          can("withdrawProposal") && mine
            ? h("button", { type: "button", class: "btn btn-quiet", "data-focus": `withdraw-${p.id}`, onclick: (e: Event) => void ctx.act({ type: "withdrawProposal", proposalId: p.id }, e.currentTarget as HTMLButtonElement) }, `Withdraw ${p.id.toUpperCase()}`)
            : null,
        )
      : null,
  );
}

/** The negotiation phase: proposals you are party to, the composer, and "Done negotiating". */
export class NegotiationPanel {
  #cardRecall(view: PlayerView, ctx: PanelContext, cardSeen: boolean, before: DeterrenceBreakdown | null): HTMLElement {
    const card = view.card!;
    const key = `${view.round}:${card.id}`;
    return h(
      "details",
      {
        class: "card-recall",
        open: !cardSeen && !this.#folded.has(key),
        ontoggle: (e: Event) => {
          if ((e.currentTarget as HTMLDetailsElement).open) this.#folded.delete(key);
          else this.#folded.add(key);
        },
      },
      h("summary", {}, `This round’s event: ${card.title}`),
      cardFace(card),
      openingLedger(view, ctx, before),
    );
  }

  #composer = new Composer();

  #folded = new Set<string>();

  /** `cardSeen`: the event step was on screen long enough to read; if not, the card opens here. */
  render(view: PlayerView, ctx: PanelContext, rerender: () => void, cardSeen = true, before: DeterrenceBreakdown | null = null): HTMLElement {
    const seat = view.seat;
    const thisRound = view.proposals.filter((p) => p.round === view.round);
    const canReady = legalFor(view).some((c) => c.type === "ready");
    const done = seat ? view.ready.includes(seat) : false;
    return h(
      "section",
      { class: "phase-panel panel-negotiation", "aria-labelledby": "phase-heading" },
      h("h2", { id: "phase-heading", class: "phase-heading" }, "Negotiate"),
      h("p", { class: "phase-lede" }, "Talk in the chat below, table proposals, answer the ones sent to you. Agreements take effect at resolution."),
      view.card ? this.#cardRecall(view, ctx, cardSeen, before) : null,
      h("h3", { class: "section-title" }, `Proposals this round (${thisRound.length})`),
      thisRound.length === 0
        ? h("p", { class: "empty" }, "No proposals yet.")
        : h("ul", { class: "proposal-list" }, thisRound.map((p) => proposalCard(p, view, ctx))),
      view.phase === "negotiation" ? this.#composer.render(view, ctx, rerender) : null,
      h(
        "div",
        { class: "ready-block" },
        h(
          "button",
          {
            type: "button",
            class: "btn btn-primary btn-wide btn-done",
            "data-focus": "ready",
            disabled: !canReady,
            onclick: (e: Event) => void ctx.act({ type: "ready" }, e.currentTarget as HTMLButtonElement),
          },
          done ? "✓ You are done negotiating" : "Done negotiating",
        ),
        h(
          "ul",
          { class: "who-list", "aria-label": "Who is done" },
          NATIONS.map((n) =>
            h("li", { class: view.ready.includes(n) ? "is-done" : "" }, emblemSvg(n, 14), `${n === seat ? "You" : NATION_NAMES[n]}: ${view.ready.includes(n) ? "done ✓" : "still talking…"}`),
          ),
        ),
      ),
    );
  }
}
