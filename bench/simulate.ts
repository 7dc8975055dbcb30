/**
 * The balance simulator: plays N whole games headlessly and summarizes them.
 *
 *   npm run simulate -- --games 10000 --seed 1
 *   npm run simulate -- --games 2000 --seed 7 --seats seoul=progressive,tokyo=hawkish,washington=burden-shifter
 *   npm run simulate -- --games 1000 --seed 1 --policy random --out sim-out/random
 *
 * Options: --games N (1000) --seed S (1) --first I (0: game i plays seed "S-i") --seats nation=stance,… (default: drawn per game from the
 * seed) --difficulty easy|normal|hard (normal) --policy bots|random (bots) --rounds R (8)
 * --deck builtin|test (builtin) --out DIR (write summary.json and CSV files) --quiet (no progress).
 *
 * Every game must finish: a stuck game, or a bot that throws, stops the run with the game's seed
 * and a non-zero exit status.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { botDiagnostics } from "../shared/bots/bot.ts";
import { legalRandom, type SeatPolicy } from "../shared/bots/random.ts";
import { botPolicy, DIFFICULTIES, type Difficulty } from "../shared/bots/registry.ts";
import type { Card } from "../shared/content/card-schema.ts";
import { loadBuiltInDeck } from "../server/content/fs-load.ts";
import { deterrenceOf } from "../shared/rules/deterrence.ts";
import { INSTITUTION_IDS, type InstitutionId } from "../shared/rules/institutions.ts";
import type { GameState } from "../shared/rules/state.ts";
import { TUNING } from "../shared/rules/tuning.ts";
import { meterKey, NATIONS, PAIRS, STANCES, type Nation, type StanceId } from "../shared/rules/vocabulary.ts";
import { playGame } from "../shared/sim/play.ts";
import { mixedDeck } from "../tests/support/cards.ts";

export interface SimOptions {
  games: number;
  seed: string;
  /** Index of the first game (game i plays seed "<seed>-<i>"), to rerun one failing game. */
  first: number;
  seats: Partial<Record<Nation, StanceId>>;
  difficulty: Difficulty;
  policy: "bots" | "random";
  rounds: number;
  deck: "builtin" | "test";
  out: string | null;
  quiet: boolean;
}

export const DEFAULTS: SimOptions = {
  games: 1000,
  seed: "1",
  first: 0,
  seats: {},
  difficulty: "normal",
  policy: "bots",
  rounds: TUNING.rounds.default,
  deck: "builtin",
  out: null,
  quiet: false,
};

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): SimOptions {
  const o: SimOptions = { ...DEFAULTS, seats: {} };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--games": {
        o.games = Number(value());
        if (!Number.isInteger(o.games) || o.games < 1) throw new UsageError("--games must be a positive whole number");
        break;
      }
      case "--seed":
        o.seed = value();
        break;
      case "--first": {
        o.first = Number(value());
        if (!Number.isInteger(o.first) || o.first < 0) throw new UsageError("--first must be a whole number");
        break;
      }
      case "--seats":
        for (const part of value().split(",").filter(Boolean)) {
          const [nation, stance] = part.split("=") as [Nation, StanceId];
          if (!NATIONS.includes(nation)) throw new UsageError(`--seats: unknown nation "${nation}" (seoul, tokyo, washington)`);
          if (!(STANCES[nation] as readonly string[]).includes(stance)) {
            throw new UsageError(`--seats: "${stance}" is not a stance of ${nation} (${STANCES[nation].join(", ")})`);
          }
          o.seats[nation] = stance;
        }
        break;
      case "--difficulty": {
        const d = value() as Difficulty;
        if (!DIFFICULTIES.includes(d)) throw new UsageError(`--difficulty must be one of ${DIFFICULTIES.join(", ")}`);
        o.difficulty = d;
        break;
      }
      case "--policy": {
        const p = value();
        if (p !== "bots" && p !== "random") throw new UsageError("--policy must be bots or random");
        o.policy = p;
        break;
      }
      case "--rounds": {
        o.rounds = Number(value());
        if (!Number.isInteger(o.rounds) || o.rounds < TUNING.rounds.min || o.rounds > TUNING.rounds.max) {
          throw new UsageError(`--rounds must be between ${TUNING.rounds.min} and ${TUNING.rounds.max}`);
        }
        break;
      }
      case "--deck": {
        const d = value();
        if (d !== "builtin" && d !== "test") throw new UsageError("--deck must be builtin or test");
        o.deck = d;
        break;
      }
      case "--out":
        o.out = value();
        break;
      case "--quiet":
        o.quiet = true;
        break;
      case "--help":
      case "-h":
        throw new UsageError("help");
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  return o;
}

