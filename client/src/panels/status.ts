import "./status.css";
import { h, replaceChildren } from "../dom.ts";
import "./status.css";
import { bannerLines, dismissRefused, refusedText, waitingList } from "../store/outbox.ts";
import { dismissToast, type AppState, type AppStore } from "../store/store.ts";

/** The connection banner (reconnecting, lost, actions waiting or refused after a reconnect) and the toasts. */
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
    const lines = state.route === "table" ? bannerLines(state) : null;
    const refused = state.route === "table" ? state.refused : [];
    const key = JSON.stringify([lines, state.status, waitingList(state.outbox), refused.map((r) => r.actionId)]);
    if (key !== this.#key) {
      this.#key = key;
      this.banner.hidden = !lines && refused.length === 0;
      this.banner.className = `conn-banner is-${state.status}${lines ? "" : " is-report"}`;
      const waiting = state.outbox.length;
      replaceChildren(this.banner, [
        ...(lines
          ? [
              state.status === "reconnecting" || (state.status === "online" && waiting > 0) ? h("span", { class: "spinner", "aria-hidden": "true" }) : null,
              h("strong", {}, lines.title),
              h("span", {}, ` ${lines.detail} `),
              waiting > 0 ? h("span", { class: "conn-waiting", "data-waiting": String(waiting) }, waitingList(state.outbox)) : null,
              state.status === "lost" ? h("button", { type: "button", class: "btn btn-small", onclick: () => this.onRejoin() }, "Return to my seat") : null,
            ]
          : []),
        ...(refused.length > 0
          ? [
              h(
                "ul",
                { class: "conn-refused" },
                refused.map((r) => h("li", { class: "conn-refused-item" }, h("span", { "aria-hidden": "true" }, "✗ "), refusedText(r))),
              ),
              h("button", { type: "button", class: "btn btn-small", onclick: () => dismissRefused(this.store) }, "Dismiss"),
            ]
          : []),
      ]);
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
