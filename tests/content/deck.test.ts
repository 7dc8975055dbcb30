import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Card } from "../../shared/content/card-schema.ts";
import { checkOwnWords } from "../../shared/content/deck-rules.ts";
import { RUN, buildEssayRuns, copiedRun, runIndex } from "../../shared/content/essay-runs.ts";
import { CARDS_DIR, ESSAY_RUNS_FILE, SEEDS_DIR, loadBuiltInDeck, loadDeck, loadEssayRuns, loadSeeds } from "../../server/content/fs-load.ts";
import { isCalendarDate } from "../../shared/content/load.ts";
import type { SeedRecord } from "../../shared/content/seed-schema.ts";
import type { Effect } from "../../shared/rules/effects.ts";
import { INSTITUTIONS } from "../../shared/rules/institutions.ts";

const seedResult = loadSeeds();
const deckResult = loadDeck(CARDS_DIR, seedResult.seeds);
const seeds: SeedRecord[] = seedResult.seeds;
const cards: Card[] = deckResult.cards;
const byId = new Map<string, Card>(cards.map((c) => [c.id, c]));

/** Every event the design brief's "Event cards" paragraph names, with the card that carries it. */
const BRIEF_EVENTS: { event: string; id: string; date: string; opportunity?: boolean }[] = [
  { event: "GSOMIA walkout an hour before signing", id: "gsomia-walkout-2012", date: "2012-06" },
  { event: "Dokdo visit", id: "dokdo-visit-2012", date: "2012-08" },
  { event: "Yasukuni visit", id: "yasukuni-visit-2013", date: "2013-12" },
  { event: "comfort women agreement", id: "comfort-women-agreement-2015", date: "2015-12-28" },
  { event: "GSOMIA signed", id: "gsomia-signed-2016", date: "2016-11" },
  { event: "rising-sun flag / Jeju fleet review", id: "fleet-review-rising-sun-flag-2018", date: "2018-10" },
  { event: "radar lock-on / low-flying patrol aircraft", id: "radar-lock-on-2018", date: "2018-12" },
  { event: "forced-labor Supreme Court ruling", id: "forced-labor-ruling-2018", date: "2018-10-30" },
  { event: "export whitelist removal", id: "export-whitelist-removal-2019", date: "2019-08" },
  { event: "GSOMIA suspension", id: "gsomia-suspension-2019", date: "2019-08-22" },
  { event: "US Congress resolutions", id: "us-congress-resolutions-2019", date: "2019" },
  { event: "Hawaii trilateral ministerial", id: "hawaii-trilateral-ministerial-2022", date: "2022-02-12" },
  { event: "first trilateral defense ministers' meeting without a bilateral", id: "singapore-defense-ministers-2022", date: "2022-06-11" },
  { event: "NATO summit invitation", id: "nato-summit-invitation-2022", date: "2022-06-29" },
  { event: "North Korea's record missile year", id: "north-korea-missile-record-2022", date: "2022" },
  { event: "trilateral exercises in the East Sea", id: "east-sea-trilateral-exercises-2022", date: "2022-09" },
  { event: "Phnom Penh trilateral statement", id: "phnom-penh-statement-2022", date: "2022-11" },
  { event: "Japan's new security strategy and counterstrike", id: "japan-security-strategy-2022", date: "2022-12" },
  { event: "two-percent defense budget pledge", id: "two-percent-defense-pledge-2022", date: "2022-07" },
  { event: "Abe assassination", id: "abe-assassination-2022", date: "2022-07-08" },
  { event: "Ishiba takes office", id: "ishiba-takes-office-2024", date: "2024-10" },
  { event: "Yoon weakened by the April 2024 election", id: "yoon-election-defeat-2024", date: "2024-04" },
  { event: "Japan–Australia ACSA", id: "japan-australia-acsa-2010", date: "2010-05", opportunity: true },
  { event: "Japan–Australia joint declaration renewed", id: "japan-australia-joint-declaration-2022", date: "2022-10", opportunity: true },
  { event: "Japan–Australia TSD", id: "japan-australia-tsd-2006", date: "2006-03", opportunity: true },
];

function allEffects(card: Card): Effect[] {
  return [...card.effects, ...(card.response?.options.flatMap((o) => o.effects) ?? [])];
}

