import "./composer.css";
import { TUNING } from "../../../shared/rules/tuning.ts";
import type { PlayerView } from "../../../shared/rules/view.ts";
import { NATION_NAMES, NATIONS, type Nation } from "../../../shared/rules/vocabulary.ts";
import { h } from "../dom.ts";
import { partiesOf, termChoices, type TermChoice } from "../store/selectors.ts";
import type { PanelContext } from "./context.ts";

const GROUPS: { group: TermChoice["group"]; title: string; hint: string }[] = [
  { group: "institution", title: "Institutions", hint: "Create, suspend or restore an agreement." },
  { group: "jointStatement", title: "Joint statements", hint: "Say something together." },
  { group: "pledge", title: "Ask for a pledge", hint: "Ask another government to commit a policy this round." },
];

/** Lower-case text a search matches against: the term's label and its explanation. */
const haystack = (c: TermChoice) => `${c.label} ${c.detail}`.toLowerCase();

/**
 * The proposal composer: terms chosen from proposalTermOptions (parties follow from the terms),
 * grouped in folding sections with a search box; what you picked, the parties, the note and
 * "Table proposal" stay together in a footer that sticks to the bottom of the panel.
 */
export class Composer {
  open = false;
  selected = new Set<string>();
  extra = new Set<Nation>();
  note = "";
  query = "";
  /** Groups the student unfolded or folded (by default only the first is open). */
  folded = new Map<TermChoice["group"], boolean>();

  render(view: PlayerView, ctx: PanelContext, rerender: () => void): HTMLElement {
    if (!this.open) {
      return h(
        "button",
        { type: "button", class: "btn btn-primary btn-wide", "data-focus": "compose-open", onclick: () => ((this.open = true), rerender(), focusFirst()) },
        "+ New proposal",
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
    const q = this.query.trim().toLowerCase();
    const words = q.split(/\s+/).filter(Boolean);
    const matches = (c: TermChoice) => words.every((w) => haystack(c).includes(w));
    const submit = h("button", { type: "submit", class: "btn btn-primary", "data-focus": "compose-submit", disabled: chosen.length === 0 }, "Table proposal");

    const termRow = (c: TermChoice) => {
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
        h(
          "span",
          { class: "term-text" },
          h("span", { class: "term-label" }, c.label),
          h("span", { class: "term-detail" }, c.detail),
          c.warning ? h("span", { class: "term-warning" }, `⚠ ${c.warning}`) : null,
        ),
      );
    };

    return h(
      "form",
      {
        class: "composer",
        "aria-label": "New proposal",
        onsubmit: async (e: Event) => {
          e.preventDefault();
          if (chosen.length === 0) return;
          const ok = await ctx.act({ type: "tableProposal", parties: partiesOf(chosen, [...this.extra]), terms: chosen.map((c) => c.term), note: this.note.trim() }, submit);
          if (ok) {
            this.open = false;
            this.selected.clear();
            this.extra.clear();
            this.note = "";
            this.query = "";
            rerender();
          }
        },
      },
      h("h3", {}, "New proposal"),
      h("p", { class: "hint" }, `Pick up to ${TUNING.proposals.maxTermsPerProposal} terms. It binds only if every party accepts before negotiation ends.`),
      h(
        "div",
        { class: "field composer-search" },
        h("label", { for: "term-search" }, "Find a term"),
        h("input", {
          id: "term-search",
          type: "search",
          "data-focus": "term-search",
          value: this.query,
          placeholder: "e.g. GSOMIA, apology, exercises",
          autocomplete: "off",
          oninput: (e: Event) => {
            this.query = (e.target as HTMLInputElement).value;
            rerender();
          },
        }),
      ),
      GROUPS.map(({ group, title, hint }, i) => {
        const all = choices.filter((c) => c.group === group);
        const list = all.filter(matches);
        if (list.length === 0) return null;
        const picked = all.filter((c) => this.selected.has(c.key)).length;
        const open = words.length > 0 || (this.folded.get(group) ?? i === 0);
        return h(
          "details",
          {
            class: "term-group",
            open,
            ontoggle: (e: Event) => {
              if (words.length === 0) this.folded.set(group, (e.currentTarget as HTMLDetailsElement).open);
            },
          },
          h("summary", {}, h("span", { class: "term-group-title" }, title), h("span", { class: "term-count" }, `${list.length}${picked ? ` · ${picked} picked` : ""}`), h("span", { class: "hint" }, hint)),
          h("div", { class: "term-list", role: "group", "aria-label": title }, list.map(termRow)),
        );
      }),
      choices.some(matches) ? null : h("p", { class: "empty" }, `No term matches “${this.query}”.`),
      h(
        "div",
        { class: "composer-footer" },
        h(
          "p",
          { class: "composer-picked" },
          h("strong", {}, `Terms (${chosen.length}/${TUNING.proposals.maxTermsPerProposal}): `),
          chosen.length ? chosen.map((c) => c.label).join("; ") : "none yet",
        ),
        chosen
          .filter((c) => c.warning)
          .map((c) => h("p", { class: "composer-warning", role: "status" }, h("strong", {}, `${c.label}: `), c.warning!)),
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
      ),
    );
  }
}

function focusFirst(): void {
  queueMicrotask(() => {
    const input = document.querySelector<HTMLElement>("#term-search");
    input?.focus({ preventScroll: true });
    const composer = document.querySelector<HTMLElement>(".composer");
    const scroller = composer?.closest<HTMLElement>(".sidebar");
    if (composer && scroller && getComputedStyle(scroller).overflowY !== "visible") {
      scroller.scrollTop += composer.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 8;
    } else composer?.scrollIntoView({ block: "start" });
  });
}
