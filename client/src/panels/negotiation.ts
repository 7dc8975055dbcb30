import "./negotiation.css";
import { describeTerm } from "../../../shared/rules/flow.ts";
import type { DeterrenceBreakdown } from "../../../shared/rules/deterrence.ts";
import type { Proposal } from "../../../shared/rules/proposals.ts";
import { TUNING } from "../../../shared/rules/tuning.ts";
import type { PlayerView } from "../../../shared/rules/view.ts";
import { NATION_NAMES, NATIONS, type Nation } from "../../../shared/rules/vocabulary.ts";
import { h } from "../dom.ts";
import { legalFor, partiesOf, partyAnswer, PROPOSAL_STATUS_TEXT, termChoices, type TermChoice } from "../store/selectors.ts";
import { emblemSvg } from "../theme.ts";
import { cardFace, openingLedger } from "./event-card.ts";
import type { PanelContext } from "./context.ts";

const GROUPS: { group: TermChoice["group"]; title: string; hint: string }[] = [
  { group: "institution", title: "Institutions", hint: "Create, suspend or restore an agreement." },
  { group: "jointStatement", title: "Joint statements", hint: "Say something together." },
  { group: "pledge", title: "Ask for a pledge", hint: "Ask another government to commit a policy this round." },
];

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

/** The proposal composer: terms chosen from proposalTermOptions; parties follow from the terms. */
class Composer {
  open = false;
  selected = new Set<string>();
  extra = new Set<Nation>();
  note = "";

  render(view: PlayerView, ctx: PanelContext, rerender: () => void): HTMLElement {
    if (!this.open) {
      return h(
        "button",
        { type: "button", class: "btn btn-primary btn-wide", "data-focus": "compose-open", onclick: () => ((this.open = true), rerender(), focusFirst()) },
        "＋ New proposal",
      );
    }
    const choices = termChoices(view);
    const byKey = new Map(choices.map((c) => [c.key, c]));
    for (const k of [...this.selected]) if (!byKey.has(k)) this.selected.delete(k);
    const chosen = [...this.selected].map((k) => byKey.get(k)!).filter(Boolean);
    const seat = view.seat!;
    const parties = partiesOf(chosen, [...this.extra]);
    const full = this.selected.size >= TUNING.proposals.maxTermsPerProposal;
    const addable = NATIONS.filter((n) => n !== seat && !partiesOf(chosen).includes(n));
    const submit = h("button", { type: "submit", class: "btn btn-primary", "data-focus": "compose-submit", disabled: chosen.length === 0 }, "Table proposal");
    return h(
      "form",
      {
        class: "composer",
        "aria-label": "New proposal",
        onsubmit: async (e: Event) => {
          e.preventDefault();
          if (chosen.length === 0) return;
          const ok = await ctx.act(
            { type: "tableProposal", parties: partiesOf(chosen, [...this.extra]), terms: chosen.map((c) => c.term), note: this.note.trim() },
            submit,
          );
          if (ok) {
            this.open = false;
            this.selected.clear();
            this.extra.clear();
            this.note = "";
            rerender();
          }
        },
      },
      h("h3", {}, "New proposal"),
      h("p", { class: "hint" }, `Pick up to ${TUNING.proposals.maxTermsPerProposal} terms. It binds only if every party accepts before negotiation ends.`),
      GROUPS.map(({ group, title, hint }) => {
        const list = choices.filter((c) => c.group === group);
        if (list.length === 0) return null;
        return h(
          "fieldset",
          { class: "term-group" },
          h("legend", {}, title, h("span", { class: "hint" }, ` ${hint}`)),
          list.map((c) => {
            const checked = this.selected.has(c.key);
            const inputId = `term-${c.key.replace(/[^a-z0-9]+/gi, "-")}`;
            return h(
              "label",
              { class: `term${checked ? " is-checked" : ""}`, for: inputId },
              h("input", {
                type: "checkbox",
                id: inputId,
                "data-focus": inputId,
                checked,
                disabled: !checked && full,
                onchange: (e: Event) => {
                  if ((e.target as HTMLInputElement).checked) this.selected.add(c.key);
                  else this.selected.delete(c.key);
                  rerender();
                },
              }),
              h("span", { class: "term-text" }, h("span", { class: "term-label" }, c.label), h("span", { class: "term-detail" }, c.detail)),
            );
          }),
        );
      }),
      h(
        "div",
        { class: "composer-parties" },
        h("p", {}, h("strong", {}, "Parties: "), parties.length ? parties.map((n) => (n === seat ? "you" : NATION_NAMES[n])).join(", ") : "pick a term first"),
        chosen.length > 0
          ? addable.map((n) =>
              h(
                "label",
                { class: "field-check", for: `invite-${n}` },
                h("input", {
                  type: "checkbox",
                  id: `invite-${n}`,
                  "data-focus": `invite-${n}`,
                  checked: this.extra.has(n),
                  onchange: (e: Event) => {
                    if ((e.target as HTMLInputElement).checked) this.extra.add(n);
                    else this.extra.delete(n);
                    rerender();
                  },
                }),
                ` Also invite ${NATION_NAMES[n]}`,
              ),
            )
          : null,
      ),
      h(
        "div",
        { class: "field" },
        h("label", { for: "proposal-note" }, "Note to the parties (optional)"),
        h("input", {
          id: "proposal-note",
          type: "text",
          maxlength: 200,
          "data-focus": "proposal-note",
          value: this.note,
          placeholder: "e.g. I restore GSOMIA if you lift the export controls",
          oninput: (e: Event) => (this.note = (e.target as HTMLInputElement).value),
        }),
      ),
      h(
        "div",
        { class: "composer-actions" },
        submit,
        h("button", { type: "button", class: "btn btn-quiet", "data-focus": "compose-cancel", onclick: () => ((this.open = false), rerender()) }, "Cancel"),
      ),
    );
  }
}

function focusFirst(): void {
  queueMicrotask(() => document.querySelector<HTMLElement>(".composer input")?.focus());
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
