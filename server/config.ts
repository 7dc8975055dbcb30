import { randomBytes } from "node:crypto";
import path from "node:path";
import proxyaddr from "proxy-addr";
import { z } from "zod";

/** Server settings, read from the environment once at start. */
export interface Config {
  host: string;
  port: number;
  /** Absolute path of the directory holding the SQLite file. */
  dataDir: string;
  /** DATABASE_URL (postgres://…): store in PostgreSQL instead of SQLite; null = SQLite in dataDir. */
  databaseUrl: string | null;
  instructorKey: string;
  /** True when INSTRUCTOR_KEY was unset and a key was generated for this run. */
  instructorKeyGenerated: boolean;
  /** How long a dropped player keeps the seat before a bot takes it. */
  reconnectSeconds: number;
  /** Default bot think time (a table may set its own). */
  botThinkMs: number;
  logLevel: LogLevel;
  /** SQLite `synchronous` pragma: NORMAL survives a process crash (SIGKILL); FULL also survives power loss. */
  sqliteSync: "NORMAL" | "FULL";
  /** Send views as deltas after the first full view (VIEW_DELTAS=off sends full views, for the bench's before/after). */
  viewDeltas: boolean;
  limits: AbuseLimits;
  /** Several processes (server/scale/): null = one process, exactly as without it. */
  scale: ScaleConfig | null;
}

/** REDIS_URL set: Colyseus's Redis presence and driver, and how clients reach this process. */
export interface ScaleConfig {
  redisUrl: string;
  /** host[:port][/path] the SDK connects to for rooms of this process (PUBLIC_ADDRESS; default HOST:PORT). */
  publicAddress: string;
  /** How often this process looks for tables and classes a dead process left behind (RECOVERY_SWEEP_MS). */
  sweepMs: number;
}

/** Per-address HTTP limits (requests per minute) and per-table connection caps. */
export interface AbuseLimits {
  /** GET /api/tables/:code (and other code lookups). */
  lookupsPerMinute: number;
  /** GET /api/tables/:code/record. */
  recordsPerMinute: number;
  /** Matchmaking joins (joinById) of tables. */
  joinsPerMinute: number;
  /** Matchmaking creates (new tables). */
  createsPerMinute: number;
  /** Failed lookups, record fetches and joins (404, 403…): what guessing codes and keys looks like. */
  missesPerMinute: number;
  /** Spectators one table admits (seated players and instructors always get in). */
  spectatorsPerTable: number;
  /**
   * Reverse proxies whose X-Forwarded-For the rate limits believe (TRUST_PROXY: addresses,
   * subnets, or proxy-addr's names loopback/linklocal/uniquelocal). Empty: the socket's address.
   */
  trustProxy: string[];
}

