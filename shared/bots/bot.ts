import { checkCommand } from "../rules/checks.ts";
import { finishingCommand } from "../rules/finish.ts";
import { seat, type Command } from "../rules/commands.ts";
import { chatChannels } from "../rules/legal.ts";
import type { PolicyId } from "../rules/policies.ts";
import type { Channel } from "../rules/state.ts";
import { TUNING } from "../rules/tuning.ts";
import type { PlayerView } from "../rules/view.ts";
import { pairOf, type Nation, type StanceId } from "../rules/vocabulary.ts";
import type { Difficulty } from "./difficulty.ts";
import { afterResponse } from "./foresee.ts";
import { bestPolicy, clearValueCache, guessPolicies, LEVELS, legalPolicies, mindOf, policyWorth, profileFor, rand, resolved, type Mind } from "./mind.ts";
import { pledgesOf } from "./pledges.ts";
import { clearDealCaches, fresh, myLinesThisPhase, negotiate } from "./negotiate.ts";
import { chatAnswer } from "./chat-answers.ts";
import type { SeatPolicy } from "./random.ts";
import { policyPhrase, render, situationFill } from "./talk.ts";
import { utility } from "./utility.ts";

/** Counters for tests and the simulator: a bot that had to fall back from an illegal choice is a bug. */
export const botDiagnostics = { illegal: 0, lastIllegal: null as null | { nation: Nation; command: Command; reason: string } };

/** Empties the bots' value caches (for tests: decisions must not depend on what was cached before). */
export function clearBotCaches(): void {
  clearValueCache();
  clearDealCaches();
}

/**
 * A scripted bot for one seat. It plays the stance of its nation's current government (after a
 * leadership change the new stance takes over; `fallback` is used only if the view's stance is
 * not one of the nation's). Deterministic: all chance comes from the rng argument. It thinks by
 * running the engine on hypothetical states built from its view (mind.ts, foresee.ts).
 */
export function makeBot(fallback: StanceId, difficulty: Exclude<Difficulty, "expert">): SeatPolicy {
  const level = LEVELS[difficulty];
  return (view, nation, rng) => {
    if (view.phase === "ended") return { command: null, rng };
    const answer = chatAnswer(view, nation, profileFor(view, nation, fallback), rng);
    if (answer) return answer;
    const r = rand(rng);
    const mind = mindOf(view, nation, profileFor(view, nation, fallback), level, r);
    const command = decide(mind);
    return { command: command && ensureLegal(view, nation, command), rng: r.state };
  };
}

function decide(m: Mind): Command | null {
  switch (m.view.phase) {
    case "event":
      return respond(m);
    case "negotiation":
      return negotiate(m);
    case "policy":
      return commit(m);
    case "summary":
      return summarize(m);
    default:
      return null;
  }
}

/** The engine is the judge: anything the bot came up with is checked with the engine's own predicate. */
function ensureLegal(view: PlayerView, nation: Nation, command: Command): Command | null {
  let problem = checkCommand(view, seat(nation), command)?.message ?? null;
  if (!problem && command.type === "say" && !chatChannels(nation).includes(command.channel)) problem = "not my channel";
  if (!problem && command.type === "say" && (command.text.trim().length === 0 || command.text.length > TUNING.chat.maxLength)) problem = "bad text";
  if (!problem && command.type === "tableProposal" && command.note.length > 200) problem = "note too long";
  if (!problem) return command;
  botDiagnostics.illegal += 1;
  botDiagnostics.lastIllegal = { nation, command, reason: problem };
  return finishingCommand(view, nation);
}


// ——— Event ———————————————————————————————————————————————————————————————

/** Each option of the card, applied by the engine to the seat's hypothetical, weighed by the stance. */
function respond(m: Mind): Command | null {
  const { view, me } = m;
  const response = view.card?.response;
  if (!response || !view.responsesDue.includes(me) || view.responses[me] !== undefined) return null;
  let best = response.options[0]!;
  let bestValue = -Infinity;
  const ev = m.ev();
  for (const option of response.options) {
    const after = afterResponse(m.base, me, option.id);
    const value = (after ? utility(ev, after) : -Infinity) + m.r.noise(m.level.noise);
    if (value > bestValue) {
      bestValue = value;
      best = option;
    }
  }
  return { type: "respond", optionId: best.id };
}

