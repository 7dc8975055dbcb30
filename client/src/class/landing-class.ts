import { ClassCodeSchema } from "../../../shared/protocol/class-messages.ts";
import { h } from "../dom.ts";
import "./landing-class.css";

/** The landing page's classroom strip: join a class by its code, or run one. */
export function classStrip(): HTMLElement {
  const error = h("p", { class: "form-error", id: "class-code-error", role: "alert", hidden: true });
  const input = h("input", {
    type: "text",
    id: "landing-class-code",
    class: "code-input class-code-input",
    autocomplete: "off",
    autocapitalize: "characters",
    spellcheck: "false",
    maxlength: 6,
    placeholder: "ABCDEF",
    "aria-describedby": "landing-class-hint",
    oninput: (e: Event) => {
      const el = e.target as HTMLInputElement;
      const v = el.value.toUpperCase().replace(/[^A-Z]/g, "");
      if (el.value !== v) el.value = v;
      error.hidden = true;
    },
  });
  return h(
    "section",
    { class: "class-strip", id: "class-strip", "aria-label": "In a classroom" },
    h(
      "form",
      {
        class: "class-strip-join",
        onsubmit: (e: Event) => {
          e.preventDefault();
          const parsed = ClassCodeSchema.safeParse(input.value);
          if (!parsed.success) {
            error.textContent = parsed.error.issues[0]?.message ?? "That is not a class code.";
            error.hidden = false;
            input.setAttribute("aria-invalid", "true");
            input.focus();
            return;
          }
          const next = new URLSearchParams({ class: parsed.data });
          if (new URLSearchParams(location.search).has("test")) next.set("test", "1");
          location.assign(`/?${next.toString()}`);
        },
      },
      h("h2", {}, "Join a class"),
      h("label", { for: "landing-class-code", class: "visually-hidden" }, "Class code"),
      input,
      h("span", { class: "hint", id: "landing-class-hint" }, "the 6 letters on the projector"),
      h("button", { type: "submit", class: "btn btn-primary" }, "Join class"),
      error,
    ),
    h(
      "div",
      { class: "class-strip-run" },
      h("h2", {}, "Teaching?"),
      h("p", { class: "hint" }, "Many tables at once: a code and QR code for the room, seating with bots, a live console."),
      h("a", { class: "btn", href: "/?run" }, "Run a class"),
    ),
  );
}
