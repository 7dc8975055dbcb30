import "./status.css";
import { h, replaceChildren } from "../dom.ts";
import { dismissToast, type AppState, type AppStore } from "../store/store.ts";

/** The connection banner (reconnecting, lost) and the toasts (rejected actions, notices). */
export class StatusLayer {
  readonly banner = h("div", { class: "conn-banner", role: "status", "aria-live": "polite", hidden: true });
  readonly toasts = h("div", { class: "toasts", role: "region", "aria-label": "Messages" });
  #key = "";
  #toastKey = "";

  readonly store: AppStore;
  readonly onRejoin: () => void;

  constructor(store: AppStore, onRejoin: () => void) {
    this.store = store;
    this.onRejoin = onRejoin;
  }

  update(state: AppState): void {
    const key = `${state.route}:${state.status}:${state.statusDetail}`;
    if (key !== this.#key) {
      this.#key = key;
      const show = state.route === "table" && (state.status === "reconnecting" || state.status === "lost");
      this.banner.hidden = !show;
      this.banner.className = `conn-banner is-${state.status}`;
      if (state.status === "reconnecting") {
        replaceChildren(this.banner, [
          h("span", { class: "spinner", "aria-hidden": "true" }),
          h("strong", {}, "Connection lost — reconnecting…"),
          h("span", {}, " Your seat is kept for you. Anything you do will be sent when you are back."),
        ]);
      } else if (state.status === "lost") {
        replaceChildren(this.banner, [
          h("strong", {}, "Disconnected from the table."),
          h("span", {}, ` ${state.statusDetail || "The connection could not be restored."} `),
          h("button", { type: "button", class: "btn btn-small", onclick: () => this.onRejoin() }, "Return to my seat"),
        ]);
      } else {
        this.banner.replaceChildren();
      }
    }
    const toastKey = state.toasts.map((t) => t.id).join(",");
    if (toastKey !== this.#toastKey) {
      this.#toastKey = toastKey;
      replaceChildren(
        this.toasts,
        state.toasts.map((t) =>
          h(
            "div",
            { class: `toast toast-${t.level}`, role: t.level === "error" ? "alert" : "status" },
            h("span", { class: "toast-icon", "aria-hidden": "true" }, t.level === "error" ? "✗" : t.level === "warning" ? "!" : "i"),
            h("span", { class: "toast-text" }, t.text),
            h("button", { type: "button", class: "toast-close", "aria-label": "Dismiss", onclick: () => dismissToast(this.store, t.id) }, "×"),
          ),
        ),
      );
    }
  }
}
