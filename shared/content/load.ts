import type { z } from "zod";
import { CardSchema, CitationSchema, type Card } from "./card-schema.ts";
import { SeedRecordSchema, type SeedRecord } from "./seed-schema.ts";

/**
 * Pure validation of content: event cards and seed records. No file system here —
 * `fs-load.ts` reads the files and hands their parsed JSON to these functions, and the
 * client or server can validate an instructor's uploaded deck the same way.
 */

/** One thing wrong with a content file. `field` is a dotted path such as `response.options.1.effects.0.delta`, or `(root)`. */
export interface ContentProblem {
  file: string;
  field: string;
  message: string;
}

export interface ContentFile {
  path: string;
  data: unknown;
}

type Citation = z.infer<typeof CitationSchema>;
type Issue = z.core.$ZodIssue;

export const ROOT_FIELD = "(root)";
export const JSON_FIELD = "(json)";

/** `a.b.0.c`, or `(root)` for the whole object. */
export function fieldPath(path: readonly PropertyKey[], prefix = ""): string {
  const joined = [prefix.replace(/\.$/, ""), ...path.map((p) => String(p))].filter((p) => p !== "").join(".");
  return joined === "" ? ROOT_FIELD : joined;
}

function show(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : JSON.stringify(value) ?? String(value);
}

/** Shorter, plainer messages for the common cases; zod's own message otherwise. */
function issueMessage(issue: Issue): string {
  const loose = issue as Issue & { input?: unknown; discriminator?: string; options?: unknown[]; values?: unknown[] };
  if (issue.code === "invalid_type" && loose.input === undefined) {
    return `is required (expected ${issue.expected})`;
  }
  if (issue.code === "invalid_union" && typeof loose.discriminator === "string" && Array.isArray(loose.options)) {
    const input = loose.input as Record<string, unknown> | undefined;
    const value = typeof input === "object" && input !== null ? input[loose.discriminator] : undefined;
    const expected = `expected one of: ${loose.options.map(String).join(", ")}`;
    return value === undefined ? `is required; ${expected}` : `unknown ${loose.discriminator} ${show(value)}; ${expected}`;
  }
  if (issue.code === "invalid_value" && Array.isArray(loose.values) && loose.values.length > 1) {
    return `${show(loose.input)} is not one of: ${loose.values.map(String).join(", ")}`;
  }
  return issue.message;
}

/** Turns zod issues into problems; an unrecognized key becomes a problem on that key. */
export function issuesToProblems(file: string, issues: readonly Issue[], prefix = ""): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        problems.push({ file, field: fieldPath([...issue.path, key], prefix), message: "unknown field" });
      }
      continue;
    }
    problems.push({ file, field: fieldPath(issue.path, prefix), message: issueMessage(issue) });
  }
  return problems;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for YYYY, YYYY-MM or YYYY-MM-DD naming a real calendar date (leap years included). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  if (m[2] === undefined) return true;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const max = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 31);
  return day >= 1 && day <= max;
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One card entry of a file, with where it came from; `card` is set when it passed its schema. */
interface LocatedCard {
  raw: unknown;
  card?: Card;
  file: string;
  /** "" for a one-card file, "cards.N." inside a deck file. */
  prefix: string;
}

function parseOneCard(raw: unknown, file: string, prefix: string): { card?: Card; problems: ContentProblem[] } {
  const result = CardSchema.safeParse(raw, { reportInput: true });
  if (!result.success) return { problems: issuesToProblems(file, result.error.issues, prefix) };
  const card = result.data;
  const problems: ContentProblem[] = [];
  if (!isCalendarDate(card.date)) {
    problems.push({ file, field: fieldPath(["date"], prefix), message: `"${card.date}" is not a calendar date` });
  }
  return problems.length > 0 ? { problems } : { card, problems };
}