// ——— Policy ——————————————————————————————————————————————————————————————

/**
 * Each legal policy, resolved by the engine on the seat's hypothetical — as if the others held
 * steady, or (levels that anticipate) with the policies it expects of them — then the pledge it
 * made, kept with the stance's trustworthiness.
 */
function commit(m: Mind): Command | null {
  const { view, me } = m;
  if (view.committed[me]) return null;
  const legal = legalPolicies(view, me);
  const ev = m.ev();
  const values = new Map<PolicyId, number>();
  const guess = m.level.anticipates ? guessPolicies(m) : null;
  for (const p of legal) {
    let v: number;
    if (guess) {
      const after = resolved(m, { ...guess, [me]: p });
      v = (after ? utility(ev, after) : 0) + (m.profile.policies[p] ?? 0) + (m.profile.adjustPolicy?.(p, m.sit) ?? 0);
    } else {
      v = policyWorth(m, ev, me, p);
    }
    values.set(p, v + m.r.noise(m.level.noise));
  }
  const ranked = legal.slice().sort((a, b) => values.get(b)! - values.get(a)!);
  let choice = ranked[0] ?? bestPolicy(m, ev).policy;
  const pledged = pledgesOf(view, me).filter((p) => legal.includes(p));
  if (pledged.length > 0 && m.r.float() < m.profile.trustworthiness) {
    choice = pledged.sort((a, b) => values.get(b)! - values.get(a)!)[0]!;
  }
  return { type: "commitPolicy", policy: choice };
}

// ——— Summary —————————————————————————————————————————————————————————————

function summarize(m: Mind): Command | null {
  const { view, me } = m;
  if (view.ready.includes(me)) return null;
  if (myLinesThisPhase(m) === 0 && m.r.float() < m.level.chatChance) {
    const line = summaryLine(m);
    if (line) return { type: "say", channel: line.channel, text: line.text };
  }
  return { type: "ready" };
}

function summaryLine(m: Mind): { channel: Channel; text: string } | null {
  const { view, me, profile } = m;
  const last = view.history[view.history.length - 1];
  if (!last || last.round !== view.round) return null;
  const fill = situationFill(view, me);
  // A broken promise made to us comes first: it is what a human partner most needs to hear about.
  for (const c of view.changes) {
    if (c.round !== view.round || c.cause.kind !== "pledge" || c.cause.nation === me) continue;
    if (c.meter.meter !== "trust" || !c.meter.pair.includes(me)) continue;
    const who = c.cause.nation;
    const pledged = pledgedPolicy(view, c.cause.proposalId, who);
    const policy = pledged ? policyPhrase(who, pledged) : "";
    if (c.cause.kept) {
      // Thanks for a kept promise only now and then; a broken one is always named.
      const template = fresh(m, profile.chat.summary.kept);
      if (!template) continue;
      return { channel: pairOf(me, who), text: render(template, { ...fill, nation: nameOf(who), policy }) };
    }
    return { channel: pairOf(me, who), text: render(m.r.pick(profile.chat.summary.betrayed), { ...fill, nation: nameOf(who), policy }) };
  }
  if (last.crisis) return { channel: "table", text: render(m.r.pick(profile.chat.summary.crisis), fill) };
  const fallen = last.leadershipChanges.find((n) => n !== me);
  if (fallen) return { channel: "table", text: render(m.r.pick(profile.chat.summary.newGovernment), { ...fill, nation: nameOf(fallen) }) };
  return null;
}

function pledgedPolicy(view: PlayerView, proposalId: string, nation: Nation): PolicyId | null {
  const p = view.proposals.find((x) => x.id === proposalId);
  const t = p?.terms.find((x) => x.kind === "pledge" && x.nation === nation);
  return t && t.kind === "pledge" ? t.policy : null;
}

const nameOf = (n: Nation) => ({ seoul: "Seoul", tokyo: "Tokyo", washington: "Washington" })[n];
