import { CLASSROOM_TIMERS } from "../../../shared/protocol/messages.ts";
import { TUNING } from "../../../shared/rules/tuning.ts";
import { NATION_NAMES, NATIONS, STANCES, STANCE_NAMES, type Nation, type StanceId } from "../../../shared/rules/vocabulary.ts";
import { h, replaceChildren } from "../dom.ts";
import { errorBox, nationPicker, ROUND_CHOICES, select, uniqueId, type CardHost } from "./landing-fields.ts";

/** The landing card "Create a table": one table, its code shared with two classmates. */
export class CreateCard {
  readonly el = h("section", { class: "path-card", "aria-labelledby": "create-title" });
  #c = { nation: "seoul" as Nation, rounds: TUNING.rounds.default as number, timers: true, bots: {} as Partial<Record<Nation, StanceId>>, error: null as string | null };

  readonly host: CardHost;

  constructor(host: CardHost) {
    this.host = host;
    this.render();
  }

  render(): void {
    const c = this.#c;
    const others = NATIONS.filter((n) => n !== c.nation);
    const create = h("button", { type: "submit", class: "btn btn-primary btn-big", "data-focus": "create-start" }, "Create table");
    const timersId = uniqueId("timers");
    const form = h(
      "form",
      {
        class: "path-form",
        onsubmit: async (e: Event) => {
          e.preventDefault();
          const name = this.host.validName();
          if (!name) return;
          const bots: Partial<Record<Nation, StanceId>> = {};
          for (const n of others) if (c.bots[n]) bots[n] = c.bots[n];
          const error = await this.host.go({ kind: "create", options: { name, nation: c.nation, rounds: c.rounds, timers: c.timers ? CLASSROOM_TIMERS : null, bots } }, create);
          if (error && this.el.isConnected) {
            c.error = error;
            this.render();
          }
        },
      },
      nationPicker("create-nation", "Play as", c.nation, (n) => {
        c.nation = n;
        delete c.bots[n];
        this.render();
        this.el.querySelector<HTMLInputElement>(`input[value="${n}"]`)?.focus();
      }),
      h(
        "fieldset",
        { class: "stances" },
        h("legend", {}, "Other seats"),
        others.map((n) =>
          select(
            NATION_NAMES[n],
            [{ value: "", text: "A student joins" }, ...STANCES[n].map((st) => ({ value: st, text: `Bot: ${STANCE_NAMES[st]}` }))],
            c.bots[n] ?? "",
            (v) => {
              if (v) c.bots[n] = v as StanceId;
              else delete c.bots[n];
            },
          ),
        ),
      ),
      h(
        "div",
        { class: "field-row" },
        select(
          "Rounds",
          ROUND_CHOICES.map((r) => ({ value: String(r), text: `${r} rounds` })),
          String(c.rounds),
          (v) => (c.rounds = Number(v)),
        ),
        h(
          "div",
          { class: "field-check timers-check" },
          h("input", { type: "checkbox", id: timersId, checked: c.timers, onchange: (e: Event) => (c.timers = (e.target as HTMLInputElement).checked) }),
          h(
            "label",
            { for: timersId },
            "Classroom timers",
            h("span", { class: "hint" }, `${Math.round(CLASSROOM_TIMERS.negotiation / 60)} min to negotiate, ${CLASSROOM_TIMERS.policy} s for policy`),
          ),
        ),
      ),
      errorBox(c.error),
      create,
    );
    replaceChildren(this.el, [
      h("h2", { id: "create-title" }, "Create a table"),
      h("p", { class: "path-lede" }, "Get a code to share; two classmates join from their own screens."),
      form,
    ]);
  }
}
