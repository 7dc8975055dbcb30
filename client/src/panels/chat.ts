import "./chat.css";
import type { Channel } from "../../../shared/rules/state.ts";
import { TUNING } from "../../../shared/rules/tuning.ts";
import type { PlayerView } from "../../../shared/rules/view.ts";
import { NATION_NAMES, PHASE_NAMES, type Nation } from "../../../shared/rules/vocabulary.ts";
import { h, replaceChildren } from "../dom.ts";
import { channelPartner, channelsOf, channelTitle, messagesIn } from "../store/selectors.ts";
import { emblemSvg } from "../theme.ts";
import type { PanelContext } from "./context.ts";

const TALL_KEY = "trilateral:chat-tall";

/** The table channel and your two bilateral channels, as tabs with unread counts. History comes from the view. */
export class ChatPanel {
  readonly el: HTMLElement;
  #tabs = h("div", { class: "chat-tabs", role: "tablist", "aria-label": "Chat channels" });
  #log = h("ol", { class: "chat-log", id: "chat-log", tabindex: 0, "aria-label": "Messages" });
  #privacy = h("p", { class: "chat-privacy visually-hidden", id: "chat-privacy" });
  #input: HTMLInputElement;
  #send: HTMLButtonElement;
  #active: Channel = "table";
  #drafts = new Map<Channel, string>();
  #seen = new Map<Channel, number>();
  #key = "";
  #code: string | null = null;
  #view: PlayerView | null = null;
  #tall: HTMLButtonElement;

  readonly ctx: PanelContext;

