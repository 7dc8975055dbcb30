import type { Card } from "../../shared/content/card-schema.ts";
import { loadSeeds } from "../content/fs-load.ts";
import { formatProblem, validateCards } from "../../shared/content/load.ts";
import { TUNING } from "../../shared/rules/tuning.ts";

/**
 * An instructor's deck file, checked exactly as `npm run content:check <file>` checks it
 * (validateCards against the built-in seed records); every problem is `file: field: message`.
 */
export function checkUploadedDeck(fileName: string, data: unknown, rounds: number = TUNING.rounds.min): { ok: true; cards: Card[] } | { ok: false; problems: string[] } {
  const file = fileName.replace(/[\\/]/g, "_");
  const seeds = loadSeeds();
  const { cards, problems } = validateCards([{ path: file, data }], seeds.seeds);
  const lines = problems.map(formatProblem);
  if (lines.length === 0 && cards.length === 0) lines.push(`${file}: (root): the deck has no cards`);
  if (lines.length === 0 && cards.length < rounds) {
    lines.push(`${file}: cards: the deck has ${cards.length} card(s) but a game of ${rounds} rounds needs one per round`);
  }
  return lines.length > 0 ? { ok: false, problems: lines } : { ok: true, cards };
}
