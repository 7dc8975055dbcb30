import { TableCodeSchema, type TableSummary } from "../../../shared/protocol/messages.ts";
import { NATION_NAMES, NATIONS, STANCE_NAMES, type Nation, type StanceId } from "../../../shared/rules/vocabulary.ts";
import { h, replaceChildren } from "../dom.ts";
import { fetchTableSummary } from "../net/api.ts";
import { emblemSvg } from "../theme.ts";
import { errorBox, type CardHost } from "./landing-fields.ts";

/** The landing card "Join a table": a table code, a look at its seats, a preferred nation. */
export class JoinCard {
  readonly el = h("section", { class: "path-card", "aria-labelledby": "join-title" });
  #j = { code: "", nation: null as Nation | null, table: null as TableSummary | null, error: null as string | null, looking: false };
  #lookupTimer: ReturnType<typeof setTimeout> | null = null;

  readonly host: CardHost;

  constructor(host: CardHost, prefill: { code?: string | null; error?: string | null } = {}) {
    this.host = host;
    if (prefill.code) {
      this.#j.code = prefill.code;
      this.#j.error = prefill.error ?? null;
    }
    this.render();
    if (prefill.code) this.#lookup(prefill.code, !!prefill.error);
  }

  #lookup(code: string, keepError = false): void {
    const j = this.#j;
    if (this.#lookupTimer) clearTimeout(this.#lookupTimer);
    this.#lookupTimer = setTimeout(async () => {
      j.looking = true;
      const result = await fetchTableSummary(code);
      j.looking = false;
      if (j.code !== code) return;
      if (!result.ok) {
        j.table = null;
        j.error = result.message;
      } else {
        j.table = result.table;
        if (!keepError) j.error = null;
        const free = result.table.seats.filter((s) => !s.occupied).map((s) => s.nation);
        if (result.table.ended) j.error = "That game has already ended. Ask for a new code.";
        else if (free.length === 0) j.error = "That table is full: all three seats are taken.";
        if (j.nation && !free.includes(j.nation)) j.nation = null;
      }
      this.render();
    }, 250);
  }

  #codeInput() {
    const j = this.#j;
    return h("input", {
      id: "join-code",
      type: "text",
      inputmode: "text",
      autocomplete: "off",
      autocapitalize: "characters",
      spellcheck: "false",
      maxlength: 5,
      class: "code-input",
      value: j.code,
      "data-focus": "join-code",
      "aria-describedby": "join-code-hint",
      oninput: (e: Event) => {
        const input = e.target as HTMLInputElement;
        const v = input.value.toUpperCase().replace(/[^A-Z]/g, "");
        if (input.value !== v) input.value = v;
        j.code = v;
        j.error = null;
        j.table = null;
        if (v.length === 5) {
          const parsed = TableCodeSchema.safeParse(v);
          if (parsed.success) this.#lookup(parsed.data);
          else {
            j.error = parsed.error.issues[0]?.message ?? "That is not a table code.";
            this.render();
          }
        } else if (this.el.querySelector(".seat-list, .form-error")) {
          this.render();
        }
      },
    });
  }

  #seats(table: TableSummary) {
    return h(
      "ul",
      { class: "seat-list", "aria-label": `Seats at table ${table.code}` },
      table.seats.map((s) =>
        h(
          "li",
          { class: `seat-line${s.occupied ? " is-taken" : ""}` },
          emblemSvg(s.nation, 18),
          h("strong", {}, NATION_NAMES[s.nation]),
          " ",
          s.occupied ? (s.bot ? `Bot (${STANCE_NAMES[s.stance as StanceId] ?? s.stance})` : `${s.name || "A student"} — taken`) : "Free",
        ),
      ),
    );
  }

  #preferred(free: Nation[]) {
    const j = this.#j;
    return h(
      "fieldset",
      { class: "nation-picker" },
      h("legend", {}, "Preferred nation"),
      h(
        "div",
        { class: "nation-options nation-options-any" },
        h(
          "label",
          { class: "nation-option", for: "join-any" },
          h("input", { type: "radio", id: "join-any", name: "join-nation", value: "", checked: j.nation === null, onchange: () => (j.nation = null) }),
          h("span", { class: "nation-option-name" }, "Any free seat"),
        ),
        NATIONS.map((n) => {
          const taken = !free.includes(n);
          const inputId = `join-${n}`;
          return h(
            "label",
            { class: `nation-option nation-${n}${taken ? " is-unavailable" : ""}`, for: inputId },
            h("input", { type: "radio", id: inputId, name: "join-nation", value: n, checked: j.nation === n, disabled: taken, onchange: () => (j.nation = n) }),
            emblemSvg(n, 22),
            h("span", { class: "nation-option-name" }, NATION_NAMES[n]),
            taken ? h("span", { class: "nation-option-note" }, "taken") : null,
          );
        }),
      ),
    );
  }

  render(): void {
    const j = this.#j;
    const free = j.table ? j.table.seats.filter((s) => !s.occupied).map((s) => s.nation) : [...NATIONS];
    const join = h("button", { type: "submit", class: "btn btn-primary btn-big", "data-focus": "join-start" }, "Join table");
    const form = h(
      "form",
      {
        class: "path-form",
        onsubmit: async (e: Event) => {
          e.preventDefault();
          const parsed = TableCodeSchema.safeParse(j.code);
          if (!parsed.success) {
            j.error = parsed.error.issues[0]?.message ?? "That is not a table code.";
            this.render();
            this.el.querySelector<HTMLInputElement>("#join-code")?.focus();
            return;
          }
          const name = this.host.validName();
          if (!name) return;
          const error = await this.host.go({ kind: "join", code: parsed.data, name, nation: j.nation }, join);
          if (error && this.el.isConnected) {
            j.error = error;
            this.render();
            if (j.code.length === 5) this.#lookup(j.code, true);
          }
        },
      },
      h("div", { class: "field" }, h("label", { for: "join-code" }, "Table code"), this.#codeInput(), h("span", { class: "hint", id: "join-code-hint" }, "5 letters, e.g. KMBTR")),
      j.looking ? h("p", { class: "hint", role: "status" }, "Looking up the table…") : null,
      j.table ? this.#seats(j.table) : null,
      this.#preferred(free),
      errorBox(j.error),
      join,
    );
    replaceChildren(this.el, [
      h("h2", { id: "join-title" }, "Join a table"),
      h("p", { class: "path-lede" }, "Someone shared a table code with you? Type it here."),
      form,
    ]);
  }
}
