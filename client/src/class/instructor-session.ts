import type { ClassJoinOptions } from "../../../shared/protocol/class-messages.ts";
import { h, replaceChildren } from "../dom.ts";
import { errorBox } from "../panels/landing-fields.ts";
import type { ClassHandlers, ClassLink } from "./class-link.ts";
import { instructorTokens, takeTokenFromHash } from "./routes.ts";

/**
 * Opens the instructor's link to a class for the projector page or the console: the token
 * from the private link's fragment (kept from then on), or the one this browser saved when it
 * created the class. Without one, or when the server refuses it, `host` shows a form for the key.
 */
export async function openInstructor(code: string, host: HTMLElement, handlers: ClassHandlers): Promise<ClassLink> {
  const fromHash = takeTokenFromHash();
  if (fromHash) instructorTokens.save(code, fromHash);
  let token = instructorTokens.load(code);
  let error: string | null = null;
  const { ClassLink } = await import("./class-link.ts");
  for (;;) {
    if (token) {
      const options: ClassJoinOptions = { role: "instructor", token };
      try {
        const current = token;
        const link = await ClassLink.open(code, options, handlers, () => ({ role: "instructor", token: current }));
        instructorTokens.save(code, token);
        replaceChildren(host, []);
        host.hidden = true;
        return link;
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    }
    token = await askForKey(code, host, error);
  }
}

function askForKey(code: string, host: HTMLElement, error: string | null): Promise<string> {
  return new Promise((resolve) => {
    host.hidden = false;
    const input = h("input", { type: "password", id: "instructor-key", autocomplete: "off", required: true });
    replaceChildren(host, [
      h(
        "form",
        {
          class: "key-form",
          onsubmit: (e: Event) => {
            e.preventDefault();
            if (input.value.trim()) resolve(input.value.trim());
          },
        },
        h("h2", {}, `Instructor key for class ${code}`),
        h("p", {}, "This browser does not hold the key of this class. Open the private “reopen this console” link from the browser where you opened the class, or type the key here."),
        h("div", { class: "field" }, h("label", { for: "instructor-key" }, "Instructor key"), input),
        errorBox(error),
        h("button", { type: "submit", class: "btn btn-primary" }, "Open"),
      ),
    ]);
    input.focus();
  });
}
