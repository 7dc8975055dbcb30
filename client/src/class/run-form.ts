import { DIFFICULTIES, DIFFICULTY_NAMES, type Difficulty } from "../../../shared/bots/difficulty.ts";
import { CLASS_STUDENT_LIMIT, CLASSROOM_TIMERS, CreateClassRequestSchema, type CreateClassAnswer, type CreateClassRequest } from "../../../shared/protocol/class-messages.ts";
import { TUNING } from "../../../shared/rules/tuning.ts";
import { NATION_NAMES, NATIONS, STANCES, STANCE_NAMES, type Nation, type StanceId } from "../../../shared/rules/vocabulary.ts";
import { h, replaceChildren } from "../dom.ts";
import { errorBox, ROUND_CHOICES, select } from "../panels/landing-fields.ts";
import { createClass } from "./api.ts";
import { readDeckFile, type DeckFileResult } from "./deck-file.ts";
import { pageHeader } from "./page.ts";
import { instructorTokens } from "./routes.ts";
import { createdPanel } from "./run-created.ts";
import "./run-form.css";

type TimerKey = keyof typeof CLASSROOM_TIMERS;
const TIMER_FIELDS: { key: TimerKey; label: string; min: number; max: number }[] = [
  { key: "event", label: "Event card", min: 5, max: 900 },
  { key: "negotiation", label: "Negotiation", min: 10, max: 1800 },
  { key: "policy", label: "Policy", min: 5, max: 900 },
  { key: "summary", label: "Round summary", min: 3, max: 300 },
];

