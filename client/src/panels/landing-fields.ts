import { TUNING } from "../../../shared/rules/tuning.ts";
import { NATION_NAMES, NATIONS, type Nation } from "../../../shared/rules/vocabulary.ts";
import { h } from "../dom.ts";
import { emblemSvg } from "../theme.ts";

/** Form pieces the landing page's cards (and the run-a-class form) share. */

export const ROUND_CHOICES = [2, 3, 4, 5, 6, 8, 10, 12].filter((r) => r >= TUNING.rounds.min && r <= TUNING.rounds.max);

let uid = 0;
/** A unique element id (several cards render the same kind of field). */
export const uniqueId = (base: string): string => `${base}-${++uid}`;

export function nationPicker(name: string, legend: string, selected: Nation, onChange: (n: Nation) => void, allowed: (n: Nation) => string | null = () => null) {
  return h(
    "fieldset",
    { class: "nation-picker" },
    h("legend", {}, legend),
    h(
      "div",
      { class: "nation-options" },
      NATIONS.map((n) => {
        const why = allowed(n);
        const inputId = uniqueId(`${name}-${n}`);
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

export function select(label: string, options: { value: string; text: string }[], value: string, onChange: (v: string) => void) {
  const selectId = uniqueId("select");
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

export function errorBox(message: string | null) {
  return message ? h("p", { class: "form-error", role: "alert" }, message) : null;
}

/** What a landing card needs from the page: the checked name, and a way to start (error in words, or null). */
export interface CardHost {
  validName(): string | null;
  go(choice: import("./landing.ts").LandingChoice, button: HTMLButtonElement): Promise<string | null>;
}
