import type { ForkAnswer } from "../../../shared/replay/fork.ts";
import type { DebriefPayload } from "../../../shared/replay/payload.ts";
import { NATION_NAMES, NATIONS, STANCE_NAMES, STANCES, type Nation } from "../../../shared/rules/vocabulary.ts";
import { h, replaceChildren } from "../dom.ts";
import type { DebriefAuth } from "./api.ts";

/** Who may start a what-if table from this debrief: the instructor, or a solo player on their own game. */
export function canFork(payload: DebriefPayload): boolean {
  if (payload.access === "instructor") return true;
  return payload.seat !== null && NATIONS.filter((n) => n !== payload.seat).every((n) => payload.bots.includes(n));
}

/** "Play on from this step": seats as humans or bots, then a new table that starts from exactly this state. */
export function forkPanel(payload: DebriefPayload, auth: DebriefAuth, currentStep: () => number): HTMLElement {
  const out = h("div", { class: "db-fork-result", "aria-live": "polite" });
  const selects = {} as Record<Nation, HTMLSelectElement>;
  for (const n of NATIONS) {
    const human = payload.access === "seat" ? n === payload.seat : !payload.bots.includes(n);
    selects[n] = h(
      "select",
      { id: `fork-${n}` },
      h("option", { value: "human", selected: human }, "A human player"),
      STANCES[n].map((s, i) => h("option", { value: s, selected: !human && i === 0 }, `Bot: ${STANCE_NAMES[s]}`)),
    ) as HTMLSelectElement;
  }
  const submit = async (e: Event) => {
    e.preventDefault();
    const step = currentStep();
    const seats: Record<string, string> = {};
    for (const n of NATIONS) seats[n] = selects[n].value;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (auth.instructorKey) headers["x-instructor-key"] = auth.instructorKey;
    if (auth.seatToken) headers["x-seat-token"] = auth.seatToken;
    replaceChildren(out, [h("p", { role: "status" }, `Starting a new table from step ${step}…`)]);
    const res = await fetch(`/api/debrief/${payload.code}/fork`, { method: "POST", headers, body: JSON.stringify({ step, seats }) }).catch(() => null);
    const body = (await res?.json().catch(() => null)) as (ForkAnswer & { error?: string }) | null;
    if (!res || !res.ok || !body) {
      replaceChildren(out, [h("p", { role: "alert" }, body?.error ?? "The fork could not be started.")]);
      return;
    }
    replaceChildren(out, [
      h(
        "p",
        { role: "status", "data-fork": body.code },
        `Table ${body.code} starts from step ${body.parent.step} of ${body.parent.code} (state ${body.forkHash.slice(0, 8)}, the same as the original's). `,
        h("a", { href: `/?table=${body.code}` }, `Join table ${body.code}`),
        body.humans.length > 1 ? ` — share the code ${body.code} with the other players.` : "",
      ),
    ]);
  };
  return h(
    "details",
    { class: "db-fork" },
    h("summary", {}, "What if? Play on from this step"),
    h(
      "form",
      { class: "db-fork-form", onsubmit: (e: Event) => void submit(e) },
      NATIONS.map((n) => h("label", { for: `fork-${n}`, class: "db-fork-seat" }, `${NATION_NAMES[n]} `, selects[n])),
      h("button", { type: "submit", class: "btn btn-primary" }, "Start a new table from this step"),
    ),
    out,
  );
}