function parseDeckFileLocated(raw: unknown, file: string): { located: LocatedCard[]; problems: ContentProblem[]; deck: boolean } {
  if (isPlainObject(raw) && "cards" in raw && !("id" in raw)) {
    const problems: ContentProblem[] = [];
    for (const key of Object.keys(raw)) {
      if (key !== "cards") problems.push({ file, field: key, message: "unknown field (a deck file has only \"cards\")" });
    }
    const list = raw["cards"];
    if (!Array.isArray(list)) {
      problems.push({ file, field: "cards", message: "must be an array of cards" });
      return { located: [], problems, deck: true };
    }
    if (list.length === 0) problems.push({ file, field: "cards", message: "a deck file needs at least one card" });
    const located: LocatedCard[] = [];
    list.forEach((entry, index) => {
      const prefix = `cards.${index}.`;
      const parsed = parseOneCard(entry, file, prefix);
      problems.push(...parsed.problems);
      located.push({ raw: entry, card: parsed.card, file, prefix });
    });
    return { located, problems, deck: true };
  }
  if (!isPlainObject(raw)) {
    return {
      located: [],
      problems: [{ file, field: ROOT_FIELD, message: "must be a card object or a deck object { \"cards\": [...] }" }],
      deck: false,
    };
  }
  const parsed = parseOneCard(raw, file, "");
  return { located: [{ raw, card: parsed.card, file, prefix: "" }], problems: parsed.problems, deck: false };
}

/**
 * Parses one deck file: either a single card object or an instructor's one-file deck
 * `{ "cards": [...] }`. Checks schemas and calendar dates only (not citations; see validateCards).
 * Inside a deck, problem fields are prefixed `cards.N.`.
 */
export function parseDeckFile(raw: unknown, file = "(deck)"): { cards: Card[]; problems: ContentProblem[]; deck: boolean } {
  const { located, problems, deck } = parseDeckFileLocated(raw, file);
  return { cards: located.flatMap((l) => (l.card ? [l.card] : [])), problems, deck };
}

function checkCitation(
  citation: Citation,
  field: string,
  file: string,
  seeds: ReadonlyMap<string, SeedRecord>,
): ContentProblem[] {
  const seed = seeds.get(citation.seed);
  if (!seed) return [{ file, field: `${field}.seed`, message: `no seed record "${citation.seed}"` }];
  const items = new Set(seed.items.map((i) => i.id));
  const problems: ContentProblem[] = [];
  citation.refs.forEach((ref, i) => {
    if (!items.has(ref)) problems.push({ file, field: `${field}.refs.${i}`, message: `no item "${ref}" in seed "${seed.id}"` });
  });
  return problems;
}

/** Citation problems of a card that failed its schema, for whichever citations are themselves well formed. */
function checkRawCitations(raw: unknown, prefix: string, file: string, seeds: ReadonlyMap<string, SeedRecord>): ContentProblem[] {
  if (!isPlainObject(raw)) return [];
  const problems: ContentProblem[] = [];
  const citation = CitationSchema.safeParse(raw["citation"]);
  if (citation.success) problems.push(...checkCitation(citation.data, `${prefix}citation`, file, seeds));
  const also = raw["alsoCites"];
  if (Array.isArray(also)) {
    also.forEach((entry, i) => {
      const parsed = CitationSchema.safeParse(entry);
      if (parsed.success) problems.push(...checkCitation(parsed.data, `${prefix}alsoCites.${i}`, file, seeds));
    });
  }
  return problems;
}

/**
 * Validates card files against the seed records: schema, calendar dates, file name = `<id>.json`
 * (one-card files only), card ids unique across all files (the problem goes on the later file),
 * and every citation seed and ref resolvable. Returns the cards that passed every check, and how
 * many card entries were checked in all.
 */
