import { DIFFICULTIES, DIFFICULTY_NAMES, type Difficulty } from "../../../shared/bots/difficulty.ts";
import { TUNING } from "../../../shared/rules/tuning.ts";
import { NATION_NAMES, NATIONS, STANCES, STANCE_NAMES, type Nation, type StanceId } from "../../../shared/rules/vocabulary.ts";
import { h, replaceChildren } from "../dom.ts";
import { errorBox, nationPicker, ROUND_CHOICES, select, type CardHost } from "./landing-fields.ts";

/** The landing card "Play solo": a nation, two bot governments, rounds and difficulty. */
export class SoloCard {
  readonly el = h("section", { class: "path-card", "aria-labelledby": "solo-title" });
  #s = { nation: "seoul" as Nation, rounds: 3, difficulty: "normal" as Difficulty, stances: {} as Partial<Record<Nation, StanceId>>, error: null as string | null };

  readonly host: CardHost;

  constructor(host: CardHost) {
    this.host = host;
    this.render();
  }

  render(): void {
    const s = this.#s;
    const others = NATIONS.filter((n) => n !== s.nation);
    const start = h("button", { type: "submit", class: "btn btn-primary btn-big", "data-focus": "solo-start" }, "Start solo game");
    const form = h(
      "form",
      {
        class: "path-form",
        onsubmit: async (e: Event) => {
          e.preventDefault();
          const name = this.host.validName();
          if (!name) return;
          const bots: Partial<Record<Nation, StanceId>> = {};
          for (const n of others) bots[n] = s.stances[n] ?? STANCES[n][0];
          const error = await this.host.go({ kind: "create", options: { name, nation: s.nation, rounds: s.rounds, timers: null, bots, botDifficulty: s.difficulty } }, start);
          if (error && this.el.isConnected) {
            s.error = error;
            this.render();
          }
        },
      },
      nationPicker("solo-nation", "Play as", s.nation, (n) => {
        s.nation = n;
        this.render();
        this.el.querySelector<HTMLInputElement>(`input[value="${n}"]`)?.focus();
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
    replaceChildren(this.el, [
      h("h2", { id: "solo-title" }, "Play solo"),
      h("p", { class: "path-lede" }, "You and two computer-run governments. No timers: take your time."),
      form,
    ]);
  }
}