export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const intVar = (min: number, max: number, fallback: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`)
      .default(fallback),
  );

/** A TRUST_PROXY list proxy-addr can compile (it throws on anything else). */
function trustable(list: string[]): boolean {
  try {
    proxyaddr.compile(list);
    return true;
  } catch {
    return false;
  }
}

const EnvSchema = z.object({
  HOST: z.preprocess(blankToUndefined, z.string().regex(/^[A-Za-z0-9.:\-[\]]+$/, "must be a host name or IP address").default("127.0.0.1")),
  PORT: intVar(0, 65535, 2567),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().default("./data")),
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, "must be a PostgreSQL URL, postgres://user:password@host:port/database")
      .refine((v) => URL.canParse(v), "is not a valid URL")
      .optional(),
  ),
  INSTRUCTOR_KEY: z.preprocess(
    blankToUndefined,
    z.string().min(6, "must be at least 6 characters").max(128, "must be at most 128 characters").optional(),
  ),
  RECONNECT_SECONDS: intVar(1, 3600, 120),
  BOT_THINK_MS: intVar(0, 30000, 1200),
  LOG_LEVEL: z.preprocess(
    (v) => (typeof v === "string" ? blankToUndefined(v.toLowerCase()) : v),
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
  ),
  SQLITE_SYNC: z.preprocess(
    (v) => (typeof v === "string" ? blankToUndefined(v.toUpperCase()) : v),
    z.enum(["NORMAL", "FULL"], { error: "must be NORMAL or FULL" }).default("NORMAL"),
  ),
  RATE_LOOKUPS_PER_MINUTE: intVar(1, 1_000_000, 600),
  RATE_RECORDS_PER_MINUTE: intVar(1, 1_000_000, 120),
  RATE_JOINS_PER_MINUTE: intVar(1, 1_000_000, 900),
  RATE_CREATES_PER_MINUTE: intVar(1, 1_000_000, 120),
  RATE_MISSES_PER_MINUTE: intVar(1, 1_000_000, 60),
  SPECTATORS_PER_TABLE: intVar(0, 200, 8),
  TRUST_PROXY: z
    .string()
    .default("")
    .transform((v) => v.split(",").map((s) => s.trim()).filter((s) => s !== ""))
    .refine(trustable, "must list the reverse proxies' addresses or subnets (e.g. 127.0.0.1 or 10.0.0.0/8), or loopback, linklocal, uniquelocal, separated by commas"),
  VIEW_DELTAS: z.preprocess(
    (v) => (typeof v === "string" ? blankToUndefined(v.toLowerCase()) : v),
    z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
  ),
  REDIS_URL: z.preprocess(
    blankToUndefined,
    z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" }).optional(),
  ),
  PUBLIC_ADDRESS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9.[\]:-]+(\/[A-Za-z0-9._~/-]*[A-Za-z0-9._~-])?$/, "must be host[:port][/path], without a scheme or a trailing slash")
      .refine((v) => !v.includes("//"), "must be host[:port][/path], without a scheme or a trailing slash")
      .optional(),
  ),
  RECOVERY_SWEEP_MS: intVar(200, 60_000, 2000),
});

export class ConfigError extends Error {}

/** Variables whose value is never echoed in an error message. */
const SECRET_VARS = new Set(["DATABASE_URL", "INSTRUCTOR_KEY"]);

/** An instructor key that is easy to read aloud: 10 letters and digits without look-alikes. */
export function generateInstructorKey(): string {
  const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(10);
  let key = "";
  for (const b of bytes) key += alphabet[b % alphabet.length];
  return key;
}

/**
 * Parses the environment. Throws a ConfigError whose message is one line naming the variable,
 * e.g. `PORT: must be at most 65535 (got "99999")`.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    const got = env[name];
    const shown = got !== undefined && !SECRET_VARS.has(name) ? ` (got ${JSON.stringify(got)})` : ""; // a URL may hold a password
    throw new ConfigError(`${name}: ${issue.message}${shown}`);
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL ?? null,
    instructorKey: e.INSTRUCTOR_KEY ?? generateInstructorKey(),
    instructorKeyGenerated: e.INSTRUCTOR_KEY === undefined,
    reconnectSeconds: e.RECONNECT_SECONDS,
    botThinkMs: e.BOT_THINK_MS,
    logLevel: e.LOG_LEVEL,
    sqliteSync: e.SQLITE_SYNC,
    viewDeltas: e.VIEW_DELTAS === "on",
    scale: e.REDIS_URL
      ? { redisUrl: e.REDIS_URL, publicAddress: e.PUBLIC_ADDRESS ?? `${e.HOST.includes(":") ? `[${e.HOST}]` : e.HOST}:${e.PORT}`, sweepMs: e.RECOVERY_SWEEP_MS }
      : null,
    limits: {
      lookupsPerMinute: e.RATE_LOOKUPS_PER_MINUTE,
      recordsPerMinute: e.RATE_RECORDS_PER_MINUTE,
      joinsPerMinute: e.RATE_JOINS_PER_MINUTE,
      createsPerMinute: e.RATE_CREATES_PER_MINUTE,
      missesPerMinute: e.RATE_MISSES_PER_MINUTE,
      spectatorsPerTable: e.SPECTATORS_PER_TABLE,
      trustProxy: e.TRUST_PROXY,
    },
  };
}

/** For programs (start, dev): print a bad setting as one line and exit. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}

/** Every environment variable the server reads (the README and deploy/ examples are checked against it). */
export const ENV_VARS: readonly string[] = Object.keys(EnvSchema.shape);
