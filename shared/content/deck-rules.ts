import { z } from "zod";
import type { Card } from "./card-schema.ts";
import { copiedRun, runIndex, type EssayRuns } from "./essay-runs.ts";
import type { ContentProblem } from "./load.ts";
import type { SeedRecord } from "./seed-schema.ts";
import type { Nation } from "../rules/vocabulary.ts";

/**
 * The built-in deck's own rules, beyond each card's schema: what `content:check` enforces of
 * issue 13 — both names where the sides name a place differently, every nation answering
 * enough cards, every essay cited and set against the others in seminar prompts, every seed
 * item used or marked background, canonical era labels, and an AUDIT.md row for every card and
 * seed item. `checkOwnWords` and `checkNamePairs` apply to any deck; the rest to the built-in one.
 */

export interface DeckRulesInput {
  /** The text of content/AUDIT.md. */
  audit: string;
  /** The parsed content/eras.json. */
  eras: unknown;
  essayRuns: EssayRuns;
}

/** Where each card and seed came from, so problems name the file. */
export interface ContentFiles {
  card: (id: string) => string;
  seed: (id: string) => string;
  audit: string;
  eras: string;
}

export const RESPONSE_MINIMUM: Record<Nation, number> = { seoul: 12, tokyo: 12, washington: 8 };
export const PRIMARY_CITATIONS_PER_ESSAY = 8;
export const DEBATES_PER_ESSAY = 3;
export const PROMPTS_PER_CARD = 2;

/** Names the two sides give differently: a text that uses one must give the other too. */
export const NAME_PAIRS: readonly { pair: string; a: RegExp; b: RegExp; oneWay?: true }[] = [
  { pair: "East Sea / Sea of Japan", a: /\bEast Sea\b/i, b: /\bSea of Japan\b/i },
  { pair: "Dokdo / Takeshima", a: /\bDokdo\b/i, b: /\bTakeshima\b/i },
  { pair: "Senkaku / Diaoyu", a: /\bSenkakus?\b/i, b: /\bDiaoyu\b/i },
  // Tokyo's case: the flag is the ensign its navy must fly.
  { pair: "rising-sun flag / the navy's ensign", a: /\brising[- ]sun\b/i, b: /\bensign\b/i, oneWay: true },
];

/** Words about the game itself: a seminar prompt asks about history and arguments, not tactics. */
export const GAME_TERMS =
  /\b(card|cards|round|rounds|score|scores|scoring|meter|meters|firewall|player|players|seat|seats|bot|bots|game|games|win|wins|winning)\b/i;

