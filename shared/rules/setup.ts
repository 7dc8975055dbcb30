import { z } from "zod";
import { CardSchema, type Card } from "../content/card-schema.ts";
import { agendaById, agendasOf } from "./agendas.ts";
import { AgendaIdSchema, type CardId } from "./ids.ts";
import { StanceIdSchema, NationSchema } from "./effects.ts";
import { emptyRound } from "./flow.ts";
import { nextInt, seedToRng, shuffle } from "./rng.ts";
import type { AgendaState, GameOptions, GameState } from "./state.ts";
import { TUNING } from "./tuning.ts";
import { RULES_VERSION } from "./version.ts";
import { NATIONS, STANCES, type Nation, type StanceId } from "./vocabulary.ts";

export const GameOptionsSchema = z.strictObject({
  rounds: z.number().int().min(TUNING.rounds.min).max(TUNING.rounds.max).default(TUNING.rounds.default),
  deckOrder: z.enum(["shuffled", "chronological"]).default("shuffled"),
  stances: z.partialRecord(NationSchema, StanceIdSchema).optional(),
  agendas: z.partialRecord(NationSchema, AgendaIdSchema).optional(),
});
export type GameOptionsInput = z.input<typeof GameOptionsSchema>;

export class SetupError extends Error {}

const canonicalCards = new WeakMap<Card, Card>();

/** Cards pass through their schema once, so every deck serializes the same way however it was built. */
function canonical(card: Card): Card {
  let parsed = canonicalCards.get(card);
  if (!parsed) {
    const result = CardSchema.safeParse(card);
    if (!result.success) throw new SetupError(`Card ${String((card as { id?: unknown }).id)} is invalid: ${z.prettifyError(result.error)}`);
    parsed = result.data;
    canonicalCards.set(card, parsed);
    canonicalCards.set(parsed, parsed);
  }
  return parsed;
}

/** A new game from a seed, options and a deck: deterministic, no clock, no I/O. */
export function createGame(seed: number | string, optionsInput: GameOptionsInput, rawDeck: readonly Card[]): GameState {
  const deck = rawDeck.map(canonical);
  const parsed = GameOptionsSchema.safeParse(optionsInput);
  if (!parsed.success) throw new SetupError(`Invalid game options: ${z.prettifyError(parsed.error)}`);
  const options: GameOptions = parsed.data;
  if (deck.length < options.rounds) {
    throw new SetupError(`The deck has ${deck.length} cards but the game needs one per round (${options.rounds}).`);
  }
  const ids = new Set(deck.map((c) => c.id));
  if (ids.size !== deck.length) throw new SetupError("The deck has two cards with the same id.");

  let rng = seedToRng(seed);
  const stances = {} as Record<Nation, StanceId>;
  for (const nation of NATIONS) {
    const wanted = options.stances?.[nation];
    if (wanted !== undefined) {
      if (!(STANCES[nation] as readonly string[]).includes(wanted)) {
        throw new SetupError(`${wanted} is not a stance of ${nation}.`);
      }
      stances[nation] = wanted;
    } else {
      const choices = STANCES[nation];
      const [i, next] = nextInt(rng, choices.length);
      rng = next;
      stances[nation] = choices[i]!;
    }
  }

  const agendas = {} as Record<Nation, AgendaState>;
  for (const nation of NATIONS) {
    const wanted = options.agendas?.[nation];
    if (wanted !== undefined) {
      if (agendaById(wanted)?.nation !== nation) throw new SetupError(`${wanted} is not an agenda of ${nation}.`);
      agendas[nation] = { id: wanted, broken: false };
    } else {
      const pool = agendasOf(nation);
      const [i, next] = nextInt(rng, pool.length);
      rng = next;
      agendas[nation] = { id: pool[i]!.id, broken: false };
    }
  }

  let drawPile: CardId[];
  if (options.deckOrder === "chronological") {
    drawPile = deck
      .slice()
      .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id))
      .map((c) => c.id);
  } else {
    [drawPile, rng] = shuffle(
      deck.map((c) => c.id).sort(),
      rng,
    );
  }

  const start = TUNING.start;
  return {
    rulesVersion: RULES_VERSION,
    options,
    rng,
    round: 0,
    phase: "event",
    trust: { ...start.trust },
    support: { seoul: start.support, tokyo: start.support, washington: start.support },
    threat: start.threat,
    historyTension: start.historyTension,
    japanDefense: start.japanDefense,
    burdenShared: start.burdenShared,
    firewall: "intact",
    exportControls: false,
    counterstrike: false,
    institutions: {},
    crises: 0,
    stances,
    agendas,
    drawPile,
    cards: Object.fromEntries(deck.map((c) => [c.id, c])),
    current: emptyRound(null),
    proposals: [],
    nextProposalNumber: 1,
    messages: [],
    changes: [],
    rounds: [],
    ended: null,
    paused: null,
    phaseExtension: 0,
    broadcasts: [],
  };
}