// ——— Statistics ——————————————————————————————————————————————————————————

const METER_KEYS = [
  ...PAIRS.map((pair) => meterKey({ meter: "trust", pair })),
  ...NATIONS.map((nation) => meterKey({ meter: "support", nation })),
  "threat",
  "historyTension",
  "japanDefense",
  "burdenShared",
] as const;

interface CardTally {
  appearances: number;
  delta: Record<string, number>;
}

export class Tally {
  games = 0;
  rounds = 0;
  crisisEnded = 0;
  crisisMarkers = 0;
  gamesWithAMarker = 0;
  /** Crisis markers placed, by round. */
  markersByRound: number[] = [];
  /** Threat at resolution, summed by round, and how many games reached each round. */
  threatByRound: number[] = [];
  gamesByRound: number[] = [];
  wins: Record<Nation, number> = { seoul: 0, tokyo: 0, washington: 0 };
  scores: Record<Nation, number> = { seoul: 0, tokyo: 0, washington: 0 };
  /** Sum of each score line (agenda lines under one label), over games that did not end in crisis. */
  scoreLines: Record<Nation, Record<string, number>> = { seoul: {}, tokyo: {}, washington: {} };
  /** Seated (starting) stance: games, wins. */
  stanceGames = {} as Record<StanceId, number>;
  stanceWins = {} as Record<StanceId, number>;
  stanceScore = {} as Record<StanceId, number>;
  /** Policies committed, by the stance of the government that committed them. */
  policyMix = {} as Record<StanceId, Record<string, number>>;
  finalMeters: Record<string, number> = Object.fromEntries(METER_KEYS.map((k) => [k, 0]));
  finalDeterrence = 0;
  firewallIntact = 0;
  exportControls = 0;
  counterstrike = 0;
  leadershipChanges = 0;
  adopted = {} as Record<InstitutionId, number>;
  inForceAtEnd = {} as Record<InstitutionId, number>;
  cards: Record<string, CardTally> = {};
  proposals = { tabled: 0, agreed: 0, rejected: 0, lapsed: 0 };
  pledges = { kept: 0, broken: 0 };
  chat = { lines: 0, seatPhases: 0, maxInAPhase: 0 };
  commands = 0;
  timeouts = 0;
  refused = 0;
  seconds = 0;
  /** CPU time of this process (user + system), the fair measure on a busy machine. */
  cpuSeconds = 0;

  constructor() {
    for (const n of NATIONS) for (const s of STANCES[n]) {
      this.stanceGames[s] = 0;
      this.stanceWins[s] = 0;
      this.stanceScore[s] = 0;
    }
    for (const id of INSTITUTION_IDS) {
      this.adopted[id] = 0;
      this.inForceAtEnd[id] = 0;
    }
  }

