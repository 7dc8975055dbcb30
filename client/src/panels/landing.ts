import "./landing.css";
import { rulesLink } from "../help/rules-page.ts";
import { DisplayNameSchema, type CreateTableOptions } from "../../../shared/protocol/messages.ts";
import { NATIONS, type Nation } from "../../../shared/rules/vocabulary.ts";
import { classStrip } from "../class/landing-class.ts";
import { h } from "../dom.ts";
import { loadName, saveName } from "../net/session.ts";
import { emblemSvg } from "../theme.ts";
import { CreateCard } from "./landing-create.ts";
import type { CardHost } from "./landing-fields.ts";
import { JoinCard } from "./landing-join.ts";
import { SoloCard } from "./landing-solo.ts";

export type LandingChoice =
  | { kind: "create"; options: CreateTableOptions }
  | { kind: "join"; code: string; name: string; nation: Nation | null };

export interface LandingHandlers {
  /** Resolves with an error message in plain words, or null once seated. */
  start(choice: LandingChoice): Promise<string | null>;
}

/** The landing page: three paths (solo, create, join) and one name for all of them, then the classroom strip. */
export class LandingScreen implements CardHost {
  readonly el: HTMLElement;
  #name: HTMLInputElement;
  #nameError: HTMLElement;
  #busy = false;

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
          "Seoul, Tokyo and Washington at one table: history, security and trust, one event at a time. ",
          rulesLink(),
          " ",
          h("span", { class: "class-links" }, "In a classroom? ", h("a", { href: "#class-strip" }, "Join a class"), " or ", h("a", { href: "/?run" }, "run one"), "."),
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
      h("div", { class: "paths" }, new SoloCard(this).el, new CreateCard(this).el, new JoinCard(this, prefill).el),
      classStrip(),
    );
  }

  /** The name, checked with the protocol's own schema; null (and the field flagged) when invalid. */
  validName(): string | null {
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

  async go(choice: LandingChoice, button: HTMLButtonElement): Promise<string | null> {
    if (this.#busy) return null;
    this.#busy = true;
    const label = button.textContent;
    button.disabled = true;
    button.textContent = "Connecting…";
    const error = await this.handlers.start(choice);
    this.#busy = false;
    if (this.el.isConnected) {
      button.disabled = false;
      button.textContent = label;
    }
    return error;
  }
}
