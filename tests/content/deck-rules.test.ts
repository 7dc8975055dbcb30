import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Card } from "../../shared/content/card-schema.ts";
import {
  DEBATES_PER_ESSAY,
  RESPONSE_MINIMUM,
  auditRows,
  checkAudit,
  checkCoverage,
  checkDeckRules,
  checkEras,
  checkNamePairs,
  checkPrompts,
  responsesPerNation,
} from "../../shared/content/deck-rules.ts";
import { CARDS_DIR, loadDeck, loadDeckRulesInput, loadSeeds } from "../../server/content/fs-load.ts";
import type { SeedRecord } from "../../shared/content/seed-schema.ts";

const seeds: SeedRecord[] = loadSeeds().seeds;
const cards: Card[] = loadDeck(CARDS_DIR, seeds).cards;
const input = loadDeckRulesInput();
const files = { card: (id: string) => `${id}.json`, seed: (id: string) => `${id}.json`, audit: "AUDIT.md", eras: "eras.json" };
const byId = new Map<string, Card>(cards.map((c) => [c.id, c]));
const card = (id: string): Card => structuredClone(byId.get(id)!);
const messages = (problems: { message: string }[]) => problems.map((p) => p.message);

describe("the built-in deck keeps its own rules", () => {
  it("has zero problems under every deck rule", () => {
    expect(checkDeckRules(cards, seeds, input, files)).toEqual([]);
  });

  it("gives every nation its own decisions: Washington at least 8 response cards, Tokyo at least 12", () => {
    const counts = responsesPerNation(cards);
    expect(counts.washington).toBeGreaterThanOrEqual(RESPONSE_MINIMUM.washington);
    expect(counts.tokyo).toBeGreaterThanOrEqual(RESPONSE_MINIMUM.tokyo);
    expect(RESPONSE_MINIMUM.washington).toBe(8);
    expect(RESPONSE_MINIMUM.tokyo).toBe(12);
  });

  it("has Seoul's changes of president as events that change its government", () => {
    const changes = cards.filter((c) => c.effects.some((e) => e.kind === "leadershipChange" && e.nation === "seoul"));
    expect(changes.map((c) => c.id).sort()).toEqual(["lee-jae-myung-takes-office-2025", "moon-takes-office-2017", "yoon-takes-office-2022"]);
  });

  it("no longer puts missile-warning sharing in force the moment it is announced, nor founds the 2011 secretariat", () => {
    const phnomPenh = card("phnom-penh-statement-2022");
    expect(phnomPenh.effects.some((e) => e.kind === "institution")).toBe(false);
    const cjk = card("cjk-secretariat-2017");
    expect(cjk.effects.some((e) => e.kind === "institution")).toBe(false);
    expect(cjk.narrative).toMatch(/since 2011/);
  });
});

describe("both names", () => {
  it("flags a card that says East Sea without Sea of Japan, and accepts one with both", () => {
    const oneSided = { ...card("east-sea-trilateral-exercises-2022"), narrative: "Three navies drill in the East Sea against North Korean submarines and missiles." };
    expect(messages(checkNamePairs([oneSided], [], files))).toEqual(["names one side only: give both (East Sea / Sea of Japan)"]);
    expect(checkNamePairs([card("east-sea-trilateral-exercises-2022")], [], files)).toEqual([]);
  });

  it("flags Takeshima without Dokdo, and the rising-sun flag without Tokyo's case about the ensign", () => {
    const takeshima = { ...card("dokdo-visit-2012"), title: "Takeshima", narrative: "The president flies out to Takeshima and is applauded at home for it." };
    // Its response options speak of the ensign, so drop them to leave one side's case only.
    const { response: _options, ...rest } = card("fleet-review-rising-sun-flag-2018");
    const flag: Card = { ...rest, narrative: "Japan's ships fly the rising-sun flag and many Koreans are angered by the sight." };
    expect(messages(checkNamePairs([takeshima, flag], [], files))).toEqual([
      "names one side only: give both (Dokdo / Takeshima)",
      "names one side only: give both (rising-sun flag / the navy's ensign)",
    ]);
  });

  it("checks seed items too", () => {
    const lee = structuredClone(seeds.find((s) => s.id === "lee-2022")!);
    lee.items[0]!.text = "Drills near the Senkakus worry Seoul, which trades heavily with China.";
    expect(checkNamePairs([], [lee], files)).toEqual([
      { file: "lee-2022.json", field: "items.0", message: "names one side only: give both (Senkaku / Diaoyu)" },
    ]);
  });
});

