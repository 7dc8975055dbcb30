import { z } from "zod";

/**
 * The "own words" guard without the essays: every run of RUN consecutive words of each source
 * essay, hashed, ships in `seeds/essay-runs.json` (no essay text). A card or seed text that
 * contains any hashed run copies the essay. Pure: usable in the browser and in Node.
 */

export const RUN = 8;

/** Lowercase words with apostrophes dropped, so "Japan’s" and "Japans" compare equal. */
export function words(text: string): string[] {
  return text.toLowerCase().replace(/['’‘]/g, "").match(/[a-z0-9]+/g) ?? [];
}

/** cyrb53: a fast 53-bit string hash (public domain), written in base 36. */
export function runHash(run: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < run.length; i++) {
    const ch = run.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Every run of RUN consecutive words of `text`, joined by single spaces. */
export function wordRuns(text: string): string[] {
  const w = words(text);
  const runs: string[] = [];
  for (let i = 0; i + RUN <= w.length; i++) runs.push(w.slice(i, i + RUN).join(" "));
  return runs;
}

export const EssayRunsSchema = z.strictObject({
  run: z.literal(RUN),
  hash: z.literal("cyrb53-base36"),
  essays: z.record(
    z.string(),
    z.strictObject({
      /** The essay's file name in ../shared/seeds/. */
      file: z.string(),
      words: z.number().int().positive(),
      hashes: z.array(z.string().regex(/^[0-9a-z]{1,11}$/)).min(1),
    }),
  ),
});
export type EssayRuns = z.infer<typeof EssayRunsSchema>;

/** Builds the shipped record from the essays' texts, keyed by seed id. */
export function buildEssayRuns(essays: readonly { seed: string; file: string; text: string }[]): EssayRuns {
  const out: EssayRuns = { run: RUN, hash: "cyrb53-base36", essays: {} };
  for (const { seed, file, text } of essays) {
    const hashes = [...new Set(wordRuns(text).map(runHash))].sort();
    out.essays[seed] = { file, words: words(text).length, hashes };
  }
  return out;
}

/** A lookup of every hashed run to the seed whose essay contains it. */
export function runIndex(record: EssayRuns): Map<string, string> {
  const index = new Map<string, string>();
  for (const [seed, essay] of Object.entries(record.essays)) for (const h of essay.hashes) index.set(h, seed);
  return index;
}

/** The first run of `text` found in an essay, with that essay's seed id; undefined when none is. */
export function copiedRun(text: string, index: ReadonlyMap<string, string>): { run: string; seed: string } | undefined {
  for (const run of wordRuns(text)) {
    const seed = index.get(runHash(run));
    if (seed !== undefined) return { run, seed };
  }
  return undefined;
}
