import "./help.css";
import { TUNING } from "../../../shared/rules/tuning.ts";
import type { Phase } from "../../../shared/rules/vocabulary.ts";
import { h } from "../dom.ts";

/**
 * The first-game walkthrough for solo play: one short note per phase of the first round, beside
 * the action panel. "Skip the tour" or reaching the summary ends it for good (localStorage).
 */
export const WALKTHROUGH_KEY = "trilateral:walkthrough";

const STEPS: Partial<Record<Phase, { title: string; text: string }>> = {
  event: {
    title: "1 · The event",
    text: "A card from the last two decades hits the table. Its effects are already on the meters, each listed with its cause under the card. If it asks your government, pick a response.",
  },
  negotiation: {
    title: "2 · Negotiate",
    text: "Talk to the table or one partner in the chat below — the bots answer when you name them (“Tokyo, would you create GSOMIA?”). Table a proposal; it binds only if every party accepts. Press “Done negotiating” when you are ready.",
  },
  policy: {
    title: "3 · Your policy",
    text: "Choose one policy in secret. Your stance changes how your voters greet it. Keep an eye on threat against deterrence: if threat is higher at resolution, a crisis marker is placed.",
  },
  summary: {
    title: "4 · What happened",
    text: `Every change is played back and listed with its cause; the round in brief sums them. ${TUNING.crisis.markersToEndGame} crisis markers and everyone loses. That's the whole loop — good luck.`,
  },
};

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function walkthroughDone(): boolean {
  return storage()?.getItem(WALKTHROUGH_KEY) === "done";
}

export function finishWalkthrough(): void {
  storage()?.setItem(WALKTHROUGH_KEY, "done");
}

/** The note for this phase, or null (not solo, not round 1, or the tour is done). */
export function walkthroughNote(o: { solo: boolean; round: number; phase: Phase; onChange: () => void }): HTMLElement | null {
  if (!o.solo || o.round !== 1 || walkthroughDone()) return null;
  const step = STEPS[o.phase];
  if (!step) return null;
  if (o.phase === "summary") finishWalkthrough();
  return h(
    "aside",
    { class: "walkthrough", "aria-label": "First-game tour", "data-step": o.phase },
    h("p", { class: "walkthrough-title" }, h("strong", {}, step.title), h("span", { class: "walkthrough-tag" }, "First game")),
    h("p", {}, step.text),
    h(
      "p",
      { class: "walkthrough-actions" },
      h("a", { href: "#rules" }, "All the rules"),
      o.phase !== "summary"
        ? h(
            "button",
            {
              type: "button",
              class: "btn btn-small",
              onclick: () => {
                finishWalkthrough();
                o.onChange();
              },
            },
            "Skip the tour",
          )
        : null,
    ),
  );
}
