/** The simulator's command line: options, their defaults, and the parser. */
import { DIFFICULTIES, type Difficulty } from "../../shared/bots/registry.ts";
import { TUNING } from "../../shared/rules/tuning.ts";
import { NATIONS, STANCES, type Nation, type StanceId } from "../../shared/rules/vocabulary.ts";

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
  /**
   * A defector (always the nationalist option, never keeps a pledge) in one seat against two
   * normal bots: "rotate" seats it in turn (game i: nation i mod 3), or a fixed nation.
   */
  defector: Nation | "rotate" | null;
  /** Print the stance × stance matrix. */
  matrix: boolean;
  /** Print the balance figures, each against its target. */
  balance: boolean;
  /** Print the whole summary as JSON on stdout instead of the text report. */
  json: boolean;
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
  defector: null,
  matrix: false,
  balance: false,
  json: false,
};

export class UsageError extends Error {}

export const USAGE = `usage: npm run simulate -- --games N --seed S [--first I] [--seats seoul=progressive,tokyo=hawkish,washington=alliance-builder]
                         [--mixed] [--difficulty easy|normal|hard|expert] [--policy bots|random] [--rounds 8] [--deck builtin|test]
                         [--defector rotate|seoul|tokyo|washington] [--matrix] [--balance] [--json] [--out DIR] [--quiet]
  --mixed      stances drawn per game from the seed (the default when --seats is not given)
  --defector   one seat always takes the nationalist option and never keeps a pledge, against two normal bots
  --matrix     the stance × stance win-rate matrix and the win rates of every seating
  --balance    every balance figure of the tuning targets, with its target and a pass/fail mark
  --json       the whole summary (with the matrix and the balance figures) as JSON on stdout`;

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
      case "--mixed":
        o.seats = {};
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
      case "--defector": {
        const d = value();
        if (d !== "rotate" && !NATIONS.includes(d as Nation)) throw new UsageError("--defector must be rotate, seoul, tokyo or washington");
        o.defector = d as Nation | "rotate";
        break;
      }
      case "--matrix":
        o.matrix = true;
        break;
      case "--balance":
        o.balance = true;
        break;
      case "--json":
        o.json = true;
        o.quiet = true;
        break;
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
  if (o.defector && o.policy === "random") throw new UsageError("--defector plays against bots: it cannot be combined with --policy random");
  return o;
}
