import type { CreateClassAnswer } from "../../../shared/protocol/class-messages.ts";
import { h } from "../dom.ts";
import { bigCode, copyButton } from "./page.ts";
import { consoleUrl, joinUrl, projectorUrl, reopenUrl } from "./routes.ts";

/** After "Open the class": the code, where to go next, and the private link for a second device. */
export function createdPanel(answer: CreateClassAnswer): HTMLElement {
  const reopen = reopenUrl(answer.code, answer.instructorToken);
  const join = joinUrl(answer.code);
  return h(
    "section",
    { class: "run-created", "aria-labelledby": "created-title" },
    h("h2", { id: "created-title", tabindex: -1 }, `“${answer.title}” is open`),
    bigCode(answer.code),
    h("p", {}, "Students open ", h("strong", {}, join), " (or scan the QR code on the projector page) and type their name."),
    h(
      "div",
      { class: "run-next" },
      h("a", { class: "btn btn-primary btn-big", href: projectorUrl(answer.code) }, "Show the projector page"),
      h("a", { class: "btn btn-big", href: consoleUrl(answer.code) }, "Open the console"),
    ),
    h(
      "div",
      { class: "reopen" },
      h("h3", {}, "Reopen this console on another device"),
      h("p", { class: "hint" }, "This browser keeps the instructor key. To run the class from the lectern PC too, open this private link there. Anyone with it can run your class: do not project it or share it with students."),
      h("p", { class: "reopen-link" }, h("code", { "data-testid": "reopen-link" }, reopen)),
      copyButton(reopen, "Copy private link"),
    ),
  );
}
