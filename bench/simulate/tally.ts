/** Per-game statistics of a simulation run, and their summary. */
import { deterrenceOf } from "../../shared/rules/deterrence.ts";
import { INSTITUTION_IDS, type InstitutionId } from "../../shared/rules/institutions.ts";
import type { GameState } from "../../shared/rules/state.ts";
import { meterKey, NATIONS, PAIRS, STANCES, type Nation, type StanceId } from "../../shared/rules/vocabulary.ts";
import { BalanceTally, type GameTrace } from "./balance.ts";

export const METER_KEYS = [
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
  /** The figures the balance targets are stated in (matrix, institutions vs score, groundwork, variety). */
  balance = new BalanceTally();

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

  add(state: GameState, startStances: Record<Nation, StanceId>, commands: number, timeouts: number, refused: number, trace?: GameTrace): void {
    this.games += 1;
    if (trace) this.balance.add(state, startStances, trace);
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
      balance: this.balance.summary(),
    };
  }
}