  add(state: GameState, startStances: Record<Nation, StanceId>, commands: number, timeouts: number, refused: number): void {
    this.games += 1;
    this.commands += commands;
    this.timeouts += timeouts;
    this.refused += refused;
    this.rounds += state.rounds.length;
    this.crisisMarkers += state.crises;
    if (state.crises > 0) this.gamesWithAMarker += 1;
    const end = state.ended!;
    if (end.reason === "regional-crisis") this.crisisEnded += 1;
    const winners = end.ranking.filter((r) => r.rank === 1);
    for (const n of NATIONS) {
      this.stanceGames[startStances[n]] += 1;
      this.stanceScore[startStances[n]] += end.scores[n].total;
      this.scores[n] += end.scores[n].total;
    }
    if (end.reason !== "regional-crisis") {
      for (const n of NATIONS) {
        for (const l of end.scores[n].lines) {
          const label = l.label.startsWith("Secret agenda") ? "Secret agenda" : l.label;
          this.scoreLines[n][label] = (this.scoreLines[n][label] ?? 0) + l.points;
        }
      }
    }
    for (const w of winners) {
      this.wins[w.nation] += 1 / winners.length;
      this.stanceWins[startStances[w.nation]] += 1 / winners.length;
    }
    for (const pair of PAIRS) this.finalMeters[meterKey({ meter: "trust", pair })]! += state.trust[pair];
    for (const n of NATIONS) this.finalMeters[meterKey({ meter: "support", nation: n })]! += state.support[n];
    this.finalMeters.threat! += state.threat;
    this.finalMeters.historyTension! += state.historyTension;
    this.finalMeters.japanDefense! += state.japanDefense;
    this.finalMeters.burdenShared! += state.burdenShared;
    this.finalDeterrence += deterrenceOf({ ...state, current: { deterrenceBonus: 0 } }).total;
    if (state.firewall === "intact") this.firewallIntact += 1;
    if (state.exportControls) this.exportControls += 1;
    if (state.counterstrike) this.counterstrike += 1;
    for (const r of state.rounds) this.leadershipChanges += r.leadershipChanges.length;
    for (const r of state.rounds) if (r.crisis) this.markersByRound[r.round - 1] = (this.markersByRound[r.round - 1] ?? 0) + 1;
    for (const r of state.rounds) {
      this.threatByRound[r.round - 1] = (this.threatByRound[r.round - 1] ?? 0) + r.threat;
      this.gamesByRound[r.round - 1] = (this.gamesByRound[r.round - 1] ?? 0) + 1;
    }
    // The stance in office when a policy was chosen: walk the rounds, flipping at each leadership change.
    const office = { ...startStances };
    for (const r of state.rounds) {
      for (const n of NATIONS) {
        const mix = (this.policyMix[office[n]] ??= {});
        mix[r.policies[n]] = (mix[r.policies[n]] ?? 0) + 1;
      }
      for (const n of r.leadershipChanges) office[n] = STANCES[n].find((x) => x !== office[n]) ?? office[n];
    }
    for (const id of INSTITUTION_IDS) {
      const status = state.institutions[id]?.status;
      if (status) this.adopted[id] += 1;
      if (status === "in-force") this.inForceAtEnd[id] += 1;
    }
    for (const r of state.rounds) {
      if (!r.cardId) continue;
      (this.cards[r.cardId] ??= { appearances: 0, delta: {} }).appearances += 1;
    }
    for (const c of state.changes) {
      if (c.cause.kind !== "card" && c.cause.kind !== "response") continue;
      const tally = (this.cards[c.cause.cardId] ??= { appearances: 0, delta: {} });
      const key = meterKey(c.meter);
      tally.delta[key] = (tally.delta[key] ?? 0) + (c.to - c.from);
    }
    const pledgeSeen = new Set<string>();
    for (const c of state.changes) {
      if (c.cause.kind !== "pledge") continue;
      const key = `${c.cause.proposalId}:${c.cause.nation}`;
      if (pledgeSeen.has(key)) continue;
      pledgeSeen.add(key);
      if (c.cause.kept) this.pledges.kept += 1;
      else this.pledges.broken += 1;
    }
    for (const p of state.proposals) {
      this.proposals.tabled += 1;
      if (p.status === "enacted" || p.status === "agreed") this.proposals.agreed += 1;
      else if (p.status === "rejected") this.proposals.rejected += 1;
      else if (p.status === "lapsed") this.proposals.lapsed += 1;
    }
    const perPhase = new Map<string, number>();
    for (const m of state.messages) {
      const key = `${m.round}:${m.phase}:${m.from}`;
      perPhase.set(key, (perPhase.get(key) ?? 0) + 1);
    }
    this.chat.lines += state.messages.length;
    this.chat.seatPhases += state.rounds.length * 3 * 2;
    for (const v of perPhase.values()) this.chat.maxInAPhase = Math.max(this.chat.maxInAPhase, v);
  }

