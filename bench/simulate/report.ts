/** What a run prints and writes: progress, the text report, the matrix, the balance figures, files. */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { NATIONS, STANCES, type StanceId } from "../../shared/rules/vocabulary.ts";
import type { SimOptions } from "./options.ts";
import type { defectorSummary } from "./run.ts";
import { METER_KEYS, type Tally } from "./tally.ts";
import type { Target } from "./targets.ts";

type Summary = ReturnType<Tally["summary"]>;

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

export function printSummary(o: SimOptions, s: Summary): void {
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
    `  institutions (adopted/in force at the end) ${Object.entries(s.institutionsPct)
      .map(([k, v]) => `${k} ${v.adopted}%/${v.inForceAtEnd}%`)
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

export function writeOutputs(dir: string, o: SimOptions, s: Summary): string[] {
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


/** The stance × stance matrix (row stance's win rate when seated against the column stance) and every seating. */
export function printMatrix(s: Summary): void {
  const stances = NATIONS.flatMap((n) => STANCES[n] as readonly StanceId[]);
  const w = 17;
  const pad = (x: string) => x.padStart(w);
  const lines = ["  stance × stance: win rate of the row stance in games where it sat against the column stance (games)"];
  lines.push(`  ${"".padEnd(w)}${stances.map(pad).join("")}`);
  for (const a of stances) {
    const row = stances.map((b) => {
      const c = s.balance.stanceMatrix[a]?.[b];
      return pad(c ? `${c.winPct}% (${c.games})` : "—");
    });
    lines.push(`  ${a.padEnd(w)}${row.join("")}`);
  }
  lines.push("  seatings (seoul/tokyo/washington): games, win rate of each seat, games ended in crisis");
  for (const [k, v] of Object.entries(s.balance.seatings)) {
    lines.push(`    ${k.padEnd(44)} ${String(v.games).padStart(5)}  ${NATIONS.map((n) => `${n} ${v.winPct[n]}%`).join("  ")}  crisis ${v.crisisPct}%`);
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}

export function printBalance(targets: readonly Target[], s?: Summary): void {
  const lines = ["  balance figures (issue 12, point 3)"];
  if (s) {
    for (const [stance, l] of Object.entries(s.balance.scoreLinesByStance)) lines.push(`    lines ${stance}: ${Object.entries(l).map(([k, v]) => `${k} ${v}`).join(", ")}`);
    lines.push(`    Seoul–Tokyo trust fell below ${Object.entries(s.balance.seoulTokyoTrustFellBelowPct).map(([k, v]) => `${k} in ${v}%`).join(", ")} of games`);
  }
  for (const t of targets) lines.push(`    ${t.met ? "ok  " : "MISS"} ${t.figure}: ${t.value}  (target ${t.target})`);
  const g = targets.filter((t) => t.met).length;
  lines.push(`    ${g} of ${targets.length} targets met`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

export function printDefector(d: ReturnType<typeof defectorSummary>): void {
  const lines = [
    `  defector           ${d.games} games, each played twice from its seed: the defector's seat won ${d.defectorWinPct}% (mean score ${d.defectorMeanScore}); a normal bot in that seat ${d.normalBotInTheSameSeatWinPct}% (mean score ${d.normalBotMeanScore})`,
    `                     by seat: ${NATIONS.map((n) => `${n} ${d.byNation[n]!.defectorWinPct}% vs ${d.byNation[n]!.normalWinPct}% (${d.byNation[n]!.games} games)`).join("  ")}; crisis ${d.crisisPct.withDefector}% with the defector, ${d.crisisPct.withoutDefector}% without`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
