import type { ClassLobbyMessage, ConsoleTable, TableControl } from "../../../../shared/protocol/class-messages.ts";
import type { PlayerView } from "../../../../shared/rules/view.ts";
import { h, replaceChildren } from "../../dom.ts";
import type { ClassLink } from "../class-link.ts";
import { openInstructor } from "../instructor-session.ts";
import { copyButton, pageHeader } from "../page.ts";
import { replyText } from "../replies.ts";
import { instructorTokens, projectorUrl, reopenUrl } from "../routes.ts";
import { injectableCards } from "./cards.ts";
import { confirmButton, controlBar, type ControlTarget } from "./controls.ts";
import { tableDetail } from "./detail.ts";
import { applyConsoleMessage, arrangeTables, classCounts, FILTER_NAMES, FILTERS, SORT_NAMES, SORTS, type FilterKey, type SortKey, type TrackedTable } from "./model.ts";
import { TableWatch } from "./table-watch.ts";
import { tableTile } from "./tile.ts";
import "./console.css";

/** The instructor's console: every table at a glance, one open beside the grid, controls on one, some or all. */
export class ConsolePage {
  readonly el: HTMLElement;
  #link: ClassLink | null = null;
  #lobby: ClassLobbyMessage | null = null;
  #tables = new Map<string, TrackedTable>();
  #sort: SortKey = "attention";
  #filter: FilterKey = "all";
  #scope: "all" | "selected" = "all";
  #selected = new Set<string>();
  #open: string | null = null;
  #watch: TableWatch | null = null;
  #openView: PlayerView | null = null;
  #grid = h("ul", { class: "console-grid", "aria-label": "Tables" });
  #detail = h("section", { class: "console-detail", id: "table-detail", "aria-labelledby": "detail-title", hidden: true });
  #summary = h("p", { class: "console-summary" });
  #answer = h("p", { class: "console-answer", role: "status", "aria-live": "polite" });
  #conn = h("span", { class: "console-conn", role: "status" });
  #scopeWords = h("span", { class: "scope-words" });
  #keyHost = h("div", { class: "key-host", hidden: true });
  #detailControls: HTMLElement;
  #detailKey: [ConsoleTable | null, PlayerView | null] = [null, null];
  #timer: ReturnType<typeof setInterval>;

  readonly code: string;