  summary() {
    const g = Math.max(1, this.games);
    const decided = Math.max(1, this.games - this.crisisEnded);
    const pct = (x: number, of = g) => Math.round((1000 * x) / of) / 10;
    const mean = (x: number) => Math.round((100 * x) / g) / 100;
    const stances = {} as Record<StanceId, { games: number; winRate: number; meanScore: number }>;
    for (const s of Object.keys(this.stanceGames) as StanceId[]) {
      const n = Math.max(1, this.stanceGames[s]);
      stances[s] = { games: this.stanceGames[s], winRate: pct(this.stanceWins[s], n), meanScore: Math.round((100 * this.stanceScore[s]) / n) / 100 };
    }
    const cards = Object.fromEntries(
      Object.entries(this.cards)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([id, t]) => [
          id,
          {
            appearances: t.appearances,
            meanDelta: Object.fromEntries(Object.entries(t.delta).map(([k, v]) => [k, Math.round((100 * v) / Math.max(1, t.appearances)) / 100])),
          },
        ]),
    );
    return {
      games: this.games,
      roundsPlayed: { total: this.rounds, mean: mean(this.rounds) },
      crisis: {
        endedInCrisisPct: pct(this.crisisEnded),
        gamesWithAMarkerPct: pct(this.gamesWithAMarker),
        meanMarkers: mean(this.crisisMarkers),
        markersByRoundPct: Array.from({ length: this.markersByRound.length }, (_, i) => pct(this.markersByRound[i] ?? 0)),
        /** Share of all games that took a crisis marker in round 1. */
        roundOneMarkerPct: pct(this.markersByRound[0] ?? 0),
        /** Mean threat at resolution, by round, over the games that reached that round. */
        meanThreatByRound: this.gamesByRound.map((n, i) => Math.round((100 * (this.threatByRound[i] ?? 0)) / Math.max(1, n)) / 100),
      },
      winRatePct: {
        ofAllGames: Object.fromEntries(NATIONS.map((n) => [n, pct(this.wins[n])])) as Record<Nation, number>,
        ofDecidedGames: Object.fromEntries(NATIONS.map((n) => [n, pct(this.wins[n], decided)])) as Record<Nation, number>,
      },
      meanScore: Object.fromEntries(NATIONS.map((n) => [n, mean(this.scores[n])])),
      meanScoreLinesOfDecidedGames: Object.fromEntries(
        NATIONS.map((n) => [n, Object.fromEntries(Object.entries(this.scoreLines[n]).map(([k, v]) => [k, Math.round((100 * v) / decided) / 100]))]),
      ),
      winRateByStancePct: stances,
      policyMixPct: Object.fromEntries(
        Object.entries(this.policyMix).map(([stance, mix]) => {
          const total = Object.values(mix).reduce((a, b) => a + b, 0);
          return [stance, Object.fromEntries(Object.entries(mix).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, pct(v, Math.max(1, total))]))];
        }),
      ),
      finalMeansOfMeters: { ...Object.fromEntries(Object.entries(this.finalMeters).map(([k, v]) => [k, mean(v)])), deterrence: mean(this.finalDeterrence) },
      finalFlagsPct: { firewallIntact: pct(this.firewallIntact), exportControls: pct(this.exportControls), counterstrike: pct(this.counterstrike) },
      leadershipChangesPerGame: mean(this.leadershipChanges),
      institutionsPct: Object.fromEntries(INSTITUTION_IDS.map((id) => [id, { adopted: pct(this.adopted[id]), inForceAtEnd: pct(this.inForceAtEnd[id]) }])),
      proposals: { perGame: mean(this.proposals.tabled), agreedPct: pct(this.proposals.agreed, Math.max(1, this.proposals.tabled)), rejectedPct: pct(this.proposals.rejected, Math.max(1, this.proposals.tabled)), lapsedPct: pct(this.proposals.lapsed, Math.max(1, this.proposals.tabled)) },
      pledges: { perGame: mean(this.pledges.kept + this.pledges.broken), keptPct: pct(this.pledges.kept, Math.max(1, this.pledges.kept + this.pledges.broken)) },
      chat: { linesPerGame: mean(this.chat.lines), maxLinesBySeatInOnePhase: this.chat.maxInAPhase },
      commandsPerGame: mean(this.commands),
      timeoutsPerGame: mean(this.timeouts),
      refusedCommands: this.refused,
      seconds: Math.round(this.seconds * 100) / 100,
      cpuSeconds: Math.round(this.cpuSeconds * 100) / 100,
      gamesPerSecond: Math.round(this.games / Math.max(1e-9, this.seconds)),
      gamesPerCpuSecond: Math.round(this.games / Math.max(1e-9, this.cpuSeconds)),
      cards,
    };
  }
}

