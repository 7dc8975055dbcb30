import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CARDS_DIR, REPO_ROOT, loadSeeds } from "../../server/content/fs-load.ts";
import { parseDeckFile, validateCards, validateSeeds } from "../../shared/content/load.ts";

const CLI = path.join(REPO_ROOT, "server", "content", "check-cli.ts");

function runCli(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8" });
  return { status: result.status, out: `${result.stdout}${result.stderr}`, lines: result.stdout.split("\n") };
}

function readCard(id: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(CARDS_DIR, `${id}.json`), "utf8")) as Record<string, unknown>;
}

const PAIRS_MESSAGE = "is not one of: seoul-tokyo, seoul-washington, tokyo-washington";
const KINDS =
  "trust, support, threat, historyTension, japanDefense, burdenShared, firewall, institution, exportControls, counterstrike, leadershipChange, deterrenceBonus";

describe("content:check on the built-in deck", () => {
  it("exits 0 and prints the cards-per-seed table", () => {
    const { status, out } = runCli([], REPO_ROOT);
    expect(out).toMatch(/^OK: (\d+) card\(s\) checked in content\/cards, \1 valid, against 5 seed\(s\);/m);
    expect(out).toMatch(/; 0 problem\(s\)\.$/m);
    expect(out).toMatch(/^nishino-2017\s+\d+\s+\d+$/m);
    expect(out).toMatch(/^satake-2024\s+\d+\s+\d+$/m);
    expect(out).toMatch(/^responses per nation: seoul \d+, tokyo \d+, washington \d+$/m);
    expect(status).toBe(0);
  });
});

describe("content:check on a broken deck", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "trilateral-cards-"));
    const write = (name: string, data: unknown) => writeFileSync(path.join(dir, name), JSON.stringify(data, null, 2));

    // Missing title, and (reported even though the schema fails) an unresolvable ref.
    const noTitle = readCard("dokdo-visit-2012");
    delete noTitle["title"];
    noTitle["citation"] = { seed: "nishino-2017", refs: ["dokdo-visit-2012", "nope"] };
    write("dokdo-visit-2012.json", noTitle);

    write("yasukuni-visit-2013.json", { ...readCard("yasukuni-visit-2013"), date: "2013-02-30" });
    write("gsomia-walkout-2012.json", { ...readCard("gsomia-walkout-2012"), date: "June 2012" });

    const unknownKind = readCard("gsomia-signed-2016");
    (unknownKind["effects"] as unknown[])[1] = { kind: "teleport", delta: 3 };
    write("gsomia-signed-2016.json", unknownKind);

    const badRef = readCard("radar-lock-on-2018");
    write("radar-lock-on-2018.json", { ...badRef, citation: { seed: "cho-2022", refs: ["radar-dispute-2018", "no-such-item"] } });
    write("abe-assassination-2022.json", { ...readCard("abe-assassination-2022"), citation: { seed: "nobody-1999", refs: ["x"] } });

    const badPair = readCard("hawaii-trilateral-ministerial-2022");
    (badPair["effects"] as Record<string, unknown>[])[2] = { kind: "trust", pair: "tokyo-seoul", delta: 2 };
    write("hawaii-trilateral-ministerial-2022.json", badPair);

    const badOption = readCard("gsomia-suspension-2019");
    const options = (badOption["response"] as { options: { effects: Record<string, unknown>[] }[] }).options;
    options[1]!.effects[0] = { kind: "support", nation: "seoul", delta: 1.5 };
    write("gsomia-suspension-2019.json", badOption);

    write("forced-labor-ruling-2018.json", readCard("forced-labor-ruling-2018"));
    write("zz-copy.json", readCard("forced-labor-ruling-2018"));
    write("nato-summit-invitation-2022.json", { ...readCard("nato-summit-invitation-2022"), colour: "blue" });
    writeFileSync(path.join(dir, "broken.json"), "{ not json");
    write("phnom-penh-statement-2022.json", readCard("phnom-penh-statement-2022"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("exits 1 and prints one precise line per problem", () => {
    const { status, lines, out } = runCli(["."], dir);
    const expected = [
      "dokdo-visit-2012.json: title: is required (expected string)",
      'dokdo-visit-2012.json: citation.refs.1: no item "nope" in seed "nishino-2017"',
      'yasukuni-visit-2013.json: date: "2013-02-30" is not a calendar date',
      "gsomia-walkout-2012.json: date: must be a date written YYYY, YYYY-MM or YYYY-MM-DD",
      `gsomia-signed-2016.json: effects.1.kind: unknown kind "teleport"; expected one of: ${KINDS}`,
      'radar-lock-on-2018.json: citation.refs.1: no item "no-such-item" in seed "cho-2022"',
      'abe-assassination-2022.json: citation.seed: no seed record "nobody-1999"',
      `hawaii-trilateral-ministerial-2022.json: effects.2.pair: "tokyo-seoul" ${PAIRS_MESSAGE}`,
      "gsomia-suspension-2019.json: response.options.1.effects.0.delta: Invalid input: expected int, received number",
      'zz-copy.json: id: file name must be "forced-labor-ruling-2018.json"',
      "nato-summit-invitation-2022.json: colour: unknown field",
    ];
    for (const line of expected) expect(lines, line).toContain(line);
    expect(out).toMatch(/^zz-copy\.json: id: duplicate card id "forced-labor-ruling-2018" \(first used in .*forced-labor-ruling-2018\.json\)$/m);
    expect(out).toMatch(/^broken\.json: \(json\): not valid JSON: /m);
    // The intact cards raise nothing, and the duplicate is blamed on the later file only.
    expect(out).not.toMatch(/^phnom-penh-statement-2022\.json/m);
    expect(out).not.toMatch(/^forced-labor-ruling-2018\.json/m);
    expect(out).toMatch(/^FAILED: 12 card\(s\) checked in \., 2 valid, against 5 seed\(s\); .*; 13 problem\(s\)\.$/m);
    expect(status).toBe(1);
  });

  it("checks a single card file", () => {
    const bad = runCli(["dokdo-visit-2012.json"], dir);
    expect(bad.lines).toContain("dokdo-visit-2012.json: title: is required (expected string)");
    expect(bad.status).toBe(1);
    const good = runCli(["phnom-penh-statement-2022.json"], dir);
    expect(good.out).toMatch(/^OK: 1 card\(s\) checked in phnom-penh-statement-2022\.json, 1 valid,/m);
    expect(good.status).toBe(0);
  });

  it("checks an instructor's one-file deck, prefixing fields with cards.N.", () => {
    const deckFile = path.join(dir, "..", `${path.basename(dir)}-deck.json`);
    const second = readCard("yasukuni-visit-2013");
    delete second["title"];
    writeFileSync(deckFile, JSON.stringify({ cards: [readCard("dokdo-visit-2012"), second, readCard("dokdo-visit-2012")] }));
    try {
      const { status, lines } = runCli([deckFile], path.dirname(deckFile));
      const name = path.basename(deckFile);
      expect(lines).toContain(`${name}: cards.1.title: is required (expected string)`);
      expect(lines.some((l) => l.startsWith(`${name}: cards.2.id: duplicate card id "dokdo-visit-2012"`))).toBe(true);
      expect(status).toBe(1);
    } finally {
      rmSync(deckFile, { force: true });
    }
  });

  it("reports a missing path", () => {
    const { status, lines } = runCli(["no-such-folder"], dir);
    expect(lines).toContain("no-such-folder: (root): no such file or folder");
    expect(status).toBe(1);
  });
});

