import { NATIONS } from "../../../shared/rules/vocabulary.ts";
import { h } from "../dom.ts";
import { emblemSvg } from "../theme.ts";
import "./class.css";

/** The top line of every class page: the game's mark, the page's name, a way home. */
export function pageHeader(title: string, ...extra: (Node | string | null)[]): HTMLElement {
  return h(
    "header",
    { class: "class-header" },
    h("a", { class: "class-brand", href: "/" }, h("span", { class: "brand-mark", "aria-hidden": "true" }, NATIONS.map((n) => emblemSvg(n, 20))), "Trilateral"),
    h("h1", { class: "class-title" }, title),
    ...extra,
  );
}

/** A button that copies `text` and says so. */
export function copyButton(text: string, label: string): HTMLButtonElement {
  return h(
    "button",
    {
      type: "button",
      class: "btn btn-small",
      onclick: async (e: Event) => {
        const button = e.currentTarget as HTMLButtonElement;
        try {
          await navigator.clipboard.writeText(text);
          button.textContent = "Copied";
        } catch {
          button.textContent = "Copy failed: select the text";
        }
      },
    },
    label,
  );
}

/** The class code as separate big letters, read out letter by letter. */
export function bigCode(code: string, className = "class-code"): HTMLElement {
  return h("p", { class: className, role: "img", "aria-label": `Class code ${code.split("").join(" ")}` }, code.split("").map((ch) => h("span", { "aria-hidden": "true" }, ch)));
}
