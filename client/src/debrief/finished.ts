import { Stepper } from "../../../shared/replay/stepper.ts";
import { viewFor } from "../../../shared/rules/view.ts";
import { h } from "../dom.ts";
import { endScreen } from "../panels/end.ts";
import { fetchDebrief } from "./api.ts";

/** The way into a table's debrief. */
export const debriefHref = (code: string) => `/debrief/${encodeURIComponent(code)}`;

/**
 * Issue 14.6: a finished table's link, opened again in the tab that holds the seat token,
 * shows the end screen (replayed from the record the debrief API hands this seat) and the
 * way to its debrief, instead of "That game has already ended".
 */
export async function finishedScreen(code: string, seatToken: string, actions: { newGame(): void }): Promise<HTMLElement | null> {
  const result = await fetchDebrief(code, { instructorKey: null, seatToken });
  if (!result.ok || result.payload.seat === null) return null;
  const stepper = new Stepper(result.payload.record);
  const final = stepper.stateAt(stepper.last);
  if (!final.ended) return null;
  const view = viewFor(final, { kind: "seat", nation: result.payload.seat });
  const screen = endScreen(view, { showTable: () => location.assign(debriefHref(code)), newGame: actions.newGame });
  const link = h("a", { class: "btn btn-primary db-open-debrief", href: debriefHref(code) }, "Open the debrief");
  const bar = screen.querySelector(".end-actions");
  if (bar) bar.prepend(link);
  else screen.prepend(link);
  screen.dataset.finished = code;
  return screen;
}
