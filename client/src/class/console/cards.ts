import type { CardChoice } from "./controls.ts";

/**
 * Cards the instructor can inject: the built-in deck's ids and titles (only the titles are
 * bundled: Vite's JSON named exports let the rest of each card fall away), and, once a table
 * is open, that table's own draw pile (a class with an uploaded deck draws from it).
 */
const builtIn = import.meta.glob<string>("../../../../content/cards/*.json", { eager: true, import: "title" });

export const BUILT_IN_CARDS: CardChoice[] = Object.entries(builtIn)
  .map(([path, title]) => ({ id: path.replace(/^.*\//, "").replace(/\.json$/, ""), title }))
  .sort((a, b) => a.title.localeCompare(b.title));

/** The draw pile of an open table first (as ids with titles where the built-in deck knows them), then the rest of the built-in deck. */
export function injectableCards(upcoming: readonly string[] | null): CardChoice[] {
  if (!upcoming || upcoming.length === 0) return BUILT_IN_CARDS;
  const titles = new Map(BUILT_IN_CARDS.map((c) => [c.id, c.title] as const));
  return upcoming.map((id) => ({ id, title: titles.get(id) ?? id }));
}
