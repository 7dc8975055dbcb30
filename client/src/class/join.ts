import { ClassCodeSchema, StudentNameSchema, type ClassLobbyMessage, type ClassPublicInfo, type ClassSeatMessage, type ClassYouMessage } from "../../../shared/protocol/class-messages.ts";
import { NATION_NAMES, NATIONS, type Nation } from "../../../shared/rules/vocabulary.ts";
import { h, replaceChildren } from "../dom.ts";
import { errorBox } from "../panels/landing-fields.ts";
import { loadName, saveName } from "../net/session.ts";
import { emblemSvg } from "../theme.ts";
import { fetchClassInfo } from "./api.ts";
import { classLobby } from "./lobby.ts";
import { pageHeader } from "./page.ts";
import { rejoinTokens } from "./routes.ts";
import "./join.css";

export interface JoinPageHooks {
  /** The class room seated this student: open the table (the existing table screen takes over). */
  seated(seat: ClassSeatMessage): void;
}

/**
 * A student's page for a class: the name form (by URL or typed code), then the class lobby
 * until the instructor starts. A refresh rejoins with the rejoin token kept in localStorage.
 */
export class JoinPage {
  readonly el: HTMLElement;
  #body = h("div", { class: "join-body" });
  #code: string;
  #info: ClassPublicInfo | null = null;
  #name = loadName();
  #preference: Nation | null = null;
  #error: string | null = null;
  #nameError: string | null = null;
  #busy = false;
  #you: ClassYouMessage | null = null;
  #lobby: ClassLobbyMessage | null = null;
  #conn: "online" | "reconnecting" | "lost" = "online";
  #connDetail = "";
  #seatedAt: string | null = null;

  readonly hooks: JoinPageHooks;