  constructor(ctx: PanelContext) {
    this.ctx = ctx;
    this.#input = h("input", {
      type: "text",
      id: "chat-input",
      class: "chat-input",
      maxlength: TUNING.chat.maxLength,
      autocomplete: "off",
      placeholder: "Write a message…",
    });
    this.#input.addEventListener("input", () => this.#drafts.set(this.#active, this.#input.value));
    this.#send = h("button", { type: "submit", class: "btn btn-primary" }, "Send");
    const form = h(
      "form",
      { class: "chat-form", onsubmit: (e: Event) => (e.preventDefault(), void this.#submit()) },
      h("label", { for: "chat-input", class: "visually-hidden", id: "chat-input-label" }, "Message"),
      this.#input,
      this.#send,
    );
    this.#tall = h("button", { type: "button", class: "btn chat-size", "aria-pressed": "false", onclick: () => this.setTall(!this.isTall) }, "Taller chat");
    form.append(this.#tall);
    const panel = h("div", { class: "chat-panel", role: "tabpanel", id: "chat-tabpanel" }, this.#log, this.#privacy, form);
    this.el = h("section", { class: "chat", "aria-labelledby": "chat-heading" }, h("h2", { id: "chat-heading", class: "visually-hidden" }, "Chat"), this.#tabs, panel);
  }

  get isTall(): boolean {
    return this.#tall.getAttribute("aria-pressed") === "true";
  }

  /**
   * A long negotiation reads better with more lines: the chat grows to about half the screen and the
   * table is drawn smaller above it (the screen's `data-chat` attribute; the choice is remembered).
   */
  setTall(tall: boolean, remember = true): void {
    this.#tall.setAttribute("aria-pressed", String(tall));
    this.#tall.textContent = tall ? "Shorter chat" : "Taller chat";
    const screen = this.el.closest<HTMLElement>(".game-screen");
    if (screen) screen.dataset.chat = tall ? "tall" : "normal";
    if (remember) {
      try {
        localStorage.setItem(TALL_KEY, tall ? "1" : "0");
      } catch {
        // private mode: not remembered
      }
    }
    // The canvas scales to its frame on a window resize (and the sleeping loop wakes for it).
    window.dispatchEvent(new Event("resize"));
    if (this.#log.lastElementChild) this.#log.scrollTop = this.#log.scrollHeight;
  }

  /** Once the panel is on the page: the size this browser chose last time. */
  restoreSize(): void {
    let tall = false;
    try {
      tall = localStorage.getItem(TALL_KEY) === "1";
    } catch {
      // private mode
    }
    if (tall) this.setTall(true, false);
  }

  async #submit(): Promise<void> {
    const text = this.#input.value.trim();
    if (!text) return;
    const channel = this.#active;
    // Clear at once, so a fast typist can write the next line; a refused message comes back to the input.
    this.#input.value = "";
    this.#drafts.delete(channel);
    const ok = await this.ctx.act({ type: "say", channel, text });
    if (!ok) {
      if (this.#active === channel && this.#input.value === "") this.#input.value = text;
      else if (!this.#drafts.get(channel)) this.#drafts.set(channel, text);
    }
  }

  #storageKey(): string {
    return `trilateral:chat-seen:${this.#code}`;
  }

  #loadSeen(code: string | null): void {
    this.#code = code;
    this.#seen.clear();
    try {
      const raw = sessionStorage.getItem(this.#storageKey());
      if (raw) for (const [k, v] of Object.entries(JSON.parse(raw) as Record<string, number>)) this.#seen.set(k as Channel, v);
    } catch {
      // nothing remembered
    }
  }

  #saveSeen(): void {
    try {
      sessionStorage.setItem(this.#storageKey(), JSON.stringify(Object.fromEntries(this.#seen)));
    } catch {
      // private mode
    }
  }

  /** Switch channel (also used by the test hook and keyboard arrows). */
  select(channel: Channel, focusTab = false): void {
    this.#drafts.set(this.#active, this.#input.value);
    this.#active = channel;
    this.#input.value = this.#drafts.get(channel) ?? "";
    this.#key = "";
    if (this.#view) this.update(this.#view, this.#code);
    if (focusTab) this.#tabs.querySelector<HTMLElement>(`[data-channel="${channel}"]`)?.focus();
  }

  update(view: PlayerView, code: string | null): void {
    const seat = view.seat;
    if (!seat) return;
    if (code !== this.#code) this.#loadSeen(code);
    const previous = this.#view;
    this.#view = view;
    const channels = channelsOf(seat);
    const messages = messagesIn(view, this.#active);
    const lastId = messages.at(-1)?.id ?? 0;
    if ((this.#seen.get(this.#active) ?? 0) < lastId) {
      this.#seen.set(this.#active, lastId);
      this.#saveSeen();
    }
    // Announce private messages that arrive on a channel you are not looking at.
    if (previous) {
      // Message ids are numbered within their channel: key them by channel too.
      const before = new Set(previous.messages.map((m) => `${m.channel}:${m.id}`));
      for (const m of view.messages) {
        if (!before.has(`${m.channel}:${m.id}`) && m.from !== seat && m.channel !== this.#active) {
          this.ctx.announce(`New message from ${NATION_NAMES[m.from]} in the ${channelTitle(m.channel, seat)} channel.`);
        }
      }
    }
    const unread = (c: Channel) => view.messages.filter((m) => m.channel === c && m.from !== seat && m.id > (this.#seen.get(c) ?? 0)).length;
    const key = JSON.stringify([this.#active, view.messages.length, channels.map(unread), view.phase]);
    if (key === this.#key) return;
    this.#key = key;

    replaceChildren(
      this.#tabs,
      channels.map((c, i) => {
        const partner = channelPartner(c, seat);
        const n = unread(c);
        const selected = c === this.#active;
        return h(
          "button",
          {
            type: "button",
            role: "tab",
            class: `chat-tab${selected ? " is-active" : ""}`,
            "data-channel": c,
            "data-focus": `tab-${c}`,
            "aria-selected": selected ? "true" : "false",
            "aria-controls": "chat-tabpanel",
            tabindex: selected ? 0 : -1,
            onclick: () => this.select(c),
            onkeydown: (ev: Event) => {
              const e = ev as KeyboardEvent;
              if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
              e.preventDefault();
              const next = channels[(i + (e.key === "ArrowRight" ? 1 : channels.length - 1)) % channels.length]!;
              this.select(next, true);
            },
          },
          partner ? emblemSvg(partner, 14) : h("span", { class: "tab-icon", "aria-hidden": "true" }, "◎"),
          h("span", {}, partner ? `${NATION_NAMES[partner]}` : "Whole table"),
          partner ? h("span", { class: "tab-private" }, "private") : null,
          n > 0 ? h("span", { class: "unread", "aria-label": `${n} unread` }, String(n)) : null,
        );
      }),
    );
    const partner = channelPartner(this.#active, seat);
    this.#privacy.textContent = partner
      ? `Private: only you and ${NATION_NAMES[partner]} see this channel.`
      : "Everyone at the table sees this channel.";
    const label = partner ? `Message to ${NATION_NAMES[partner]} (private)` : "Message to the whole table";
    this.#input.setAttribute("aria-label", label);
    this.#input.placeholder = partner ? `Private to ${NATION_NAMES[partner]}: only you two see it…` : "Write to the whole table (everyone sees it)…";
    this.#input.setAttribute("aria-describedby", "chat-privacy");
    const atBottom = this.#log.scrollHeight - this.#log.scrollTop - this.#log.clientHeight < 40;
    replaceChildren(
      this.#log,
      messages.length === 0
        ? [h("li", { class: "chat-empty" }, partner ? `No messages with ${NATION_NAMES[partner]} yet.` : "No messages yet. Say hello to the table.")]
        : messages.map((m) =>
            h(
              "li",
              { class: `chat-msg${m.from === seat ? " is-mine" : ""}` },
              h("span", { class: "chat-from" }, emblemSvg(m.from as Nation, 13), m.from === seat ? "You" : NATION_NAMES[m.from]),
              h("span", { class: "chat-when" }, `R${m.round} · ${PHASE_NAMES[m.phase]}`),
              h("span", { class: "chat-text" }, m.text),
            ),
          ),
    );
    if (atBottom || messages.at(-1)?.from === seat) this.#log.scrollTop = this.#log.scrollHeight;
    this.#input.disabled = view.phase === "ended";
    this.#send.disabled = view.phase === "ended";
  }
}
