import type { Card } from "../content/card-schema.ts";
import type { SeedRecord } from "../content/seed-schema.ts";

/** What a card cites, resolved against the seed records: our words, with the essay's bibliography. */
export interface CitedSource {
  seed: string;
  author: string;
  title: string;
  outlet: string;
  date: string;
  items: { id: string; kind: "fact" | "argument"; date?: string; text: string }[];
  note?: string;
}

export interface CardContext {
  cardId: string;
  title: string;
  date: string;
  prompts: string[];
  sources: CitedSource[];
}

/** The seed records a set of cards cites, trimmed to the items cited (what a debrief ships to a browser). */
export function seedsForCards(cards: readonly Card[], seeds: readonly SeedRecord[]): SeedRecord[] {
  const wanted = new Map<string, Set<string>>();
  for (const card of cards) {
    for (const c of [card.citation, ...(card.alsoCites ?? [])]) {
      const set = wanted.get(c.seed) ?? new Set<string>();
      c.refs.forEach((r) => set.add(r));
      wanted.set(c.seed, set);
    }
  }
  return seeds
    .filter((s) => wanted.has(s.id))
    .map((s) => ({ ...s, items: s.items.filter((i) => wanted.get(s.id)!.has(i.id)) }));
}

export function cardContext(card: Card, seeds: readonly SeedRecord[]): CardContext {
  const sources: CitedSource[] = [];
  for (const c of [card.citation, ...(card.alsoCites ?? [])]) {
    const seed = seeds.find((s) => s.id === c.seed);
    const items = seed ? seed.items.filter((i) => c.refs.includes(i.id)) : [];
    const source: CitedSource = {
      seed: c.seed,
      author: seed?.author ?? c.seed,
      title: seed?.title ?? "",
      outlet: seed?.outlet ?? "",
      date: seed?.date ?? "",
      items: items.map((i) => ({ id: i.id, kind: i.kind, text: i.text, ...(i.date ? { date: i.date } : {}) })),
    };
    if (c.note) source.note = c.note;
    sources.push(source);
  }
  return { cardId: card.id, title: card.title, date: card.date, prompts: card.prompts.slice(), sources };
}