describe("seminar prompts", () => {
  it("wants two prompts per card, each a question, none about the game", () => {
    const one = { ...card("hawaii-trilateral-ministerial-2022"), prompts: ["Why did Washington bring its two allies together?"] };
    const gamey = { ...card("nato-summit-invitation-2022"), prompts: ["Which card should Seoul play next?", "What should you score here."] };
    const problems = checkPrompts([one, gamey], seeds, files).filter((p) => p.file !== "(deck)");
    expect(messages(problems)).toEqual([
      "needs at least 2 seminar prompts",
      'asks about the game ("card"), not the history',
      "must be a question",
      'asks about the game ("score"), not the history',
    ]);
  });

  it("wants each debate prompt to name both authors, cite both essays, and each essay set against another three times", () => {
    const base = card("two-track-approach-2015");
    const unnamed = { ...base, prompts: [base.prompts[0]!, "Was the wall ever built, or only hoped for?"] };
    const uncited = { ...base, alsoCites: [], debate: [{ prompt: 1, essays: ["nishino-2017", "cho-2022"] as [string, string] }] };
    const problems = checkPrompts([unnamed, uncited], seeds, files);
    expect(messages(problems)).toContain("a debate prompt must name Nishino");
    expect(messages(problems)).toContain("a debate prompt must name Cho");
    expect(messages(problems)).toContain('"cho-2022" is not among the card\'s citations');
    expect(messages(problems)).toContain(`satake-2024 is set against another essay in 0 prompt(s); needs ${DEBATES_PER_ESSAY}`);
    expect(checkPrompts(cards, seeds, files)).toEqual([]);
  });
});

describe("coverage", () => {
  it("fails when Washington or Tokyo answers too few cards", () => {
    const seoulOnly = cards.filter((c) => !c.response || c.response.nations.includes("seoul"));
    const problems = messages(checkCoverage(seoulOnly, seeds, files));
    expect(problems).toContain("washington answers 0 response card(s); needs 8");
    expect(problems).toContain("tokyo answers 1 response card(s); needs 12");
  });

  it("fails when a seed item is cited by no card and not marked background, or is both", () => {
    const withoutTisa = cards.filter((c) => c.id !== "tisa-2014");
    expect(messages(checkCoverage(withoutTisa, seeds, files))).toEqual([
      '"cold-war-distance" is cited by no card: cite it or mark it background',
    ]);
    const marked = seeds.map((s) =>
      s.id !== "lee-2022" ? s : { ...s, items: s.items.map((i) => (i.id === "cold-war-distance" ? { ...i, background: "Context for the essay's opening." } : i)) },
    );
    expect(checkCoverage(withoutTisa, marked, files)).toEqual([]);
    expect(messages(checkCoverage(cards, marked, files))).toEqual(['"cold-war-distance" is cited by a card, so it is not background']);
  });

  it("fails when an essay is the primary source of fewer than eight cards", () => {
    const fewLee = cards.filter((c) => c.citation.seed !== "lee-2022" || c.id === "tisa-2014");
    expect(messages(checkCoverage(fewLee, seeds, files))).toContain("is the primary source of 1 card(s); needs 8");
  });
});

describe("eras", () => {
  it("accepts only canonical labels whose span holds the card's date", () => {
    const unknown = { ...card("dokdo-visit-2012"), era: "Lee Myung-bak & Noda (2012)" };
    const outside = { ...card("dokdo-visit-2012"), era: "Park Geun-hye & Abe (2013–2016)" };
    expect(messages(checkEras([unknown, outside], input.eras, files))).toEqual([
      '"Lee Myung-bak & Noda (2012)" is not an era in content/eras.json',
      '2012-08 lies outside "Park Geun-hye & Abe (2013–2016)" (2013-02-25 to 2016-12-09)',
    ]);
    // A year-only date may straddle two eras: 2017 overlaps Moon & Abe.
    expect(checkEras([card("america-first-burden-2017")], input.eras, files)).toEqual([]);
  });
});

describe("AUDIT.md", () => {
  const audit = readFileSync(path.join(CARDS_DIR, "..", "AUDIT.md"), "utf8");

  it("has a row for every card and every seed item, each with a known verdict", () => {
    const ids = new Set(auditRows(audit).map((r) => r.id));
    for (const c of cards) expect(ids.has(c.id), c.id).toBe(true);
    for (const s of seeds) for (const i of s.items) expect(ids.has(`${s.id}#${i.id}`), `${s.id}#${i.id}`).toBe(true);
  });

  it("fails when a card has no row, a verdict is unknown, or a row names nothing", () => {
    const doctored = audit
      .split("\n")
      .filter((line) => !line.startsWith("| `tisa-2014` |"))
      .concat(["| `no-such-card` | a claim | a source | ok | none |", "| `dokdo-visit-2012` | a claim | a source | maybe | none |"])
      .join("\n");
    const problems = checkAudit(cards, seeds, doctored, files);
    expect(problems).toContainEqual({ file: "tisa-2014.json", field: "(root)", message: "has no row in content/AUDIT.md" });
    expect(messages(problems)).toContain('"no-such-card" is no card or seed item');
    expect(messages(problems)).toContain("verdict must be one of: ok, fixed, noted");
  });
});
