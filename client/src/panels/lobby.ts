import "./lobby.css";
import { NATION_NAMES, NATIONS, STANCE_NAMES, type StanceId } from "../../../shared/rules/vocabulary.ts";
import { h, replaceChildren } from "../dom.ts";
import type { AppState } from "../store/store.ts";
import { emblemSvg } from "../theme.ts";

/** The waiting room after creating or joining: a big code to project, and who has sat down. */
export class LobbyScreen {
  readonly el: HTMLElement;
  #body = h("div", { class: "lobby-body" });
  #key = "";

  readonly onLeave: () => void;

  constructor(onLeave: () => void) {
    this.onLeave = onLeave;
    this.el = h("main", { id: "main", class: "lobby", tabindex: -1 }, this.#body);
  }

  update(state: AppState): void {
    const code = state.presence?.code || state.code || "";
    const seats = state.presence?.seats ?? [];
    const me = state.seat?.nation ?? null;
    const key = JSON.stringify([code, seats, me, state.presence?.started, state.view?.rounds, state.presence?.deadline]);
    if (key === this.#key) return;
    this.#key = key;
    const link = `${location.origin}/?table=${code}`;
    const filled = seats.filter((s) => s.occupied).length;
    const copy = h(
      "button",
      {
        type: "button",
        class: "btn",
        onclick: async (e: Event) => {
          const button = e.currentTarget as HTMLButtonElement;
          try {
            await navigator.clipboard.writeText(link);
            button.textContent = "Link copied";
          } catch {
            button.textContent = "Copy failed: select the link";
          }
        },
      },
      "Copy join link",
    );
    replaceChildren(this.#body, [
      h("h1", { class: "lobby-title" }, state.presence?.started ? "Everyone is here" : "Waiting for the other seats"),
      h("p", { class: "eyebrow" }, "Table code"),
      h(
        "p",
        { class: "big-code", role: "img", "aria-label": `Table code ${code.split("").join(" ")}` },
        code.split("").map((ch) => h("span", { "aria-hidden": "true" }, ch)),
      ),
      h(
        "p",
        { class: "lobby-share" },
        "Classmates open ",
        h("strong", {}, location.host),
        ", choose ",
        h("strong", {}, "Join a table"),
        " and type this code.",
      ),
      h("p", { class: "lobby-link" }, h("code", {}, link), " ", copy),
      h(
        "ul",
        { class: "lobby-seats", "aria-label": "Seats" },
        NATIONS.map((n) => {
          const s = seats.find((x) => x.nation === n);
          const who = !s || !s.occupied ? "Waiting for a player…" : s.bot ? `Bot · ${STANCE_NAMES[s.stance as StanceId] ?? s.stance}` : s.name || "A student";
          const status = !s || !s.occupied ? "open" : s.bot ? "bot" : s.connected ? "here" : "away";
          return h(
            "li",
            { class: `lobby-seat nation-${n} is-${status}` },
            emblemSvg(n, 44),
            h("span", { class: "lobby-seat-nation" }, NATION_NAMES[n], me === n ? h("span", { class: "you-tag" }, "You") : null),
            h("span", { class: "lobby-seat-who" }, who),
            h("span", { class: "lobby-seat-status" }, status === "open" ? "Seat open" : status === "bot" ? "Ready" : status === "here" ? "Connected" : "Reconnecting"),
          );
        }),
      ),
      h(
        "p",
        { class: "lobby-status", role: "status" },
        state.presence?.started
          ? "Everyone is here. Dealing the first card…"
          : `${filled} of 3 seats filled. The game starts as soon as all three are taken.`,
      ),
      h(
        "p",
        { class: "lobby-settings" },
        state.view?.rounds ? `${state.view.rounds} rounds` : "",
      ),
      h("button", { type: "button", class: "btn btn-quiet", onclick: () => this.onLeave() }, "Leave this table"),
    ]);
  }
}