  constructor(code: string) {
    this.code = code;
    const token = instructorTokens.load(code);
    const reopen = h(
      "details",
      { class: "console-reopen" },
      h("summary", {}, "Reopen on another device"),
      h("p", { class: "hint" }, "A private link that opens this console with your key. Do not project it."),
      h("p", {}, h("code", {}, token ? reopenUrl(code, token) : "")),
      token ? copyButton(reopenUrl(code, token), "Copy private link") : null,
    );
    const bar = controlBar({
      target: () => this.#target(),
      send: (tables, control) => this.#control(tables, control),
      cards: () => injectableCards(this.#openView?.upcoming ?? null),
      say: (text, ok) => this.#say(text, ok),
    });
    this.#detailControls = controlBar({
      target: () => (this.#open ? { tables: [this.#open], words: `table ${this.#open}` } : null),
      send: (tables, control) => this.#control(tables, control),
      cards: () => injectableCards(this.#openView?.upcoming ?? null),
      say: (text, ok) => this.#say(text, ok),
      compact: true,
    });
    const select = <T extends string>(id: string, label: string, values: readonly T[], names: Record<T, string>, get: () => T, set: (v: T) => void) =>
      h(
        "div",
        { class: "console-pick" },
        h("label", { for: id }, label),
        h("select", { id, onchange: (e: Event) => (set((e.target as HTMLSelectElement).value as T), this.#render()) }, values.map((v) => h("option", { value: v, selected: v === get() }, names[v]))),
      );
    this.el = h(
      "main",
      { id: "main", class: "class-page console", tabindex: -1 },
      pageHeader(
        "Console",
        this.#summary,
        this.#conn,
        h("a", { class: "btn btn-small", href: projectorUrl(code) }, "Projector page"),
        h("a", { class: "btn btn-small", href: "#", onclick: (e: Event) => this.#openDebrief(e, [...this.#tables.keys()]) }, "Debrief: compare tables"),
        reopen,
        confirmButton("End class", () => "Click again to end every table and the class", () => void this.#endClass(), "btn btn-small btn-reject"),
      ),
      h(
        "div",
        { class: "console-tools" },
        select("console-sort", "Sort", SORTS, SORT_NAMES, () => this.#sort, (v) => (this.#sort = v)),
        select("console-filter", "Show", FILTERS, FILTER_NAMES, () => this.#filter, (v) => (this.#filter = v)),
        h(
          "fieldset",
          { class: "console-scope" },
          h("legend", {}, "Controls act on"),
          h("label", {}, h("input", { type: "radio", name: "scope", checked: true, onchange: () => ((this.#scope = "all"), this.#render()) }), "every table"),
          h("label", {}, h("input", { type: "radio", name: "scope", onchange: () => ((this.#scope = "selected"), this.#render()) }), "selected tables ", this.#scopeWords),
        ),
        bar,
      ),
      this.#answer,
      h("div", { class: "console-main" }, this.#grid, this.#detail),
      this.#keyHost,
    );
    this.#timer = setInterval(() => this.#render(), 1000);
    this.#render();
    void this.#connect();
  }

  async #connect(): Promise<void> {
    this.#link = await openInstructor(this.code, this.#keyHost, {
      lobby: (m) => ((this.#lobby = m), this.#render()),
      console: (m) => ((this.#tables = applyConsoleMessage(this.#tables, m)), this.#render()),
      status: (s, detail) => (this.#conn.textContent = s === "online" ? "" : s === "reconnecting" ? "Connection lost — reconnecting…" : `Disconnected. ${detail ?? ""}`),
      notice: (m) => this.#say(m.text, m.level !== "error"),
    });
  }

  #target(): ControlTarget | null {
    if (this.#scope === "all") return { tables: "all", words: "every table" };
    const codes = [...this.#selected].filter((c) => this.#tables.has(c));
    if (codes.length === 0) return null;
    return { tables: codes, words: codes.length === 1 ? `table ${codes[0]}` : `${codes.length} selected tables` };
  }

  #control(tables: "all" | string[], control: TableControl) {
    if (!this.#link) return Promise.resolve({ ok: false as const, code: "OFFLINE" as const, message: "Not connected to the class yet." });
    return this.#link.instruct({ action: "control", tables, control });
  }

  #say(text: string, ok: boolean): void {
    this.#answer.textContent = text;
    this.#answer.classList.toggle("is-refused", !ok);
  }

  async #endClass(): Promise<void> {
    if (!this.#link) return;
    const reply = await this.#link.instruct({ action: "endClass" });
    this.#say(replyText(reply, "The class has ended: every table is closed and scored as of now."), reply.ok);
  }

  async #openTable(code: string): Promise<void> {
    if (this.#open === code) return this.#closeTable();
    await this.#closeTable(false);
    this.#open = code;
    this.#render();
    this.#detail.querySelector<HTMLElement>("#detail-title")?.focus();
    const link = this.#link;
    if (!link) return;
    const reply = await link.instruct({ action: "openTable", table: code });
    if (this.#open !== code) return;
    if (!reply.ok || !reply.reservation) return this.#say(reply.ok ? "The table did not let the console in." : reply.message, false);
    const watch = new TableWatch((view) => {
      if (this.#watch !== watch) return;
      this.#openView = view;
      this.#renderDetail();
    });
    this.#watch = watch;
    try {
      await watch.open(link.client, reply.reservation);
    } catch (e) {
      this.#say(`Could not open table ${code}: ${e instanceof Error ? e.message : String(e)}`, false);
    }
  }

  async #closeTable(render = true): Promise<void> {
    const watch = this.#watch;
    const was = this.#open;
    this.#watch = null;
    this.#open = null;
    this.#openView = null;
    if (render) {
      this.#render();
      if (was) this.#grid.querySelector<HTMLElement>(`[data-table="${was}"] .tile-open`)?.focus();
    }
    await watch?.close();
  }

  async #readmit(studentId: string, name: string): Promise<void> {
    if (!this.#link) return;
    const reply = await this.#link.instruct({ action: "readmit", studentId });
    this.#say(replyText(reply, `${name} can come back: they join the class again with the same name and return to this seat.`), reply.ok);
  }

  #renderDetail(): void {
    const table = this.#open ? this.#tables.get(this.#open) : undefined;
    this.#detail.hidden = !table;
    this.el.classList.toggle("has-detail", !!table);
    if (!table) {
      this.#detailKey = [null, null];
      return replaceChildren(this.#detail, []);
    }
    if (this.#detailKey[0] === table && this.#detailKey[1] === this.#openView) return;
    this.#detailKey = [table, this.#openView];
    const factsOpen = this.#detail.querySelector<HTMLDetailsElement>(".detail-facts")?.open ?? false;
    const scroll = this.#detail.querySelector(".detail-chat-log");
    const atBottom = !scroll || scroll.scrollTop + scroll.clientHeight >= scroll.scrollHeight - 4;
    this.#detailControls.remove();
    replaceChildren(this.#detail, tableDetail(table, this.#openView, this.#detailControls, { readmit: (id, name) => void this.#readmit(id, name), close: () => void this.#closeTable() }));
    const facts = this.#detail.querySelector<HTMLDetailsElement>(".detail-facts");
    if (facts) facts.open = factsOpen;
    const log = this.#detail.querySelector(".detail-chat-log");
    if (log && atBottom) log.scrollTop = log.scrollHeight;
  }

  /** The class debrief of these tables, opened with this class's instructor token (the debrief page keeps it for its tab only). */
  #openDebrief(e: Event, codes: string[]): void {
    e.preventDefault();
    const token = instructorTokens.load(this.code);
    if (codes.length === 0 || !token) return;
    const url = codes.length === 1 ? `/debrief/${codes[0]}` : `/debrief/compare?tables=${codes.join(",")}`;
    window.open(`${url}${url.includes("?") ? "&" : "?"}key=${encodeURIComponent(token)}`, "_blank", "noopener");
  }

  #render(): void {
    if (!this.el.isConnected && this.#link) {
      clearInterval(this.#timer);
      return;
    }
    const now = Date.now();
    const counts = classCounts(this.#tables.values());
    const title = this.#lobby ? `${this.#lobby.title} · ${this.code}` : this.code;
    this.#summary.textContent = `${title} · ${counts.total} table${counts.total === 1 ? "" : "s"} · ${counts.attention} need${counts.attention === 1 ? "s" : ""} attention${counts.paused ? ` · ${counts.paused} paused` : ""}${counts.ended ? ` · ${counts.ended} ended` : ""}${this.#lobby ? ` · ${this.#lobby.students} students` : ""}`;
    this.#scopeWords.textContent = `(${this.#selected.size})`;
    const list = arrangeTables(this.#tables.values(), this.#sort, this.#filter);
    replaceChildren(
      this.#grid,
      list.length === 0
        ? [h("li", { class: "console-empty" }, this.#tables.size === 0 ? (this.#lobby?.status === "lobby" ? "No tables yet: press Start on the projector page once the students have joined." : "Waiting for the tables…") : "No table matches this filter.")]
        : list.map((t) => {
            const tile = tableTile(t, now, {
              selected: this.#selected.has(t.code),
              open: this.#open === t.code,
              onOpen: () => void this.#openTable(t.code),
              onSelect: (on) => {
                if (on) this.#selected.add(t.code);
                else this.#selected.delete(t.code);
                this.#scopeWords.textContent = `(${this.#selected.size})`;
              },
            });
            tile.querySelector(".tile-open")?.setAttribute("data-focus", `open-${t.code}`);
            tile.querySelector(".tile-select")?.setAttribute("data-focus", `sel-${t.code}`);
            return tile;
          }),
    );
    this.#renderDetail();
  }
}