describe("the built-in deck", () => {
  it("loads with zero problems", () => {
    expect(seedResult.problems).toEqual([]);
    expect(deckResult.problems).toEqual([]);
    expect(() => loadBuiltInDeck()).not.toThrow();
    expect(loadBuiltInDeck()).toHaveLength(cards.length);
  });

  it("has one card per file and every file loads", () => {
    const files = readdirSync(CARDS_DIR).filter((f) => f.endsWith(".json"));
    expect(cards).toHaveLength(files.length);
  });

  it("has at least 40 cards", () => {
    expect(cards.length).toBeGreaterThanOrEqual(40);
  });

  it("has the five seed records, each with 10–20 items", () => {
    expect(seeds.map((s) => s.id).sort()).toEqual(["cho-2022", "chun-2022", "lee-2022", "nishino-2017", "satake-2024"]);
    for (const seed of seeds) {
      expect(seed.items.length, seed.id).toBeGreaterThanOrEqual(10);
      expect(seed.items.length, seed.id).toBeLessThanOrEqual(20);
    }
  });

  it("cites each seed as the primary source of at least 8 cards", () => {
    for (const seed of seeds) {
      const n = cards.filter((c) => c.citation.seed === seed.id).length;
      expect(n, seed.id).toBeGreaterThanOrEqual(8);
    }
  });

  it.each(BRIEF_EVENTS)("has a card for the $event", ({ id, date, opportunity }) => {
    const card = byId.get(id);
    expect(card, id).toBeDefined();
    expect(card?.date).toBe(date);
    if (opportunity) expect(card?.opportunity).toBe(true);
  });

  it("resolves every citation and alsoCites to a seed item", () => {
    const seedMap = new Map(seeds.map((s) => [s.id, new Set(s.items.map((i) => i.id))] as const));
    for (const card of cards) {
      for (const citation of [card.citation, ...(card.alsoCites ?? [])]) {
        const items = seedMap.get(citation.seed);
        expect(items, `${card.id} cites ${citation.seed}`).toBeDefined();
        for (const ref of citation.refs) expect(items?.has(ref), `${card.id} → ${citation.seed}#${ref}`).toBe(true);
      }
    }
  });

  it("uses valid calendar dates on every card and seed item", () => {
    for (const card of cards) expect(isCalendarDate(card.date), card.id).toBe(true);
    for (const seed of seeds) {
      expect(isCalendarDate(seed.date), seed.id).toBe(true);
      for (const item of seed.items) if (item.date) expect(isCalendarDate(item.date), `${seed.id}#${item.id}`).toBe(true);
    }
    expect(isCalendarDate("2019-02-29")).toBe(false);
    expect(isCalendarDate("2020-02-29")).toBe(true);
    expect(isCalendarDate("2018-13")).toBe(false);
  });

  it("dates the forced-labor ruling to October 2018 and notes the essay's 2017", () => {
    const card = byId.get("forced-labor-ruling-2018");
    expect(["2018-10", "2018-10-30"]).toContain(card?.date);
    expect(card?.citation.seed).toBe("chun-2022");
    expect(card?.citation.note).toMatch(/2017/);
    const item = seeds.find((s) => s.id === "chun-2022")?.items.find((i) => i.id === "forced-labor-ruling");
    expect(item?.date).toBe("2017");
    expect(item?.note).toMatch(/30 October 2018/);
  });

  it("teaches the firewall: trade retaliation breaches it, history shocks carry the history domain", () => {
    const exportCard = byId.get("export-whitelist-removal-2019");
    expect(exportCard?.effects).toContainEqual({ kind: "firewall", state: "breached" });
    expect(exportCard?.effects).toContainEqual({ kind: "exportControls", active: true });

    const suspension = byId.get("gsomia-suspension-2019");
    expect(suspension?.response?.nations).toEqual(["seoul"]);
    expect(suspension?.response?.options).toHaveLength(3);
    // Letting GSOMIA lapse, or scaling back the drills, is Seoul's own security decision: not a
    // history shock the firewall could cancel, but a step that breaches it (since v8).
    for (const [cardId, optionId, institution] of [
      ["gsomia-suspension-2019", "suspend", "gsomia"],
      ["dokdo-sovereignty-warning-2022", "scale-back", "trilateral-exercises"],
    ] as const) {
      const option = byId.get(cardId)?.response?.options.find((o) => o.id === optionId);
      expect(option?.effects, cardId).toContainEqual({ kind: "institution", op: "suspend", institution });
      expect(option?.effects, cardId).toContainEqual({ kind: "firewall", state: "breached" });
    }
    for (const card of byId.values()) {
      for (const e of allEffects(card)) {
        if (e.kind === "institution" && e.op === "suspend" && INSTITUTIONS[e.institution].security) expect(e.domain, card.id).toBeUndefined();
      }
    }

    for (const id of ["dokdo-visit-2012", "yasukuni-visit-2013", "forced-labor-ruling-2018", "fleet-review-rising-sun-flag-2018"]) {
      const card = byId.get(id)!;
      const hit = card.effects.find((e) => e.kind === "trust" && e.pair === "seoul-tokyo" && e.delta < 0);
      expect(hit?.domain, id).toBe("history");
    }
  });

  it("keeps every card's effects moderate", () => {
    // Immediate effects plus any one response option, summed per meter.
    for (const card of cards) {
      const variants = card.response ? card.response.options.map((o) => [...card.effects, ...o.effects]) : [card.effects];
      for (const effects of variants) {
        const sums = new Map<string, number>();
        for (const e of effects) {
          if (e.kind === "trust") sums.set(`trust:${e.pair}`, (sums.get(`trust:${e.pair}`) ?? 0) + e.delta);
          if (e.kind === "support") sums.set(`support:${e.nation}`, (sums.get(`support:${e.nation}`) ?? 0) + e.delta);
          if (e.kind === "threat" || e.kind === "historyTension") sums.set(e.kind, (sums.get(e.kind) ?? 0) + e.delta);
        }
        for (const [meter, sum] of sums) {
          const limit = meter.startsWith("trust") ? 15 : meter.startsWith("support") ? 8 : 2;
          expect(Math.abs(sum), `${card.id} ${meter}`).toBeLessThanOrEqual(limit);
        }
      }
    }
  });

  it("asks for a response on roughly half the cards, and has opportunity cards", () => {
    const withResponse = cards.filter((c) => c.response).length;
    expect(withResponse / cards.length).toBeGreaterThan(0.35);
    expect(withResponse / cards.length).toBeLessThan(0.7);
    expect(cards.filter((c) => c.opportunity).length).toBeGreaterThanOrEqual(5);
  });

  it("writes prompts as open questions", () => {
    for (const card of cards) for (const p of card.prompts) expect(p.trim().endsWith("?"), `${card.id}: ${p}`).toBe(true);
  });
});

