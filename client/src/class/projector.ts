import type { ClassLobbyMessage, InstructorReply, RosterEntry } from "../../../shared/protocol/class-messages.ts";
import { h, replaceChildren } from "../dom.ts";
import type { ClassLink } from "./class-link.ts";
import { openInstructor } from "./instructor-session.ts";
import { bigCode } from "./page.ts";
import { qrSvg } from "./qr.ts";
import { consoleUrl, joinUrl } from "./routes.ts";
import { replyText } from "./replies.ts";
import "./projector.css";

/**
 * The wall page: the class code in letters readable from the back row, the QR code of the join
 * address, who has joined (the instructor can remove a name), and Start.
 */
export class ProjectorPage {
  readonly el: HTMLElement;
  #link: ClassLink | null = null;
  #lobby: ClassLobbyMessage | null = null;
  #roster: RosterEntry[] = [];
  #names = h("ul", { class: "proj-names", "aria-label": "Students who joined" });
  #removed = h("div", { class: "proj-removed" });
  #count = h("p", { class: "proj-count", "aria-live": "polite" });
  #start = h("button", { type: "button", class: "btn btn-primary proj-start", disabled: true, onclick: () => void this.#onStart() }, "Start");
  #status = h("p", { class: "proj-status", role: "status" });
  #keyHost = h("div", { class: "key-host", hidden: true });
  #conn = h("p", { class: "proj-conn", role: "status" });

  readonly code: string;

  constructor(code: string) {
    this.code = code;
    const url = joinUrl(code);
    const shown = url.replace(/^https?:\/\//, "");
    this.el = h(
      "main",
      { id: "main", class: "projector", tabindex: -1 },
      h(
        "section",
        { class: "proj-join", "aria-label": "How to join" },
        h("p", { class: "proj-how" }, "Join at ", h("strong", { class: "proj-url" }, shown)),
        h("p", { class: "proj-how-code" }, "with the class code"),
        bigCode(code, "proj-code"),
        h("figure", { class: "proj-qr" }, qrSvg(url, `QR code of ${shown}`), h("figcaption", {}, "or scan this with your phone's camera")),
      ),
      h(
        "section",
        { class: "proj-roster", "aria-label": "Who has joined" },
        h("div", { class: "proj-top" }, this.#count, h("div", { class: "proj-actions" }, this.#start, h("a", { class: "btn", href: consoleUrl(code) }, "Open the console"))),
        this.#status,
        this.#names,
        this.#removed,
        this.#conn,
      ),
      this.#keyHost,
    );
    this.#render();
    void this.#connect();
  }

  async #connect(): Promise<void> {
    this.#link = await openInstructor(this.code, this.#keyHost, {
      lobby: (m) => ((this.#lobby = m), this.#render()),
      roster: (m) => ((this.#roster = m.students), this.#render()),
      status: (s, detail) => (this.#conn.textContent = s === "online" ? "" : s === "reconnecting" ? "Connection lost — reconnecting…" : `Disconnected from the class. ${detail ?? ""}`),
      notice: (m) => (this.#status.textContent = m.text),
    });
    this.#render();
  }

  async #onStart(): Promise<void> {
    if (!this.#link) return;
    this.#start.disabled = true;
    this.#status.textContent = "Seating the students…";
    this.#say(await this.#link.instruct({ action: "start" }), "Everyone is seated. The tables have started.");
    this.#render();
  }

  async #remove(student: RosterEntry): Promise<void> {
    if (!this.#link) return;
    this.#say(await this.#link.instruct({ action: "remove", studentId: student.id }), `${student.name} was removed.`);
  }

  async #readmit(student: RosterEntry): Promise<void> {
    if (!this.#link) return;
    this.#say(await this.#link.instruct({ action: "readmit", studentId: student.id }), `${student.name} may join again with the same name.`);
  }

  #say(reply: InstructorReply, done: string): void {
    this.#status.textContent = replyText(reply, done);
  }

  #render(): void {
    const lobby = this.#lobby;
    const present = this.#roster.filter((s) => s.status !== "removed");
    const removed = this.#roster.filter((s) => s.status === "removed");
    const n = lobby?.students ?? present.length;
    const running = lobby?.status === "running";
    this.#count.textContent =
      lobby?.status === "ended"
        ? "The class has ended."
        : `${n} student${n === 1 ? "" : "s"} joined${running ? ` · ${lobby?.tables ?? 0} tables playing` : ""}`;
    this.#start.hidden = running || lobby?.status === "ended";
    this.#start.disabled = !this.#link || n === 0 || lobby?.status !== "lobby";
    replaceChildren(
      this.#names,
      present.map((s) =>
        h(
          "li",
          { class: `proj-name${s.connected ? "" : " is-away"}` },
          h("span", { class: "proj-name-text" }, s.name),
          s.table ? h("span", { class: "proj-name-table" }, s.table) : null,
          h("button", { type: "button", class: "proj-remove", "aria-label": `Remove ${s.name}`, title: `Remove ${s.name}`, onclick: () => void this.#remove(s) }, "×"),
        ),
      ),
    );
    replaceChildren(
      this.#removed,
      removed.length === 0
        ? []
        : [
            h("h2", {}, "Removed"),
            h(
              "ul",
              {},
              removed.map((s) =>
                h("li", {}, h("s", {}, s.name), " ", s.readmitted ? h("span", { class: "hint" }, "may join again") : h("button", { type: "button", class: "btn btn-small", onclick: () => void this.#readmit(s) }, `Let ${s.name} back in`)),
              ),
            ),
          ],
    );
  }
}