const EraSchema = z.strictObject({
  label: z.string().min(2).max(40),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export const ErasSchema = z.strictObject({ eras: z.array(EraSchema).min(1) });

/** Every text a card shows, with its field name. */
export function cardTexts(card: Card): [string, string][] {
  const texts: [string, string][] = [
    ["title", card.title],
    ["narrative", card.narrative],
    ...card.prompts.map((p, i): [string, string] => [`prompts.${i}`, p]),
    ["citation.note", card.citation.note ?? ""],
  ];
  (card.alsoCites ?? []).forEach((c, i) => texts.push([`alsoCites.${i}.note`, c.note ?? ""]));
  if (card.response) {
    texts.push(["response.prompt", card.response.prompt]);
    card.response.options.forEach((o, i) => {
      texts.push([`response.options.${i}.label`, o.label], [`response.options.${i}.description`, o.description]);
    });
  }
  return texts;
}

/** Every text a seed record holds, with its field name. */
export function seedTexts(seed: SeedRecord): [string, string][] {
  const texts: [string, string][] = [["summary", seed.summary]];
  seed.items.forEach((item, i) => texts.push([`items.${i}.text`, item.text], [`items.${i}.note`, item.note ?? ""]));
  return texts;
}

/** No run of eight consecutive essay words in any card or seed text. */
export function checkOwnWords(
  cards: readonly Card[],
  seeds: readonly SeedRecord[],
  essayRuns: EssayRuns,
  files: Pick<ContentFiles, "card" | "seed">,
): ContentProblem[] {
  const index = runIndex(essayRuns);
  const problems: ContentProblem[] = [];
  const scan = (file: string, texts: [string, string][]) => {
    for (const [field, text] of texts) {
      const hit = copiedRun(text, index);
      if (hit) problems.push({ file, field, message: `copies eight words of the ${hit.seed} essay: "${hit.run}"` });
    }
  };
  for (const card of cards) scan(files.card(card.id), cardTexts(card));
  for (const seed of seeds) scan(files.seed(seed.id), seedTexts(seed));
  return problems;
}

function missingName(text: string): string | undefined {
  for (const { pair, a, b, oneWay } of NAME_PAIRS) {
    if (a.test(text) && !b.test(text)) return pair;
    if (!oneWay && b.test(text) && !a.test(text)) return pair;
  }
  return undefined;
}

/** Both names where a pair is known: per card (all its texts together) and per seed item. */
export function checkNamePairs(
  cards: readonly Card[],
  seeds: readonly SeedRecord[],
  files: Pick<ContentFiles, "card" | "seed">,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const card of cards) {
    const pair = missingName(cardTexts(card).map(([, t]) => t).join("\n"));
    if (pair) problems.push({ file: files.card(card.id), field: "(root)", message: `names one side only: give both (${pair})` });
  }
  for (const seed of seeds) {
    const summary = missingName(seed.summary);
    if (summary) problems.push({ file: files.seed(seed.id), field: "summary", message: `names one side only: give both (${summary})` });
    seed.items.forEach((item, i) => {
      const pair = missingName(`${item.text}\n${item.note ?? ""}`);
      if (pair) problems.push({ file: files.seed(seed.id), field: `items.${i}`, message: `names one side only: give both (${pair})` });
    });
  }
  return problems;
}

/** The family name a prompt uses for an essay's author. */
export function surname(seed: SeedRecord): string {
  return seed.surname ?? seed.author.split(/\s+/).at(-1) ?? seed.author;
}

function citedSeeds(card: Card): Set<string> {
  return new Set([card.citation.seed, ...(card.alsoCites ?? []).map((c) => c.seed)]);
}

/** Prompts: at least two, open questions, not about the game; debates name both essays' authors. */
export function checkPrompts(cards: readonly Card[], seeds: readonly SeedRecord[], files: Pick<ContentFiles, "card">): ContentProblem[] {
  const seedMap = new Map(seeds.map((s) => [s.id, s] as const));
  const problems: ContentProblem[] = [];
  const debates = new Map<string, number>(seeds.map((s) => [s.id, 0] as const));
  for (const card of cards) {
    const file = files.card(card.id);
    if (card.prompts.length < PROMPTS_PER_CARD) {
      problems.push({ file, field: "prompts", message: `needs at least ${PROMPTS_PER_CARD} seminar prompts` });
    }
    card.prompts.forEach((p, i) => {
      if (!p.trim().endsWith("?")) problems.push({ file, field: `prompts.${i}`, message: "must be a question" });
      const term = GAME_TERMS.exec(p);
      if (term) problems.push({ file, field: `prompts.${i}`, message: `asks about the game ("${term[0]}"), not the history` });
    });
    const cited = citedSeeds(card);
    (card.debate ?? []).forEach((d, i) => {
      const field = `debate.${i}`;
      const prompt = card.prompts[d.prompt];
      if (prompt === undefined) problems.push({ file, field: `${field}.prompt`, message: `no prompt ${d.prompt}` });
      if (d.essays[0] === d.essays[1]) problems.push({ file, field: `${field}.essays`, message: "sets an essay against itself" });
      d.essays.forEach((id, j) => {
        const seed = seedMap.get(id);
        if (!seed) return problems.push({ file, field: `${field}.essays.${j}`, message: `no seed record "${id}"` });
        if (!cited.has(id)) problems.push({ file, field: `${field}.essays.${j}`, message: `"${id}" is not among the card's citations` });
        if (prompt !== undefined && !prompt.includes(surname(seed))) {
          problems.push({ file, field: `prompts.${d.prompt}`, message: `a debate prompt must name ${surname(seed)}` });
        }
        debates.set(id, (debates.get(id) ?? 0) + 1);
      });
    });
  }
  for (const [id, n] of debates) {
    if (n < DEBATES_PER_ESSAY) {
      problems.push({ file: "(deck)", field: "debate", message: `${id} is set against another essay in ${n} prompt(s); needs ${DEBATES_PER_ESSAY}` });
    }
  }
  return problems;
}

/** Response cards per nation, and primary citations per essay, at their minimums. */
export function checkCoverage(cards: readonly Card[], seeds: readonly SeedRecord[], files: Pick<ContentFiles, "seed">): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const [nation, min] of Object.entries(RESPONSE_MINIMUM)) {
    const n = cards.filter((c) => c.response?.nations.includes(nation as Nation)).length;
    if (n < min) problems.push({ file: "(deck)", field: "response", message: `${nation} answers ${n} response card(s); needs ${min}` });
  }
  const cited = new Set<string>();
  for (const card of cards) {
    for (const c of [card.citation, ...(card.alsoCites ?? [])]) for (const ref of c.refs) cited.add(`${c.seed}#${ref}`);
  }
  for (const seed of seeds) {
    const primary = cards.filter((c) => c.citation.seed === seed.id).length;
    if (primary < PRIMARY_CITATIONS_PER_ESSAY) {
      problems.push({ file: files.seed(seed.id), field: "(root)", message: `is the primary source of ${primary} card(s); needs ${PRIMARY_CITATIONS_PER_ESSAY}` });
    }
    seed.items.forEach((item, i) => {
      const used = cited.has(`${seed.id}#${item.id}`);
      if (!used && item.background === undefined) {
        problems.push({ file: files.seed(seed.id), field: `items.${i}`, message: `"${item.id}" is cited by no card: cite it or mark it background` });
      }
      if (used && item.background !== undefined) {
        problems.push({ file: files.seed(seed.id), field: `items.${i}.background`, message: `"${item.id}" is cited by a card, so it is not background` });
      }
    });
  }
  return problems;
}