describe("own words, against the shipped hashes of the essays", () => {
  const essayRuns = loadEssayRuns();
  const files = { card: (id: string) => `${id}.json`, seed: (id: string) => `${id}.json` };

  it("ships hashes for every run of eight words of each of the five essays, and no essay text", () => {
    expect(essayRuns.run).toBe(RUN);
    expect(Object.keys(essayRuns.essays).sort()).toEqual(seeds.map((s) => s.id).sort());
    for (const seed of seeds) {
      const essay = essayRuns.essays[seed.id]!;
      expect(essay.file, seed.id).toBe(seed.file);
      const runs = essay.words - RUN + 1;
      // Repeated passages hash alike, so there are at most as many hashes as runs, and nearly as many.
      expect(essay.hashes.length, seed.id).toBeLessThanOrEqual(runs);
      expect(essay.hashes.length, seed.id).toBeGreaterThan(runs * 0.85);
    }
    expect(readdirSync(SEEDS_DIR)).toContain(path.basename(ESSAY_RUNS_FILE));
  });

  it("the guard itself catches eight copied words and lets seven through", () => {
    const source = "Our invented essay says that quiet ministries build trust slowly while loud summits often undo it overnight.";
    const index = runIndex(buildEssayRuns([{ seed: "fixture", file: "fixture.txt", text: source }]));
    expect(copiedRun("As one writer put it, quiet ministries build trust slowly while loud summits fail.", index)).toEqual({
      run: "quiet ministries build trust slowly while loud summits",
      seed: "fixture",
    });
    expect(copiedRun("Quiet ministries build trust slowly while loud ones do not.", index)).toBeUndefined();
    expect(copiedRun("QUIET ministries, build trust; slowly while loud summits!", index)?.seed).toBe("fixture");
  });

  it(`no card text contains a run of ${RUN}+ words from an essay`, () => {
    expect(checkOwnWords(cards, [], essayRuns, files)).toEqual([]);
  });

  it(`no seed summary, item or note contains a run of ${RUN}+ words from an essay`, () => {
    expect(checkOwnWords([], seeds, essayRuns, files)).toEqual([]);
  });
});

describe("seed folder", () => {
  it("holds only the seed records, the essay-run hashes and the README", () => {
    const names = readdirSync(SEEDS_DIR).sort();
    expect(names).toEqual([...seeds.map((s) => `${s.id}.json`).sort(), "README.md", "essay-runs.json"].sort());
  });
});
