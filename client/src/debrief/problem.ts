import { h, replaceChildren } from "../dom.ts";
import { saveInstructorKey } from "./api.ts";

/** A page that could not open: why, and (for a refusal) a place for the instructor key. */
export function problemPage(root: HTMLElement, title: string, message: string, retry: (() => void) | null): void {
  const input = h("input", { type: "password", id: "db-key", autocomplete: "off", class: "code-input" }) as HTMLInputElement;
  const form = retry
    ? h(
        "form",
        {
          class: "db-key-form",
          onsubmit: (e: Event) => {
            e.preventDefault();
            if (!input.value.trim()) return;
            saveInstructorKey(input.value.trim());
            retry();
          },
        },
        h("label", { for: "db-key" }, "Instructor key"),
        input,
        h("button", { type: "submit", class: "btn btn-primary" }, "Open the debrief"),
      )
    : null;
  replaceChildren(root, [
    h("main", { id: "main", class: "debrief db-problem" }, h("h1", {}, title), h("p", { role: "alert" }, message), form, h("p", {}, h("a", { href: "/" }, "Back to Trilateral"))),
  ]);
}
