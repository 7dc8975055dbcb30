import "./landing.css";
import { rulesLink } from "../help/rules-page.ts";
import { CLASSROOM_TIMERS, DisplayNameSchema, TableCodeSchema, type CreateTableOptions, type TableSummary } from "../../../shared/protocol/messages.ts";
import { DIFFICULTIES, DIFFICULTY_NAMES, type Difficulty } from "../../../shared/bots/difficulty.ts";
import { TUNING } from "../../../shared/rules/tuning.ts";
import { NATION_NAMES, NATIONS, STANCES, STANCE_NAMES, type Nation, type StanceId } from "../../../shared/rules/vocabulary.ts";
import { h, replaceChildren } from "../dom.ts";
import { fetchTableSummary } from "../net/api.ts";
import { loadName, saveName } from "../net/session.ts";
import { emblemSvg } from "../theme.ts";

export type LandingChoice =
  | { kind: "create"; options: CreateTableOptions }
  | { kind: "join"; code: string; name: string; nation: Nation | null };

export interface LandingHandlers {
  /** Resolves with an error message in plain words, or null once seated. */
  start(choice: LandingChoice): Promise<string | null>;
}

const ROUND_CHOICES = [2, 3, 4, 5, 6, 8, 10, 12].filter((r) => r >= TUNING.rounds.min && r <= TUNING.rounds.max);

let uid = 0;
const id = (base: string) => `${base}-${++uid}`;

function nationPicker(name: string, legend: string, selected: Nation, onChange: (n: Nation) => void, allowed: (n: Nation) => string | null = () => null) {
  return h(
    "fieldset",
    { class: "nation-picker" },
    h("legend", {}, legend),
    h(
      "div",
      { class: "nation-options" },
      NATIONS.map((n) => {
        const why = allowed(n);
        const inputId = id(`${name}-${n}`);
        return h(
          "label",
          { class: `nation-option nation-${n}${why ? " is-unavailable" : ""}`, for: inputId },
          h("input", {
            type: "radio",
            id: inputId,
            name,
            value: n,
            checked: n === selected,
            disabled: !!why,
            onchange: () => onChange(n),
          }),
          emblemSvg(n, 26),
          h("span", { class: "nation-option-name" }, NATION_NAMES[n]),
          why ? h("span", { class: "nation-option-note" }, why) : null,
        );
      }),
    ),
  );
}

function select(label: string, options: { value: string; text: string }[], value: string, onChange: (v: string) => void) {
  const selectId = id("select");
  return h(
    "div",
    { class: "field" },
    h("label", { for: selectId }, label),
    h(
      "select",
      { id: selectId, onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) },
      options.map((o) => h("option", { value: o.value, selected: o.value === value }, o.text)),
    ),
  );
}

function errorBox(message: string | null) {
  return message ? h("p", { class: "form-error", role: "alert" }, message) : null;
}

/** The landing page: three paths (solo, create, join) and one name for all of them. */
export class LandingScreen {
  readonly el: HTMLElement;
  #name: HTMLInputElement;
  #nameError: HTMLElement;
  #busy = false;

  #solo = { nation: "seoul" as Nation, rounds: 3, difficulty: "normal" as Difficulty, stances: {} as Partial<Record<Nation, StanceId>>, error: null as string | null };
  #create = { nation: "seoul" as Nation, rounds: TUNING.rounds.default as number, timers: true, bots: {} as Partial<Record<Nation, StanceId>>, error: null as string | null };
  #join = { code: "", nation: null as Nation | null, table: null as TableSummary | null, error: null as string | null, looking: false };
  #soloCard = h("section", { class: "path-card", "aria-labelledby": "solo-title" });
  #createCard = h("section", { class: "path-card", "aria-labelledby": "create-title" });
  #joinCard = h("section", { class: "path-card", "aria-labelledby": "join-title" });
  #lookupTimer: ReturnType<typeof setTimeout> | null = null;

  readonly handlers: LandingHandlers;

