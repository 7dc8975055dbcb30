import { formatProblem, JSON_FIELD } from "../../../shared/content/load.ts";
import { checkDeck } from "./api.ts";

/** An instructor's deck file, read in the browser and checked by the server exactly like `content:check`. */
export type DeckFileResult =
  | { ok: true; fileName: string; data: unknown; cards: number }
  | { ok: false; fileName: string; problems: string[] };

export async function readDeckFile(file: File): Promise<DeckFileResult> {
  const fileName = file.name || "deck.json";
  let data: unknown;
  try {
    data = JSON.parse(await file.text());
  } catch (error) {
    return { ok: false, fileName, problems: [formatProblem({ file: fileName, field: JSON_FIELD, message: error instanceof Error ? error.message : String(error) })] };
  }
  const answer = await checkDeck(fileName, data);
  if (!answer.ok) return { ok: false, fileName, problems: answer.problems.length > 0 ? answer.problems : [answer.message] };
  const checked = answer.value;
  return checked.ok ? { ok: true, fileName, data, cards: checked.cards } : { ok: false, fileName, problems: checked.problems };
}
