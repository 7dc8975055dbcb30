import type { Card } from "../content/card-schema.ts";
import { checkCommand, type RuleFacts } from "./checks.ts";
import { CommandSchema, type Actor, type Command, type CommandEnvelope } from "./commands.ts";
import { appendTo, draftOf, settled, type Draft } from "./draft.ts";
import { violation, type RuleViolation } from "./errors.ts";
import type { GameEvent } from "./events.ts";
import { closeNegotiation, closePolicy, respond, startRound, timeoutPhase } from "./flow.ts";
import { checkInstructorCommand, executeInstructorCommand } from "./instructor.ts";
import { isInstructorCommand } from "./instructor-commands.ts";
import { suppose, type Supposition } from "./hypothetical.ts";
import { createGame, type GameOptionsInput } from "./setup.ts";
import type { GameState } from "./state.ts";
import { NATIONS, type Nation } from "./vocabulary.ts";
import { proposalIdFor } from "./proposals.ts";

export type ApplyResult =
  | { ok: true; state: GameState; events: GameEvent[] }
  | { ok: false; error: RuleViolation };

export function factsOf(state: GameState): RuleFacts {
  return {
    phase: state.phase,
    round: state.round,
    card: state.current.cardId ? (state.cards[state.current.cardId] ?? null) : null,
    responsesDue: state.current.responsesDue,
    ready: state.current.ready,
    proposals: state.proposals,
    exportControls: state.exportControls,
    counterstrike: state.counterstrike,
    japanDefense: state.japanDefense,
    firewall: state.firewall,
    institutions: state.institutions,
    paused: state.paused,
  };
}

/** A new game with its first card revealed. */
export function newGame(seed: number | string, options: GameOptionsInput, deck: readonly Card[]): { state: GameState; events: GameEvent[] } {
  const d = draftOf(createGame(seed, options, deck));
  startRound(d);
  return { state: d.s, events: d.events };
}

/**
 * The engine: (state, command) → (new state, events), or a rule violation with the state
 * untouched. Pure and deterministic; the command's time arrives as data in the envelope.
 */
export function applyCommand(state: GameState, envelope: CommandEnvelope, how: ApplyOptions = {}): ApplyResult {
  let command: Command;
  if (how.quiet) {
    command = envelope.command;
  } else {
    const parsed = CommandSchema.safeParse(envelope.command);
    if (!parsed.success) {
      return { ok: false, error: violation("INVALID_COMMAND", parsed.error.issues.map((i) => `${i.path.join(".") || "command"}: ${i.message}`).join("; ")) };
    }
    command = parsed.data;
  }
  let d: Draft | null = null;
  if (how.suppose) {
    // The hypothesis goes into the working copy; the command is judged against the supposed state.
    d = draftOf(state, how.quiet === true);
    suppose(d.s, how.suppose);
  }
  const judged = d ? d.s : state;
  const problem = isInstructorCommand(command)
    ? checkInstructorCommand(judged, envelope.actor, command)
    : checkCommand(factsOf(judged), envelope.actor, command);
  if (problem) return { ok: false, error: problem };
  d ??= draftOf(state, how.quiet === true);
  execute(d, envelope.actor, command, envelope.at);
  // A real table's state keeps the parts the command left alone (hypothetical play skips the comparison).
  return { ok: true, state: how.quiet ? d.s : settled(d, state), events: how.quiet ? [] : d.events };
}

export interface ApplyOptions {
  /**
   * Hypothetical play (bots thinking, playouts): the same rules and the same checks, but no
   * events and no meter-change record, and the command is taken as already parsed (it must be
   * a well-formed Command). A game that ends quietly is scored without its explanatory lines
   * (the totals, agendas and ranking are the same). Never for a real table's commands.
   */
  quiet?: boolean;
  /**
   * Hypothetical play: a supposition about the round (policies committed, a proposal agreed)
   * written into the working copy before the command is judged and applied, as if applied to
   * withCommitted/withAgreed's state, with one copy of the state instead of three.
   */
  suppose?: Supposition;
}

function execute(d: Draft, actor: Actor, command: Command, at: number): void {
  if (command.type === "phaseTimeout") return timeoutPhase(d);
  if (isInstructorCommand(command)) return executeInstructorCommand(d, command, at);
  if (actor.kind !== "seat") return;
  const nation = actor.nation;
  switch (command.type) {
    case "respond":
      return respond(d, nation, command.optionId);
    case "tableProposal": {
      const proposal = {
        id: proposalIdFor(command.parties, d.s.proposals),
        round: d.s.round,
        by: nation,
        parties: NATIONS.filter((n) => command.parties.includes(n)),
        terms: command.terms,
        note: command.note,
        status: "open" as const,
        accepted: [nation],
        rejectedBy: null,
      };
      d.s.nextProposalNumber += 1;
      d.s.proposals.push(proposal);
      d.events.push({ type: "proposalTabled", proposalId: proposal.id, by: nation, parties: proposal.parties, visibleTo: proposal.parties });
      return;
    }
    case "acceptProposal":
    case "rejectProposal": {
      const index = d.s.proposals.findIndex((p) => p.id === command.proposalId);
      const p = d.s.proposals[index]!;
      const accept = command.type === "acceptProposal";
      d.events.push({ type: "proposalAnswered", proposalId: p.id, nation, answer: accept ? "accept" : "reject", visibleTo: p.parties });
      if (!accept) {
        d.s.proposals[index] = { ...p, status: "rejected", rejectedBy: nation };
        return;
      }
      const accepted = [...p.accepted, nation];
      const bound = p.parties.every((party) => accepted.includes(party));
      d.s.proposals[index] = { ...p, accepted, status: bound ? "agreed" : "open" };
      if (bound) d.events.push({ type: "proposalBound", proposalId: p.id, visibleTo: p.parties });
      return;
    }
    case "withdrawProposal": {
      const index = d.s.proposals.findIndex((p) => p.id === command.proposalId);
      const p = d.s.proposals[index]!;
      d.s.proposals[index] = { ...p, status: "withdrawn" };
      d.events.push({ type: "proposalWithdrawn", proposalId: p.id, visibleTo: p.parties });
      return;
    }
    case "say": {
      if (d.quiet) return;
      // Numbered within its channel: the ids a seat sees say nothing of the channels it cannot.
      let id = 1;
      const chat = d.s.messages;
      for (let i = 0; i < chat.length; i++) if (chat[i]!.channel === command.channel) id += 1;
      const message = { id, from: nation, channel: command.channel, text: command.text, round: d.s.round, phase: d.s.phase, at };
      appendTo(d, "messages", message);
      d.events.push({ type: "messageSent", message, visibleTo: command.channel === "table" ? undefined : (command.channel.split("-") as Nation[]) });
      return;
    }
    case "ready": {
      d.s.current.ready.push(nation);
      d.events.push({ type: "seatReady", nation, phase: d.s.phase });
      if (NATIONS.every((n) => d.s.current.ready.includes(n))) advance(d);
      return;
    }
    case "commitPolicy": {
      d.s.current.policies[nation] = command.policy;
      d.events.push({ type: "policyCommitted", nation });
      if (NATIONS.every((n) => d.s.current.policies[n] !== undefined)) closePolicy(d);
      return;
    }
  }
}

/** Everyone is done with a phase. */
function advance(d: Draft): void {
  if (d.s.phase === "negotiation") closeNegotiation(d);
  else if (d.s.phase === "summary") startRound(d);
}