  constructor(handlers: LandingHandlers, prefill: { code?: string | null; error?: string | null } = {}) {
    this.handlers = handlers;
    this.#name = h("input", {
      id: "player-name",
      type: "text",
      autocomplete: "nickname",
      maxlength: 24,
      placeholder: "e.g. Minji",
      value: loadName(),
      "aria-describedby": "player-name-hint",
    });
    this.#nameError = h("p", { class: "form-error", id: "player-name-error", role: "alert", hidden: true });
    if (prefill.code) {
      this.#join.code = prefill.code;
      this.#join.error = prefill.error ?? null;
    }
    this.el = h(
      "main",
      { id: "main", class: "landing", tabindex: -1 },
      h(
        "header",
        { class: "landing-hero" },
        h("h1", { class: "brand" }, h("span", { class: "brand-mark", "aria-hidden": "true" }, NATIONS.map((n) => emblemSvg(n, 30))), "Trilateral"),
        h(
          "p",
          { class: "tagline" },
          "Seoul, Tokyo and Washington at one table: history, security and trust, one event at a time.",
          " ",
          rulesLink(),
        ),
        h(
          "div",
          { class: "name-field" },
          h("label", { for: "player-name" }, "Your name"),
          this.#name,
          h("span", { id: "player-name-hint", class: "hint" }, "Shown to the other players at your table."),
          this.#nameError,
        ),
      ),
      h(
        "ol",
        { class: "round-strip", "aria-label": "A round at the table" },
        [
          ["An event", "a dated card from the essays hits the table"],
          ["Negotiate", "chat in public or in private, table proposals"],
          ["Choose a policy", "in secret, all at once"],
          ["See what changed", "every meter move, with its cause"],
        ].map(([title, text], i) => h("li", {}, h("span", { class: "strip-n", "aria-hidden": "true" }, String(i + 1)), h("strong", {}, title), h("span", {}, text ?? ""))),
      ),
      h("div", { class: "paths" }, this.#soloCard, this.#createCard, this.#joinCard),
    );
    this.#renderSolo();
    this.#renderCreate();
    this.#renderJoin();
    if (prefill.code) this.#lookup(prefill.code, !!prefill.error);
  }

  /** The name, checked with the protocol's own schema; null (and the field flagged) when invalid. */
  #validName(): string | null {
    const parsed = DisplayNameSchema.safeParse(this.#name.value);
    if (!parsed.success) {
      this.#nameError.textContent = parsed.error.issues[0]?.message ?? "Please type a name.";
      this.#nameError.hidden = false;
      this.#name.setAttribute("aria-invalid", "true");
      this.#name.setAttribute("aria-describedby", "player-name-hint player-name-error");
      this.#name.focus();
      return null;
    }
    this.#nameError.hidden = true;
    this.#name.removeAttribute("aria-invalid");
    saveName(parsed.data);
    return parsed.data;
  }

  async #go(choice: LandingChoice, card: "solo" | "create" | "join", button: HTMLButtonElement): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    const label = button.textContent;
    button.disabled = true;
    button.textContent = "Connecting…";
    const error = await this.handlers.start(choice);
    this.#busy = false;
    if (!this.el.isConnected) return;
    button.disabled = false;
    button.textContent = label;
    if (error) {
      if (card === "solo") this.#solo.error = error;
      if (card === "create") this.#create.error = error;
      if (card === "join") this.#join.error = error;
      if (card === "solo") this.#renderSolo();
      if (card === "create") this.#renderCreate();
      if (card === "join") this.#renderJoin();
      if (card === "join" && this.#join.code.length === 5) this.#lookup(this.#join.code, true);
    }
  }

  #renderSolo(): void {
    const s = this.#solo;
    const others = NATIONS.filter((n) => n !== s.nation);
    const start = h("button", { type: "submit", class: "btn btn-primary btn-big", "data-focus": "solo-start" }, "Start solo game");
    const form = h(
      "form",
      {
        class: "path-form",
        onsubmit: (e: Event) => {
          e.preventDefault();
          const name = this.#validName();
          if (!name) return;
          const bots: Partial<Record<Nation, StanceId>> = {};
          for (const n of others) bots[n] = s.stances[n] ?? STANCES[n][0];
          void this.#go({ kind: "create", options: { name, nation: s.nation, rounds: s.rounds, timers: null, bots, botDifficulty: s.difficulty } }, "solo", start);
        },
      },
      nationPicker("solo-nation", "Play as", s.nation, (n) => {
        s.nation = n;
        this.#renderSolo();
        this.#soloCard.querySelector<HTMLInputElement>(`input[value="${n}"]`)?.focus();
      }),
      h(
        "fieldset",
        { class: "stances" },
        h("legend", {}, "Bot governments"),
        others.map((n) =>
          select(
            `${NATION_NAMES[n]} (bot)`,
            STANCES[n].map((st) => ({ value: st, text: STANCE_NAMES[st] })),
            s.stances[n] ?? STANCES[n][0],
            (v) => (s.stances[n] = v as StanceId),
          ),
        ),
      ),
      select(
        "Rounds",
        ROUND_CHOICES.map((r) => ({ value: String(r), text: `${r} rounds${r <= 3 ? " (quick)" : r === TUNING.rounds.default ? " (full game)" : ""}` })),
        String(s.rounds),
        (v) => (s.rounds = Number(v)),
      ),
      select(
        "Bot difficulty",
        DIFFICULTIES.map((d) => ({ value: d, text: DIFFICULTY_NAMES[d] })),
        s.difficulty,
        (v) => (s.difficulty = v as Difficulty),
      ),
      errorBox(s.error),
      start,
    );
    replaceChildren(this.#soloCard, [
      h("h2", { id: "solo-title" }, "Play solo"),
      h("p", { class: "path-lede" }, "You and two computer-run governments. No timers: take your time."),
      form,
    ]);
  }

  #renderCreate(): void {
    const c = this.#create;
    const others = NATIONS.filter((n) => n !== c.nation);
    const create = h("button", { type: "submit", class: "btn btn-primary btn-big", "data-focus": "create-start" }, "Create table");
    const timersId = id("timers");
    const form = h(
      "form",
      {
        class: "path-form",
        onsubmit: (e: Event) => {
          e.preventDefault();
          const name = this.#validName();
          if (!name) return;
          const bots: Partial<Record<Nation, StanceId>> = {};
          for (const n of others) if (c.bots[n]) bots[n] = c.bots[n];
          void this.#go(
            { kind: "create", options: { name, nation: c.nation, rounds: c.rounds, timers: c.timers ? CLASSROOM_TIMERS : null, bots } },
            "create",
            create,
          );
        },
      },
      nationPicker("create-nation", "Play as", c.nation, (n) => {
        c.nation = n;
        delete c.bots[n];
        this.#renderCreate();
        this.#createCard.querySelector<HTMLInputElement>(`input[value="${n}"]`)?.focus();
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
    replaceChildren(this.#createCard, [
      h("h2", { id: "create-title" }, "Create a table"),
      h("p", { class: "path-lede" }, "Get a code to share; two classmates join from their own screens."),
      form,
    ]);
  }

  #lookup(code: string, keepError = false): void {
    const j = this.#join;
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
      this.#renderJoin();
    }, 250);
  }

  #renderJoin(): void {
    const j = this.#join;
    const codeId = "join-code";
    const codeHint = h("span", { class: "hint", id: "join-code-hint" }, "5 letters, e.g. KMBTR");
    const codeInput = h("input", {
      id: codeId,
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
            this.#renderJoin();
          }
        } else if (this.#joinCard.querySelector(".seat-list, .form-error")) {
          this.#renderJoin();
        }
      },
    });
    const free = j.table ? j.table.seats.filter((s) => !s.occupied).map((s) => s.nation) : [...NATIONS];
    const seatsBlock = j.table
      ? h(
          "ul",
          { class: "seat-list", "aria-label": `Seats at table ${j.table.code}` },
          j.table.seats.map((s) =>
            h(
              "li",
              { class: `seat-line${s.occupied ? " is-taken" : ""}` },
              emblemSvg(s.nation, 18),
              h("strong", {}, NATION_NAMES[s.nation]),
              " ",
              s.occupied ? (s.bot ? `Bot (${STANCE_NAMES[s.stance as StanceId] ?? s.stance})` : `${s.name || "A student"} — taken`) : "Free",
            ),
          ),
        )
      : null;
    const join = h("button", { type: "submit", class: "btn btn-primary btn-big", "data-focus": "join-start" }, "Join table");
    const preferred = h(
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
    const form = h(
      "form",
      {
        class: "path-form",
        onsubmit: (e: Event) => {
          e.preventDefault();
          const parsed = TableCodeSchema.safeParse(j.code);
          if (!parsed.success) {
            j.error = parsed.error.issues[0]?.message ?? "That is not a table code.";
            this.#renderJoin();
            this.#joinCard.querySelector<HTMLInputElement>("#join-code")?.focus();
            return;
          }
          const name = this.#validName();
          if (!name) return;
          void this.#go({ kind: "join", code: parsed.data, name, nation: j.nation }, "join", join);
        },
      },
      h("div", { class: "field" }, h("label", { for: codeId }, "Table code"), codeInput, codeHint),
      j.looking ? h("p", { class: "hint", role: "status" }, "Looking up the table…") : null,
      seatsBlock,
      preferred,
      errorBox(j.error),
      join,
    );
    replaceChildren(this.#joinCard, [
      h("h2", { id: "join-title" }, "Join a table"),
      h("p", { class: "path-lede" }, "Someone shared a table code with you? Type it here."),
      form,
    ]);
  }
}
