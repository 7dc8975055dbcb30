import type { Card } from "../../shared/content/card-schema.ts";
import { applyCommand, newGame, type ApplyResult } from "../../shared/rules/apply.ts";
import { CommandSchema, seat, SYSTEM, type Actor, type Command, type CommandInput } from "../../shared/rules/commands.ts";
import type { GameEvent } from "../../shared/rules/events.ts";
import { AgendaIdSchema } from "../../shared/rules/ids.ts";
import type { InstitutionId } from "../../shared/rules/institutions.ts";
import type { PolicyId } from "../../shared/rules/policies.ts";
import type { GameOptionsInput } from "../../shared/rules/setup.ts";
import type { GameState } from "../../shared/rules/state.ts";
import type { Nation, Pair } from "../../shared/rules/vocabulary.ts";
import { quietDeck } from "./cards.ts";

/**
 * A table under test. Builders read like the rulebook:
 *   const t = table().withTrust("seoul-tokyo", 40).withInstitution("gsomia").start();
 *   t.as("seoul").commit("visit-dokdo");
 */
export class Table {
  state: GameState;
  lastEvents: GameEvent[] = [];
  private clock = 1_000;

  constructor(state: GameState) {
    this.state = state;
  }

  /**
   * Parses the command as the server would, then applies it. One the schema refuses goes to the
   * engine as written, so a test can see the engine refuse it too (INVALID_COMMAND).
   */
  try(actor: Actor, command: CommandInput): ApplyResult {
    this.clock += 1000;
    const parsed = CommandSchema.safeParse(command);
    const result = applyCommand(this.state, { actor, at: this.clock, command: parsed.success ? parsed.data : (command as Command) });
    if (result.ok) {
      this.state = result.state;
      this.lastEvents = result.events;
    }
    return result;
  }

  do(actor: Actor, command: CommandInput): GameEvent[] {
    const result = this.try(actor, command);
    if (!result.ok) throw new Error(`${command.type} by ${JSON.stringify(actor)} refused: ${result.error.code} ${result.error.message}`);
    return result.events;
  }

  as(nation: Nation) {
    const actor = seat(nation);
    return {
      respond: (optionId: string) => this.do(actor, { type: "respond", optionId }),
      propose: (parties: Nation[], terms: Extract<CommandInput, { type: "tableProposal" }>["terms"]) =>
        this.do(actor, { type: "tableProposal", parties, terms, note: "" }),
      accept: (proposalId: string) => this.do(actor, { type: "acceptProposal", proposalId }),
      reject: (proposalId: string) => this.do(actor, { type: "rejectProposal", proposalId }),
      withdraw: (proposalId: string) => this.do(actor, { type: "withdrawProposal", proposalId }),
      say: (channel: "table" | Pair, text: string) => this.do(actor, { type: "say", channel, text }),
      ready: () => this.do(actor, { type: "ready" }),
      commit: (policy: PolicyId) => this.do(actor, { type: "commitPolicy", policy }),
      try: (command: CommandInput) => this.try(actor, command),
    };
  }

  timeout(): GameEvent[] {
    return this.do(SYSTEM, { type: "phaseTimeout", round: this.state.round, phase: this.state.phase });
  }

  /** Everyone says done with negotiation. */
  endNegotiation(): void {
    for (const n of ["seoul", "tokyo", "washington"] as const) this.as(n).ready();
  }

  /** All three commit; the round resolves. */
  commitAll(policies: Partial<Record<Nation, PolicyId>> = {}): GameEvent[] {
    let events: GameEvent[] = [];
    for (const n of ["seoul", "tokyo", "washington"] as const) events = this.as(n).commit(policies[n] ?? "hold-steady");
    return events;
  }

  /** Plays negotiation and policy with the given policies, returning the resolution events. */
  playRound(policies: Partial<Record<Nation, PolicyId>> = {}): GameEvent[] {
    if (this.state.phase === "event") this.timeout();
    if (this.state.phase === "negotiation") this.endNegotiation();
    return this.commitAll(policies);
  }
}

export class TableBuilder {
  private deck: Card[] = stacked(quietDeck(12));
  private options: GameOptionsInput = { rounds: 8, deckOrder: "chronological", stances: { seoul: "conservative", tokyo: "mainstream", washington: "alliance-builder" } };
  private tweaks: ((s: GameState) => void)[] = [];
  private seed: number | string = 1;

  /** The cards are drawn in the order given (the builder deals chronologically and dates them in order). */
  withDeck(deck: Card[]): this {
    this.deck = stacked(deck);
    return this;
  }
  withSeed(seed: number | string): this {
    this.seed = seed;
    return this;
  }
  withOptions(options: GameOptionsInput): this {
    this.options = { ...this.options, ...options };
    return this;
  }
  /** Adjusts the starting state before the first card is drawn. */
  private tweak(f: (s: GameState) => void): this {
    this.tweaks.push(f);
    return this;
  }
  withTrust(pair: Pair, value: number): this {
    return this.tweak((s) => (s.trust[pair] = value));
  }
  withSupport(nation: Nation, value: number): this {
    return this.tweak((s) => (s.support[nation] = value));
  }
  withThreat(value: number): this {
    return this.tweak((s) => (s.threat = value));
  }
  withJapanDefense(value: number): this {
    return this.tweak((s) => (s.japanDefense = value));
  }
  withHistoryTension(value: number): this {
    return this.tweak((s) => (s.historyTension = value));
  }
  withInstitution(id: InstitutionId, status: "in-force" | "suspended" = "in-force"): this {
    return this.tweak((s) => (s.institutions[id] = { status, since: 0 }));
  }
  withFirewall(state: "intact" | "breached"): this {
    return this.tweak((s) => (s.firewall = state));
  }
  withExportControls(): this {
    return this.tweak((s) => (s.exportControls = true));
  }
  withCrises(n: number): this {
    return this.tweak((s) => (s.crises = n));
  }
  withAgenda(nation: Nation, id: string): this {
    return this.tweak((s) => (s.agendas[nation] = { id: AgendaIdSchema.parse(id), broken: false }));
  }

  /** Starts the game: the tweaks apply to the state as it stands after the first card is revealed. */
  start(): Table {
    const { state } = newGame(this.seed, this.options, this.deck);
    const copy = structuredClone(state);
    for (const f of this.tweaks) f(copy);
    return new Table(copy);
  }
}

function stacked(deck: Card[]): Card[] {
  return deck.map((card, i) => ({ ...card, date: `${1900 + i}-01-01` }));
}

export const table = () => new TableBuilder();

export function changesOf(events: GameEvent[]) {
  return events.flatMap((e) => (e.type === "meterChanged" ? [e.change] : []));
}
