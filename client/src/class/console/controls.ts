import type { InstructorReply, TableControl } from "../../../../shared/protocol/class-messages.ts";
import { CardIdSchema } from "../../../../shared/rules/ids.ts";
import { h } from "../../dom.ts";
import { uniqueId } from "../../panels/landing-fields.ts";

export interface CardChoice {
  id: string;
  title: string;
}

export interface ControlTarget {
  /** "all", or the codes of the tables the controls act on. */
  tables: "all" | string[];
  /** "every table", "3 selected tables", "table KMBTR": used in the answers. */
  words: string;
}

export interface ControlBarOptions {
  target(): ControlTarget | null;
  send(tables: "all" | string[], control: TableControl): Promise<InstructorReply>;
  cards(): CardChoice[];
  /** Shows the answer in words. */
  say(text: string, ok: boolean): void;
  compact?: boolean;
}

const DONE: Record<TableControl["kind"], (w: string, c: TableControl) => string> = {
  pause: (w) => `Paused ${w}.`,
  resume: (w) => `Resumed ${w}.`,
  extend: (w, c) => `Added ${(c as { seconds: number }).seconds} s to the current phase at ${w}.`,
  advance: (w) => `Moved ${w} on to the next phase.`,
  inject: (w, c) => `The card “${(c as { cardId: string }).cardId}” is the next event at ${w}.`,
  broadcast: (w) => `Message sent to ${w}.`,
  end: (w) => `Ended ${w}; scores stand as of now.`,
};

/** A button that asks once more ("Click again to end…") before it acts. */
export function confirmButton(label: string, confirmLabel: () => string, act: () => void, className = "btn btn-reject"): HTMLButtonElement {
  let armed: ReturnType<typeof setTimeout> | null = null;
  const button = h("button", { type: "button", class: className }, label);
  button.addEventListener("click", () => {
    if (armed) {
      clearTimeout(armed);
      armed = null;
      button.textContent = label;
      act();
      return;
    }
    button.textContent = confirmLabel();
    armed = setTimeout(() => {
      armed = null;
      button.textContent = label;
    }, 6000);
  });
  return button;
}

/** The instructor's controls over a set of tables, each answered in words. */
export function controlBar(o: ControlBarOptions): HTMLElement {
  const seconds = uniqueId("extend-seconds");
  const card = uniqueId("inject-card");
  const text = uniqueId("broadcast-text");
  const run = async (control: TableControl, button?: HTMLButtonElement) => {
    const target = o.target();
    if (!target) return o.say("Select at least one table first, or choose “every table”.", false);
    if (button) button.disabled = true;
    const reply = await o.send(target.tables, control);
    if (button) button.disabled = false;
    const { replyText } = await import("../replies.ts");
    o.say(replyText(reply, DONE[control.kind](target.words, control)), reply.ok);
  };
  const secondsInput = h("input", { type: "number", id: seconds, min: 5, max: 900, step: 5, value: 60, class: "ctl-seconds" });
  const cardSelect = h("select", { id: card, class: "ctl-card", onfocus: () => fillCards(cardSelect, o.cards()) });
  fillCards(cardSelect, o.cards());
  const textInput = h("input", { type: "text", id: text, maxlength: 300, placeholder: "e.g. Five minutes left in class", class: "ctl-text" });
  const button = (label: string, control: () => TableControl | string, cls = "btn btn-small") => {
    const b: HTMLButtonElement = h("button", {
      type: "button",
      class: cls,
      onclick: () => {
        const c = control();
        if (typeof c === "string") o.say(c, false);
        else void run(c, b);
      },
    }, label);
    return b;
  };
  return h(
    "div",
    { class: `ctl-bar${o.compact ? " is-compact" : ""}` },
    h(
      "div",
      { class: "ctl-group" },
      button("Pause", () => ({ kind: "pause" })),
      button("Resume", () => ({ kind: "resume" })),
      button("Advance phase", () => ({ kind: "advance" })),
    ),
    h(
      "div",
      { class: "ctl-group" },
      h("label", { for: seconds }, "Extend by"),
      secondsInput,
      h("span", { "aria-hidden": "true" }, "s"),
      button("Extend", () => {
        const n = Number(secondsInput.value);
        return Number.isInteger(n) && n >= 5 && n <= 900 ? { kind: "extend", seconds: n } : "Extend by a whole number of seconds from 5 to 900.";
      }),
    ),
    h(
      "div",
      { class: "ctl-group" },
      h("label", { for: card }, "Card"),
      cardSelect,
      button("Inject as next event", () => {
        const cardId = CardIdSchema.safeParse(cardSelect.value);
        return cardId.success ? { kind: "inject", cardId: cardId.data } : "Choose a card to inject.";
      }),
    ),
    h(
      "form",
      {
        class: "ctl-group ctl-broadcast",
        onsubmit: (e: Event) => {
          e.preventDefault();
          const t = textInput.value.trim();
          if (!t) return o.say("Type the message to broadcast.", false);
          void run({ kind: "broadcast", text: t }).then(() => (textInput.value = ""));
        },
      },
      h("label", { for: text }, "Message"),
      textInput,
      h("button", { type: "submit", class: "btn btn-small" }, "Broadcast"),
    ),
    h(
      "div",
      { class: "ctl-group" },
      confirmButton("End table", () => `Click again to end ${o.target()?.words ?? "the tables"}`, () => void run({ kind: "end" }), "btn btn-small btn-reject"),
    ),
  );
}

function fillCards(select: HTMLSelectElement, cards: CardChoice[]): void {
  const current = select.value;
  if (select.options.length === cards.length + 1 && select.options.length > 1) return;
  select.replaceChildren(h("option", { value: "" }, "Choose a card…"), ...cards.map((c) => h("option", { value: c.id, selected: c.id === current }, c.title)));
}
