import { h } from "../dom.ts";

export type MobileTab = "act" | "chat" | "agenda" | "table";

const TABS: { id: MobileTab; label: string }[] = [
  { id: "act", label: "Act" },
  { id: "chat", label: "Chat" },
  { id: "agenda", label: "Agenda" },
  { id: "table", label: "Table" },
];

/**
 * On a phone the panels below the table are tabs (CSS shows them only under 700 px): your action
 * panel, the chat, your secret agenda, and the table in words. A dot marks a tab with news.
 */
export class MobileTabs {
  readonly el = h("nav", { class: "mobile-tabs", role: "tablist", "aria-label": "Panels" });
  #current: MobileTab = "act";
  #host: HTMLElement | null = null;

  constructor() {
    this.el.append(
      ...TABS.map((t) =>
        h(
          "button",
          { type: "button", role: "tab", class: "mobile-tab", "data-tab": t.id, "aria-selected": t.id === this.#current ? "true" : "false", onclick: () => this.select(t.id) },
          t.label,
        ),
      ),
    );
  }

  /** The screen whose data-tab attribute the CSS reads. */
  attach(host: HTMLElement): void {
    this.#host = host;
    host.dataset.tab = this.#current;
  }

  get current(): MobileTab {
    return this.#current;
  }

  select(tab: MobileTab): void {
    this.#current = tab;
    if (this.#host) this.#host.dataset.tab = tab;
    for (const b of this.el.querySelectorAll<HTMLButtonElement>(".mobile-tab")) {
      const on = b.dataset.tab === tab;
      b.setAttribute("aria-selected", on ? "true" : "false");
      if (on) b.textContent = TABS.find((t) => t.id === tab)!.label;
    }
  }

  /** Something new in a tab the student is not looking at (a new phase, a message). */
  flag(tab: MobileTab): void {
    if (tab === this.#current) return;
    const b = this.el.querySelector<HTMLButtonElement>(`.mobile-tab[data-tab="${tab}"]`);
    if (b) b.textContent = `${TABS.find((t) => t.id === tab)!.label} •`;
  }
}