export function validateCards(
  files: readonly ContentFile[],
  seeds: readonly SeedRecord[],
): { cards: Card[]; problems: ContentProblem[]; checked: number } {
  const seedMap = new Map(seeds.map((s) => [s.id, s] as const));
  const problems: ContentProblem[] = [];
  const firstFileOfId = new Map<string, string>();
  const cards: Card[] = [];
  let checked = 0;

  for (const { path, data } of files) {
    const parsed = parseDeckFileLocated(data, path);
    problems.push(...parsed.problems);
    for (const { raw, card, file, prefix } of parsed.located) {
      checked += 1;
      if (!card) {
        problems.push(...checkRawCitations(raw, prefix, file, seedMap));
        continue;
      }
      const cardProblems: ContentProblem[] = [];
      if (!parsed.deck && baseName(file) !== `${card.id}.json`) {
        cardProblems.push({ file, field: "id", message: `file name must be "${card.id}.json"` });
      }
      const first = firstFileOfId.get(card.id);
      if (first !== undefined) {
        cardProblems.push({
          file,
          field: `${prefix}id`,
          message: `duplicate card id "${card.id}" (first used in ${first})`,
        });
      } else {
        firstFileOfId.set(card.id, file);
      }
      cardProblems.push(...checkCitation(card.citation, `${prefix}citation`, file, seedMap));
      (card.alsoCites ?? []).forEach((c, i) => {
        cardProblems.push(...checkCitation(c, `${prefix}alsoCites.${i}`, file, seedMap));
      });
      problems.push(...cardProblems);
      if (cardProblems.length === 0) cards.push(card);
    }
  }
  return { cards, problems, checked };
}

/**
 * Validates seed record files: schema, calendar dates, file name = `<id>.json`, unique seed ids
 * and unique item ids within each seed. Returns the records that passed.
 */
export function validateSeeds(files: readonly ContentFile[]): { seeds: SeedRecord[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const seeds: SeedRecord[] = [];
  const firstFileOfId = new Map<string, string>();
  for (const { path: file, data } of files) {
    const result = SeedRecordSchema.safeParse(data, { reportInput: true });
    if (!result.success) {
      problems.push(...issuesToProblems(file, result.error.issues));
      continue;
    }
    const seed = result.data;
    const seedProblems: ContentProblem[] = [];
    if (baseName(file) !== `${seed.id}.json`) {
      seedProblems.push({ file, field: "id", message: `file name must be "${seed.id}.json"` });
    }
    const first = firstFileOfId.get(seed.id);
    if (first !== undefined) {
      seedProblems.push({ file, field: "id", message: `duplicate seed id "${seed.id}" (first used in ${first})` });
    } else {
      firstFileOfId.set(seed.id, file);
    }
    if (!isCalendarDate(seed.date)) {
      seedProblems.push({ file, field: "date", message: `"${seed.date}" is not a calendar date` });
    }
    const itemIds = new Set<string>();
    seed.items.forEach((item, i) => {
      if (itemIds.has(item.id)) {
        seedProblems.push({ file, field: `items.${i}.id`, message: `duplicate item id "${item.id}"` });
      }
      itemIds.add(item.id);
      if (item.date !== undefined && !isCalendarDate(item.date)) {
        seedProblems.push({ file, field: `items.${i}.date`, message: `"${item.date}" is not a calendar date` });
      }
    });
    problems.push(...seedProblems);
    if (seedProblems.length === 0) seeds.push(seed);
  }
  return { seeds, problems };
}

/** How many cards cite each seed as their primary source, with every known seed listed (0 if none). */
export function cardsPerSeed(cards: readonly Card[], seeds: readonly SeedRecord[]): Map<string, number> {
  const counts = new Map<string, number>(seeds.map((s) => [s.id, 0] as const));
  for (const card of cards) counts.set(card.citation.seed, (counts.get(card.citation.seed) ?? 0) + 1);
  return counts;
}

/** `file: field: message` — the one-line form the CLI prints. */
export function formatProblem(problem: ContentProblem): string {
  return `${problem.file}: ${problem.field}: ${problem.message}`;
}
