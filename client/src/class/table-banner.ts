import { h, replaceChildren } from "../dom.ts";
import type { AppState, AppStore } from "../store/store.ts";
import "./table-banner.css";

/**
 * What the instructor does to a table, as students see it at that table: "Paused by the
 * instructor" while the view says paused, and the latest broadcast until dismissed. Both come
 * from the view (the engine's `paused` and `broadcasts`), so a refresh shows them again.
 */
export class InstructorBanner {
  readonly el = h("div", { class: "instructor-banner", role: "status", "aria-live": "polite", hidden: true });
  #dismissed = 0;
  #key = "";

  constructor(store: AppStore) {
    store.subscribe((s) => this.#update(s));
    this.#update(store.get());
  }

  #update(state: AppState): void {
    const view = state.route === "table" ? state.view : null;
    const paused = !!view?.paused && view.phase !== "ended";
    const last = view?.broadcasts?.at(-1) ?? null;
    const message = last && last.id > this.#dismissed ? last : null;
    const key = JSON.stringify([paused, message?.id ?? null]);
    if (key === this.#key) return;
    this.#key = key;
    this.el.hidden = !paused && !message;
    replaceChildren(this.el, [
      paused ? h("p", { class: "ib-paused" }, h("span", { "aria-hidden": "true" }, "⏸ "), h("strong", {}, "Paused by the instructor."), " The clock has stopped; chat stays open.") : null,
      message
        ? h(
            "p",
            { class: "ib-message" },
            h("strong", {}, "From your instructor: "),
            h("span", { class: "ib-text" }, message.text),
            h("button", { type: "button", class: "btn btn-small btn-quiet", "aria-label": "Dismiss the instructor's message", onclick: () => ((this.#dismissed = message.id), this.#update(state)) }, "OK"),
          )
        : null,
    ]);
  }
}
