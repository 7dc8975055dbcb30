/**
 * The "defector" seat policy for the balance test: it always takes the nationalist option (the
 * card response that pleases its own public most, the policy that plays to the home crowd) and
 * never keeps a pledge. It talks and bargains like a normal bot of its stance — so partners make
 * deals with it — and then breaks them. The balance must make this lose more often than a normal
 * bot in the same seat.
 */
import type { SeatPolicy } from "../../shared/bots/random.ts";
import { policyAvailable } from "../../shared/rules/checks.ts";
import type { Effect } from "../../shared/rules/effects.ts";
import { policiesOf, type PolicyId } from "../../shared/rules/policies.ts";
import type { PlayerView } from "../../shared/rules/view.ts";
import type { Nation } from "../../shared/rules/vocabulary.ts";

/** Each nation's nationalist policies, in order of preference. */
export const NATIONALIST_POLICIES: Record<Nation, readonly PolicyId[]> = {
  seoul: ["visit-dokdo", "enforce-court-ruling"],
  tokyo: ["shrine-visit", "impose-export-controls"],
  washington: ["shift-burden", "press-seoul", "press-tokyo"],
};

/** What an option's effects do to this government's support (the nationalist reading of a card). */
function ownSupport(effects: readonly Effect[], nation: Nation): number {
  let s = 0;
  for (const e of effects) if (e.kind === "support" && e.nation === nation && !e.if) s += e.delta;
  return s;
}

/** The policies this seat pledged in this round's agreed deals. */
function pledged(view: PlayerView, nation: Nation): Set<string> {
  const out = new Set<string>();
  for (const p of view.proposals) {
    if (p.round !== view.round || (p.status !== "agreed" && p.status !== "enacted")) continue;
    for (const t of p.terms) if (t.kind === "pledge" && t.nation === nation) out.add(t.policy);
  }
  return out;
}

export function defectorPolicy(normal: SeatPolicy): SeatPolicy {
  return (view, nation, rng) => {
    if (view.phase === "event" && view.card?.response && view.responsesDue.includes(nation) && view.responses[nation] === undefined) {
      const options = view.card.response.options;
      let best = options[0]!;
      for (const o of options) if (ownSupport(o.effects, nation) > ownSupport(best.effects, nation)) best = o;
      return { command: { type: "respond", optionId: best.id }, rng };
    }
    if (view.phase === "policy" && !view.committed[nation]) {
      const legal = policiesOf(nation).filter((p) => policyAvailable(view, nation, p) === null);
      const promised = pledged(view, nation);
      const choice =
        NATIONALIST_POLICIES[nation].find((p) => legal.includes(p) && !promised.has(p)) ?? legal.find((p) => !promised.has(p)) ?? legal[0]!;
      return { command: { type: "commitPolicy", policy: choice }, rng };
    }
    return normal(view, nation, rng);
  };
}
