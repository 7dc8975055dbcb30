import type { LogLevel } from "./config.ts";

/** A small leveled logger: one line per entry, to stdout (info, debug) or stderr (warn, error). */
export interface Logger {
  debug(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
  child(prefix: string): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function createLogger(level: LogLevel, prefix = ""): Logger {
  const min = ORDER[level];
  const line = (lvl: Exclude<LogLevel, "silent">, message: string, rest: unknown[]) => {
    if (ORDER[lvl] < min) return;
    const text = `${new Date().toISOString()} ${lvl.toUpperCase().padEnd(5)} ${prefix ? `[${prefix}] ` : ""}${message}`;
    const sink = lvl === "warn" || lvl === "error" ? console.error : console.log;
    sink(text, ...rest);
  };
  return {
    debug: (m, ...r) => line("debug", m, r),
    info: (m, ...r) => line("info", m, r),
    warn: (m, ...r) => line("warn", m, r),
    error: (m, ...r) => line("error", m, r),
    child: (p) => createLogger(level, prefix ? `${prefix} ${p}` : p),
  };
}