function dateRange(date: string): [string, string] {
  const [y, m, d] = date.split("-");
  if (d !== undefined) return [date, date];
  if (m !== undefined) return [`${y}-${m}-01`, `${y}-${m}-31`];
  return [`${y}-01-01`, `${y}-12-31`];
}

/** Every card's era is a canonical label whose span overlaps the card's date. */
export function checkEras(cards: readonly Card[], eras: unknown, files: Pick<ContentFiles, "card" | "eras">): ContentProblem[] {
  const parsed = ErasSchema.safeParse(eras);
  if (!parsed.success) return [{ file: files.eras, field: "(root)", message: parsed.error.issues[0]?.message ?? "invalid" }];
  const byLabel = new Map(parsed.data.eras.map((e) => [e.label, e] as const));
  const problems: ContentProblem[] = [];
  for (const card of cards) {
    const era = byLabel.get(card.era);
    if (!era) {
      problems.push({ file: files.card(card.id), field: "era", message: `"${card.era}" is not an era in content/eras.json` });
      continue;
    }
    const [start, end] = dateRange(card.date);
    if (end < era.from || start > era.to) {
      problems.push({ file: files.card(card.id), field: "era", message: `${card.date} lies outside "${card.era}" (${era.from} to ${era.to})` });
    }
  }
  return problems;
}

export const VERDICTS = ["ok", "fixed", "noted"] as const;

/** The rows of AUDIT.md's tables: the first cell's `id` and the verdict (fourth cell). */
export function auditRows(markdown: string): { id: string; verdict: string; line: number }[] {
  const rows: { id: string; verdict: string; line: number }[] = [];
  markdown.split("\n").forEach((text, i) => {
    if (!text.startsWith("|") || /^\|\s*:?-/.test(text)) return;
    const cells = text.split("|").slice(1, -1).map((c) => c.trim());
    const id = /^`([^`]+)`$/.exec(cells[0] ?? "")?.[1];
    if (id === undefined) return;
    rows.push({ id, verdict: (cells[3] ?? "").toLowerCase().split(/[\s:;,.]/)[0] ?? "", line: i + 1 });
  });
  return rows;
}

/** A row per card, per seed item (`seed#item`) and per seed summary (`seed#summary`), each with a known verdict, and no row for what does not exist. */
export function checkAudit(cards: readonly Card[], seeds: readonly SeedRecord[], audit: string, files: Pick<ContentFiles, "card" | "seed" | "audit">): ContentProblem[] {
  const rows = auditRows(audit);
  const ids = new Set(rows.map((r) => r.id));
  const known = new Set([
    ...cards.map((c) => c.id),
    ...seeds.flatMap((s) => [`${s.id}#summary`, ...s.items.map((i) => `${s.id}#${i.id}`)]),
  ]);
  const problems: ContentProblem[] = [];
  for (const card of cards) if (!ids.has(card.id)) problems.push({ file: files.card(card.id), field: "(root)", message: "has no row in content/AUDIT.md" });
  for (const seed of seeds) {
    if (!ids.has(`${seed.id}#summary`)) problems.push({ file: files.seed(seed.id), field: "summary", message: "has no row in content/AUDIT.md" });
    seed.items.forEach((item, i) => {
      if (!ids.has(`${seed.id}#${item.id}`)) problems.push({ file: files.seed(seed.id), field: `items.${i}`, message: `"${item.id}" has no row in content/AUDIT.md` });
    });
  }
  for (const row of rows) {
    if (!known.has(row.id)) problems.push({ file: files.audit, field: `line ${row.line}`, message: `"${row.id}" is no card or seed item` });
    if (!(VERDICTS as readonly string[]).includes(row.verdict)) {
      problems.push({ file: files.audit, field: `line ${row.line}`, message: `verdict must be one of: ${VERDICTS.join(", ")}` });
    }
  }
  return problems;
}

/** Everything above, for the built-in deck. */
export function checkDeckRules(cards: readonly Card[], seeds: readonly SeedRecord[], input: DeckRulesInput, files: ContentFiles): ContentProblem[] {
  return [
    ...checkOwnWords(cards, seeds, input.essayRuns, files),
    ...checkNamePairs(cards, seeds, files),
    ...checkPrompts(cards, seeds, files),
    ...checkCoverage(cards, seeds, files),
    ...checkEras(cards, input.eras, files),
    ...checkAudit(cards, seeds, input.audit, files),
  ];
}

/** Response cards per nation, for the summary line. */
export function responsesPerNation(cards: readonly Card[]): Record<Nation, number> {
  const out: Record<Nation, number> = { seoul: 0, tokyo: 0, washington: 0 };
  for (const card of cards) for (const n of card.response?.nations ?? []) out[n] += 1;
  return out;
}