// ——— Running —————————————————————————————————————————————————————————————

export class StuckGame extends Error {
  seed: string;
  constructor(seed: string, message: string) {
    super(message);
    this.seed = seed;
  }
}

export function deckFor(which: SimOptions["deck"]): Card[] {
  if (which === "test") return mixedDeck();
  return loadBuiltInDeck();
}

export function policiesFor(o: SimOptions): Record<Nation, SeatPolicy> {
  if (o.policy === "random") return { seoul: legalRandom, tokyo: legalRandom, washington: legalRandom };
  // Each bot plays its government's current stance (read from its view); the argument is a fallback.
  return {
    seoul: botPolicy(o.seats.seoul ?? "conservative", o.difficulty),
    tokyo: botPolicy(o.seats.tokyo ?? "mainstream", o.difficulty),
    washington: botPolicy(o.seats.washington ?? "alliance-builder", o.difficulty),
  };
}

export const gameSeed = (seed: string, i: number) => `${seed}-${i}`;

export function simulate(o: SimOptions, onProgress?: (done: number, elapsed: number) => void, seatPolicies?: Record<Nation, SeatPolicy>): Tally {
  const deck = deckFor(o.deck);
  const policies = seatPolicies ?? policiesFor(o);
  const tally = new Tally();
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  for (let k = 0; k < o.games; k++) {
    const i = o.first + k;
    const seed = gameSeed(o.seed, i);
    const stances = Object.keys(o.seats).length > 0 ? { ...o.seats } : undefined;
    let result: ReturnType<typeof playGame>;
    try {
      result = playGame({ seed, options: { rounds: o.rounds, ...(stances ? { stances } : {}) }, deck, policies });
    } catch (error) {
      throw new StuckGame(seed, `game ${i} (seed "${seed}") crashed: ${(error as Error).stack ?? error}`);
    }
    if (result.stuck || result.state.phase !== "ended" || !result.state.ended) {
      throw new StuckGame(seed, `game ${i} (seed "${seed}") got stuck after ${result.commands} commands in round ${result.state.round}, ${result.state.phase} phase`);
    }
    tally.add(result.state, result.startStances, result.commands, result.timeouts, result.refused);
    tally.seconds = (performance.now() - started) / 1000;
    onProgress?.(k + 1, tally.seconds);
  }
  {
    const cpu = process.cpuUsage(cpuStart);
    tally.cpuSeconds = (cpu.user + cpu.system) / 1e6;
  }
  return tally;
}