  constructor(code: string, hooks: JoinPageHooks) {
    this.#code = code;
    this.hooks = hooks;
    this.el = h("main", { id: "main", class: "class-page join-page", tabindex: -1 }, pageHeader("Join a class"), this.#body);
    void this.#begin();
  }

  async #begin(): Promise<void> {
    const token = this.#code ? rejoinTokens.load(this.#code) : null;
    if (token) {
      replaceChildren(this.#body, [h("p", { class: "join-wait", role: "status" }, h("span", { class: "spinner", "aria-hidden": "true" }), "Returning to your class…")]);
      try {
        await this.#open({ role: "student", rejoinToken: token });
        return;
      } catch (e) {
        rejoinTokens.forget(this.#code);
        this.#error = `Could not return to your place: ${e instanceof Error ? e.message : String(e)} Join again with your name.`;
      }
    }
    await this.#lookUp();
  }

  async #lookUp(): Promise<void> {
    const parsed = ClassCodeSchema.safeParse(this.#code);
    if (!parsed.success) {
      this.#info = null;
      if (this.#code) this.#error = parsed.error.issues[0]?.message ?? "That is not a class code.";
      return this.#renderForm();
    }
    const answer = await fetchClassInfo(parsed.data);
    this.#info = answer.ok ? answer.value : null;
    if (!answer.ok) this.#error = answer.message;
    else if (answer.value.status === "ended") this.#error = "This class has ended.";
    else if (answer.value.full) this.#error = `This class is full (${answer.value.limit} students).`;
    this.#renderForm();
  }

  async #open(options: Parameters<typeof import("./class-link.ts").ClassLink.open>[1]): Promise<void> {
    const { ClassLink } = await import("./class-link.ts");
    await ClassLink.open(
      this.#code,
      options,
      {
        you: (m) => {
          this.#you = m;
          rejoinTokens.save(this.#code, m.rejoinToken);
          this.#renderLobby();
        },
        lobby: (m) => ((this.#lobby = m), this.#renderLobby()),
        seat: (m) => this.#onSeat(m),
        notice: (m) => ((this.#connDetail = m.text), this.#renderLobby()),
        closed: () => this.#onClosed(),
        status: (s, detail) => ((this.#conn = s), (this.#connDetail = detail ?? ""), this.#renderLobby()),
      },
      () => {
        const token = rejoinTokens.load(this.#code);
        return token ? { role: "student", rejoinToken: token } : null;
      },
    );
    this.#renderLobby();
  }

  #onClosed(): void {
    rejoinTokens.forget(this.#code);
    if (this.#you && /removed/i.test(this.#connDetail)) this.#you = { ...this.#you, status: "removed" };
    else this.#conn = "lost";
    this.#renderLobby();
  }

  #onSeat(m: ClassSeatMessage): void {
    if (this.#seatedAt === m.table) return;
    this.#seatedAt = m.table;
    this.hooks.seated(m);
  }

  async #submit(button: HTMLButtonElement): Promise<void> {
    if (this.#busy) return;
    const typedCode = ClassCodeSchema.safeParse(this.#code);
    if (!typedCode.success) {
      this.#error = typedCode.error.issues[0]?.message ?? "That is not a class code.";
      return this.#renderForm();
    }
    const name = StudentNameSchema.safeParse(this.#name);
    if (!name.success) {
      this.#nameError = name.error.issues[0]?.message ?? "Please type a name.";
      this.#renderForm();
      this.#body.querySelector<HTMLInputElement>("#student-name")?.focus();
      return;
    }
    this.#code = typedCode.data;
    this.#busy = true;
    button.disabled = true;
    button.textContent = "Joining…";
    this.#error = this.#nameError = null;
    try {
      saveName(name.data);
      const url = new URL(location.href);
      url.searchParams.set("class", this.#code);
      history.replaceState(history.state, "", url);
      await this.#open({ role: "student", name: name.data, ...(this.#preference ? { preference: this.#preference } : {}) });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (/name/i.test(message)) this.#nameError = message;
      else this.#error = message;
      this.#renderForm();
    } finally {
      this.#busy = false;
    }
  }

  #renderForm(): void {
    const info = this.#info;
    const join = h("button", { type: "submit", class: "btn btn-primary btn-big", "data-focus": "join-class" }, "Join the class");
    const nameInput = h("input", {
      type: "text",
      id: "student-name",
      autocomplete: "nickname",
      maxlength: 24,
      value: this.#name,
      "data-focus": "student-name",
      "aria-describedby": this.#nameError ? "student-name-hint student-name-error" : "student-name-hint",
      "aria-invalid": this.#nameError ? "true" : null,
      oninput: (e: Event) => (this.#name = (e.target as HTMLInputElement).value),
    });
    const codeField = info
      ? h("p", { class: "join-class-title" }, h("strong", {}, info.title), h("span", { class: "hint" }, ` · class ${info.code} · ${info.students} joined`))
      : h(
          "div",
          { class: "field" },
          h("label", { for: "class-code" }, "Class code"),
          h("input", {
            type: "text",
            id: "class-code",
            class: "code-input",
            autocomplete: "off",
            autocapitalize: "characters",
            spellcheck: "false",
            maxlength: 6,
            value: this.#code,
            "data-focus": "class-code",
            oninput: (e: Event) => {
              const input = e.target as HTMLInputElement;
              const v = input.value.toUpperCase().replace(/[^A-Z]/g, "");
              if (input.value !== v) input.value = v;
              this.#code = v;
              if (v.length === 6) {
                this.#error = null;
                void this.#lookUp();
              }
            },
          }),
          h("span", { class: "hint" }, "6 letters, shown on the projector"),
        );
    const form = h(
      "form",
      {
        class: "join-form",
        novalidate: true,
        onsubmit: (e: Event) => {
          e.preventDefault();
          void this.#submit(join);
        },
      },
      codeField,
      h(
        "div",
        { class: "field" },
        h("label", { for: "student-name" }, "Your name"),
        nameInput,
        h("span", { class: "hint", id: "student-name-hint" }, "Your first name or a nickname: your instructor and table see it."),
        this.#nameError ? h("p", { class: "form-error", id: "student-name-error", role: "alert" }, this.#nameError) : null,
      ),
      h(
        "fieldset",
        { class: "join-pref" },
        h("legend", {}, "Nation you would like (if it keeps tables fair)"),
        h(
          "div",
          { class: "join-pref-options" },
          [null, ...NATIONS].map((n) =>
            h(
              "label",
              { class: "join-pref-option" },
              h("input", { type: "radio", name: "preference", value: n ?? "", checked: this.#preference === n, onchange: () => (this.#preference = n) }),
              n ? emblemSvg(n, 18) : null,
              n ? NATION_NAMES[n] : "No preference",
            ),
          ),
        ),
      ),
      errorBox(this.#error),
      join,
    );
    replaceChildren(this.#body, [form]);
  }

  #renderLobby(): void {
    if (!this.#you || this.#seatedAt) return;
    replaceChildren(this.#body, [classLobby({ you: this.#you, lobby: this.#lobby, conn: this.#conn, detail: this.#connDetail })]);
  }
}