describe("validateCards / parseDeckFile / validateSeeds", () => {
  const { seeds } = loadSeeds();
  const card = readCard("dokdo-visit-2012");

  it("accepts a valid card and returns it", () => {
    const result = validateCards([{ path: "cards/dokdo-visit-2012.json", data: card }], seeds);
    expect(result.problems).toEqual([]);
    expect(result.cards.map((c) => c.id)).toEqual(["dokdo-visit-2012"]);
  });

  it("uses (root) for a file that is not an object", () => {
    expect(parseDeckFile([1, 2], "x.json").problems).toEqual([
      { file: "x.json", field: "(root)", message: 'must be a card object or a deck object { "cards": [...] }' },
    ]);
  });

  it("parses a deck object and prefixes problems with cards.N.", () => {
    const result = parseDeckFile({ cards: [card, { ...card, tags: ["gossip"] }] }, "deck.json");
    expect(result.deck).toBe(true);
    expect(result.cards).toHaveLength(1);
    expect(result.problems).toEqual([
      { file: "deck.json", field: "cards.1.tags.0", message: '"gossip" is not one of: history, security, economy, domestic, external' },
    ]);
  });

  it("checks alsoCites refs", () => {
    const bad = { ...card, alsoCites: [{ seed: "lee-2022", refs: ["obstacles", "nope"] }] };
    const result = validateCards([{ path: "dokdo-visit-2012.json", data: bad }], seeds);
    expect(result.problems).toEqual([
      { file: "dokdo-visit-2012.json", field: "alsoCites.0.refs.1", message: 'no item "nope" in seed "lee-2022"' },
    ]);
    expect(result.cards).toEqual([]);
  });

  it("validates seed records: schema, file name, duplicate item ids", () => {
    const seed = seeds.find((s) => s.id === "lee-2022")!;
    const dupItems = { ...seed, items: [...seed.items, seed.items[0]] };
    const result = validateSeeds([
      { path: "seeds/lee.json", data: seed },
      { path: "seeds/lee-2022.json", data: dupItems },
      { path: "seeds/x.json", data: { ...seed, id: "x", file: "nope.txt" } },
    ]);
    expect(result.problems).toEqual([
      { file: "seeds/lee.json", field: "id", message: 'file name must be "lee-2022.json"' },
      { file: "seeds/lee-2022.json", field: "id", message: 'duplicate seed id "lee-2022" (first used in seeds/lee.json)' },
      { file: "seeds/lee-2022.json", field: `items.${seed.items.length}.id`, message: `duplicate item id "${seed.items[0]!.id}"` },
      { file: "seeds/x.json", field: "file", message: "must name a file in ../shared/seeds/" },
    ]);
  });
});