/** "Run a class": the instructor's settings, sent to POST /api/classes; then the class's code and links. */
export class RunClassPage {
  readonly el: HTMLElement;
  #body = h("div", { class: "run-body" });
  #f = {
    title: "",
    rounds: TUNING.rounds.default as number,
    timers: { ...CLASSROOM_TIMERS },
    deck: "builtin" as "builtin" | "upload",
    file: null as DeckFileResult | null,
    checking: false,
    stances: {} as Partial<Record<Nation, StanceId>>,
    difficulty: "normal" as Difficulty,
    limit: CLASS_STUDENT_LIMIT.default as number,
    error: null as string | null,
    problems: [] as string[],
    busy: false,
  };

  constructor() {
    this.el = h("main", { id: "main", class: "class-page run-page", tabindex: -1 }, pageHeader("Run a class"), this.#body);
    this.#render();
  }

  #timerInputs() {
    const f = this.#f;
    return h(
      "fieldset",
      { class: "run-timers" },
      h("legend", {}, "Phase timers (seconds)"),
      TIMER_FIELDS.map((t) =>
        h(
          "div",
          { class: "field" },
          h("label", { for: `timer-${t.key}` }, t.label),
          h("input", {
            type: "number",
            id: `timer-${t.key}`,
            min: t.min,
            max: t.max,
            step: 5,
            value: f.timers[t.key],
            required: true,
            oninput: (e: Event) => (f.timers[t.key] = Number((e.target as HTMLInputElement).value)),
          }),
        ),
      ),
      h(
        "button",
        {
          type: "button",
          class: "btn btn-small btn-quiet",
          onclick: () => {
            f.timers = { ...CLASSROOM_TIMERS };
            this.#render();
          },
        },
        "Classroom defaults",
      ),
    );
  }

  #deckField() {
    const f = this.#f;
    const file = f.file;
    const status = f.checking
      ? h("p", { class: "hint", role: "status" }, "Checking the deck…")
      : file?.ok
        ? h("p", { class: "deck-ok", role: "status" }, `${file.fileName}: ${file.cards} cards, no problems.`)
        : file && !file.ok
          ? h(
              "div",
              { class: "deck-problems", role: "alert" },
              h("p", {}, `${file.fileName} has ${file.problems.length} problem${file.problems.length === 1 ? "" : "s"}:`),
              h("ul", {}, file.problems.map((p) => h("li", {}, h("code", {}, p)))),
            )
          : null;
    return h(
      "fieldset",
      { class: "run-deck" },
      h("legend", {}, "Deck"),
      h(
        "div",
        { class: "field-check" },
        h("input", { type: "radio", id: "deck-builtin", name: "deck", checked: f.deck === "builtin", onchange: () => ((f.deck = "builtin"), this.#render()) }),
        h("label", { for: "deck-builtin" }, "The built-in deck (49 cards from the essays)"),
      ),
      h(
        "div",
        { class: "field-check" },
        h("input", { type: "radio", id: "deck-upload", name: "deck", checked: f.deck === "upload", onchange: () => ((f.deck = "upload"), this.#render()) }),
        h("label", { for: "deck-upload" }, "My own deck file (JSON, checked like content:check)"),
      ),
      f.deck === "upload"
        ? h(
            "div",
            { class: "field" },
            h("label", { for: "deck-file" }, "Deck file"),
            h("input", {
              type: "file",
              id: "deck-file",
              accept: ".json,application/json",
              onchange: async (e: Event) => {
                const chosen = (e.target as HTMLInputElement).files?.[0];
                if (!chosen) return;
                f.checking = true;
                this.#render();
                f.file = await readDeckFile(chosen);
                f.checking = false;
                this.#render();
              },
            }),
          )
        : null,
      f.deck === "upload" ? status : null,
    );
  }

  #botsField() {
    const f = this.#f;
    return h(
      "fieldset",
      { class: "run-bots stances" },
      h("legend", {}, "Bots that fill empty seats"),
      NATIONS.map((n) =>
        select(
          NATION_NAMES[n],
          [{ value: "", text: "A stance drawn per table" }, ...STANCES[n].map((st) => ({ value: st, text: STANCE_NAMES[st] }))],
          f.stances[n] ?? "",
          (v) => {
            if (v) f.stances[n] = v as StanceId;
            else delete f.stances[n];
          },
        ),
      ),
      select(
        "Bot difficulty",
        DIFFICULTIES.map((d) => ({ value: d, text: DIFFICULTY_NAMES[d] })),
        f.difficulty,
        (v) => (f.difficulty = v as Difficulty),
      ),
    );
  }

  #request(): CreateClassRequest | string {
    const f = this.#f;
    if (f.deck === "upload" && !f.file?.ok) return f.file ? "Fix the deck file's problems, or choose the built-in deck." : "Choose a deck file, or the built-in deck.";
    const request: CreateClassRequest = {
      title: f.title,
      rounds: f.rounds,
      timers: { ...f.timers },
      deck: f.deck === "upload" && f.file?.ok ? { kind: "upload", fileName: f.file.fileName, data: f.file.data } : { kind: "builtin" },
      botStances: { ...f.stances },
      botDifficulty: f.difficulty,
      studentLimit: f.limit,
    };
    const parsed = CreateClassRequestSchema.safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join(".") ?? "";
      const label = where.startsWith("timers.") ? `${TIMER_FIELDS.find((t) => `timers.${t.key}` === where)?.label ?? where} timer: ` : where === "studentLimit" ? "Student limit: " : "";
      return `${label}${issue?.message ?? "Please check the form."}`;
    }
    return request;
  }

  async #submit(button: HTMLButtonElement): Promise<void> {
    const f = this.#f;
    if (f.busy) return;
    const request = this.#request();
    f.problems = [];
    if (typeof request === "string") {
      f.error = request;
      this.#render();
      return;
    }
    f.busy = true;
    button.disabled = true;
    button.textContent = "Opening the class…";
    const answer = await createClass(request);
    f.busy = false;
    if (!answer.ok) {
      f.error = answer.message;
      f.problems = answer.problems;
      this.#render();
      return;
    }
    this.#created(answer.value);
  }

  #created(answer: CreateClassAnswer): void {
    instructorTokens.save(answer.code, answer.instructorToken);
    replaceChildren(this.#body, [createdPanel(answer)]);
    this.#body.querySelector<HTMLElement>("h2")?.focus();
  }

  #render(): void {
    const f = this.#f;
    const submit = h("button", { type: "submit", class: "btn btn-primary btn-big", "data-focus": "run-submit" }, "Open the class");
    const form = h(
      "form",
      {
        class: "run-form",
        novalidate: true,
        onsubmit: (e: Event) => {
          e.preventDefault();
          void this.#submit(submit);
        },
      },
      h(
        "div",
        { class: "run-col" },
        h(
          "div",
          { class: "field" },
          h("label", { for: "class-title" }, "Title"),
          h("input", {
            type: "text",
            id: "class-title",
            maxlength: 80,
            placeholder: "e.g. POLS 342 — week 9",
            value: f.title,
            required: true,
            oninput: (e: Event) => (f.title = (e.target as HTMLInputElement).value),
          }),
        ),
        h(
          "div",
          { class: "field-row" },
          select(
            "Rounds",
            ROUND_CHOICES.map((r) => ({ value: String(r), text: `${r} rounds` })),
            String(f.rounds),
            (v) => (f.rounds = Number(v)),
          ),
          h(
            "div",
            { class: "field" },
            h("label", { for: "student-limit" }, "Student limit"),
            h("input", {
              type: "number",
              id: "student-limit",
              min: 1,
              max: CLASS_STUDENT_LIMIT.max,
              value: f.limit,
              oninput: (e: Event) => (f.limit = Number((e.target as HTMLInputElement).value)),
            }),
          ),
        ),
        this.#timerInputs(),
      ),
      h("div", { class: "run-col" }, this.#deckField(), this.#botsField()),
      h(
        "div",
        { class: "run-submit" },
        errorBox(f.error),
        f.problems.length > 0 ? h("ul", { class: "deck-problems" }, f.problems.map((p) => h("li", {}, h("code", {}, p)))) : null,
        submit,
      ),
    );
    replaceChildren(this.#body, [
      h("p", { class: "run-lede" }, "Students join with a class code or a QR code on the projector. When you press Start they are seated in tables of three; bots fill the empty seats."),
      form,
    ]);
  }
}