/** A progress bar on a terminal; plain periodic lines when stderr is a pipe or a file. */
export function progressReporter(total: number, quiet: boolean): ((done: number, elapsed: number) => void) & { finish(): void } {
  const tty = process.stderr.isTTY === true;
  let lastDraw = 0;
  let lastLine = 0;
  const step = Math.max(1, Math.ceil(total / 10));
  const report = ((done: number, elapsed: number) => {
    if (quiet) return;
    const rate = done / Math.max(1e-9, elapsed);
    if (tty) {
      const now = performance.now();
      if (done !== total && now - lastDraw < 80) return;
      lastDraw = now;
      const width = 30;
      const filled = Math.round((width * done) / total);
      const eta = (total - done) / Math.max(1e-9, rate);
      process.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${((100 * done) / total).toFixed(0)}%  ${rate.toFixed(0)} games/s  eta ${eta.toFixed(0)}s `);
    } else if (done === total || done - lastLine >= step) {
      lastLine = done;
      process.stderr.write(`simulate: ${done}/${total} games (${((100 * done) / total).toFixed(0)}%), ${rate.toFixed(0)} games/s\n`);
    }
  }) as ((done: number, elapsed: number) => void) & { finish(): void };
  report.finish = () => {
    if (!quiet && tty) process.stderr.write("\n");
  };
  return report;
}

export function printSummary(o: SimOptions, s: ReturnType<Tally["summary"]>): void {
  const seats = Object.keys(o.seats).length > 0 ? NATIONS.map((n) => `${n}=${o.seats[n] ?? "drawn"}`).join(",") : "drawn per game (mixed)";
  const lines = [
    `Trilateral simulation: ${s.games} games, seed ${o.seed}, policy ${o.policy}${o.policy === "bots" ? ` (${o.difficulty})` : ""}, stances ${seats}, ${o.rounds} rounds, ${o.deck} deck`,
    `  rounds played      ${s.roundsPlayed.total} (mean ${s.roundsPlayed.mean} per game)`,
    `  regional crises    ${s.crisis.endedInCrisisPct}% of games ended in crisis; ${s.crisis.gamesWithAMarkerPct}% had a marker; mean markers ${s.crisis.meanMarkers}; markers by round ${s.crisis.markersByRoundPct.map((v) => `${v}%`).join(" ")}`,
    `  round-1 crisis     ${s.crisis.roundOneMarkerPct}% of games took a marker in round 1; mean threat by round ${s.crisis.meanThreatByRound.join(" ")}`,
    `  winners by nation  ${NATIONS.map((n) => `${n} ${s.winRatePct.ofAllGames[n]}%`).join("  ")}   (of games with a winner: ${NATIONS.map((n) => `${n} ${s.winRatePct.ofDecidedGames[n]}%`).join("  ")})`,
    `  mean score         ${NATIONS.map((n) => `${n} ${s.meanScore[n]}`).join("  ")}`,
    `  score lines        ${NATIONS.map((n) => `${n}: ${Object.entries(s.meanScoreLinesOfDecidedGames[n]!).map(([k, v]) => `${k} ${v}`).join(", ")}`).join(" | ")}`,
    `  win rate by stance ${Object.entries(s.winRateByStancePct)
      .filter(([, v]) => v.games > 0)
      .map(([k, v]) => `${k} ${v.winRate}% (${v.games} games, mean score ${v.meanScore})`)
      .join("  ")}`,
    `  policy mix         ${Object.entries(s.policyMixPct)
      .map(([k, mix]) => `${k}: ${Object.entries(mix).slice(0, 4).map(([p, v]) => `${p} ${v}%`).join(", ")}`)
      .join(" | ")}`,
    `  final meters       ${Object.entries(s.finalMeansOfMeters)
      .map(([k, v]) => `${k.replace("trust:", "").replace("support:", "support ")} ${v}`)
      .join("  ")}`,
    `  flags at the end   firewall intact ${s.finalFlagsPct.firewallIntact}%  export controls ${s.finalFlagsPct.exportControls}%  counterstrike ${s.finalFlagsPct.counterstrike}%  leadership changes ${s.leadershipChangesPerGame}/game`,
    `  institutions       ${Object.entries(s.institutionsPct)
      .map(([k, v]) => `${k} ${v.adopted}%`)
      .join("  ")}`,
    `  proposals          ${s.proposals.perGame}/game, ${s.proposals.agreedPct}% agreed, ${s.proposals.rejectedPct}% rejected, ${s.proposals.lapsedPct}% lapsed; pledges ${s.pledges.perGame}/game, ${s.pledges.keptPct}% kept`,
    `  chat               ${s.chat.linesPerGame} lines/game, at most ${s.chat.maxLinesBySeatInOnePhase} from one seat in one phase`,
    `  commands           ${s.commandsPerGame}/game, deadlines called ${s.timeoutsPerGame}/game, refused ${s.refusedCommands}`,
    `  speed              ${s.gamesPerSecond} games/s wall clock (${s.seconds}s); ${s.gamesPerCpuSecond} games per CPU second (${s.cpuSeconds}s)`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

function csv(rows: (string | number)[][]): string {
  return rows.map((r) => r.map((c) => (typeof c === "string" && /[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : String(c))).join(",")).join("\n") + "\n";
}

export function writeOutputs(dir: string, o: SimOptions, s: ReturnType<Tally["summary"]>): string[] {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    files.push(file);
  };
  write("summary.json", `${JSON.stringify({ options: o, ...s }, null, 2)}\n`);
  const rows: (string | number)[][] = [["metric", "value"]];
  rows.push(["games", s.games], ["rounds_mean", s.roundsPlayed.mean], ["crisis_ended_pct", s.crisis.endedInCrisisPct], ["crisis_marker_pct", s.crisis.gamesWithAMarkerPct], ["crisis_round1_pct", s.crisis.roundOneMarkerPct]);
  for (const n of NATIONS) rows.push([`win_pct_${n}`, s.winRatePct.ofAllGames[n]], [`win_pct_decided_${n}`, s.winRatePct.ofDecidedGames[n]], [`score_mean_${n}`, s.meanScore[n]!]);
  for (const [k, v] of Object.entries(s.winRateByStancePct)) rows.push([`win_pct_stance_${k}`, v.winRate], [`games_stance_${k}`, v.games]);
  for (const [k, v] of Object.entries(s.finalMeansOfMeters)) rows.push([`final_${k}`, v]);
  rows.push(["games_per_second", s.gamesPerSecond], ["games_per_cpu_second", s.gamesPerCpuSecond]);
  write("summary.csv", csv(rows));
  write("institutions.csv", csv([["institution", "adopted_pct", "in_force_at_end_pct"], ...Object.entries(s.institutionsPct).map(([k, v]) => [k, v.adopted, v.inForceAtEnd])]));
  const keys = METER_KEYS as readonly string[];
  write(
    "cards.csv",
    csv([["card", "appearances", ...keys.map((k) => `mean_${k}`)], ...Object.entries(s.cards).map(([id, c]) => [id, c.appearances, ...keys.map((k) => c.meanDelta[k] ?? 0)])]),
  );
  return files;
}

const USAGE = `usage: npm run simulate -- --games N --seed S [--first I] [--seats seoul=progressive,tokyo=hawkish,washington=alliance-builder]
                         [--difficulty easy|normal|hard] [--policy bots|random] [--rounds 8] [--deck builtin|test] [--out DIR] [--quiet]`;

function main(): void {
  let o: SimOptions;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message === "help" ? "" : `simulate: ${error.message}\n`}${USAGE}\n`);
      process.exit(error.message === "help" ? 0 : 2);
    }
    throw error;
  }
  const progress = progressReporter(o.games, o.quiet);
  let tally: Tally;
  try {
    tally = simulate(o, progress);
  } catch (error) {
    progress.finish();
    if (error instanceof StuckGame) {
      const index = error.seed.slice(error.seed.lastIndexOf("-") + 1);
      process.stderr.write(`simulate: FAILED — ${error.message}\nrerun that game alone: npm run simulate -- --seed ${o.seed} --first ${index} --games 1\n`);
      process.exit(1);
    }
    throw error;
  }
  progress.finish();
  const s = tally.summary();
  printSummary(o, s);
  if (botDiagnostics.illegal > 0) {
    process.stderr.write(`simulate: WARNING — bots chose ${botDiagnostics.illegal} illegal command(s); last: ${JSON.stringify(botDiagnostics.lastIllegal)}\n`);
  }
  if (o.out) {
    const files = writeOutputs(o.out, o, s);
    process.stdout.write(`  wrote              ${files.join(", ")}\n`);
  }
  if (s.refusedCommands > 0 || botDiagnostics.illegal > 0) process.exit(1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
