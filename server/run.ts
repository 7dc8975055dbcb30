import type { AddressInfo } from "node:net";
import { createServer, type CreateServerOptions, type TrilateralServer } from "./app.ts";
import { createLogger } from "./log.ts";
import { storageLabel } from "./storage/open.ts";

/**
 * Starts a server for real (npm start, npm run dev, the crash test's child process): process
 * guards, listen on HOST:PORT, print the URL (and a generated instructor key, once).
 */
export async function runServer(options: CreateServerOptions): Promise<TrilateralServer> {
  const { config } = options;
  const log = options.logger ?? createLogger(config.logLevel);
  const server = createServer({ ...options, logger: log });

  // One broken table must not stop the process: log what escapes, keep serving.
  process.on("uncaughtException", (err) => log.error(`uncaught exception (the server keeps running): ${err.stack ?? err}`));
  process.on("unhandledRejection", (reason) =>
    log.error(`unhandled rejection (the server keeps running): ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      log.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    log.info(`${signal}: closing tables (unfinished games stay in storage and come back on the next start)`);
    setTimeout(() => {
      log.warn("shutdown took too long: exiting");
      process.exit(0);
    }, 10_000).unref();
    void server.gracefullyShutdown(true);
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));

  // A port that cannot be bound is a clear one-line error, not a server that never listens.
  const httpServer = server.transport.server;
  const onListenError = (err: NodeJS.ErrnoException) => {
    const why = err.code === "EADDRINUSE" ? "the port is already in use (set PORT to another one)" : err.message;
    console.error(`Cannot listen on ${config.host}:${config.port}: ${why}`);
    process.exit(1);
  };
  httpServer?.prependOnceListener("error", onListenError);
  try {
    await server.listen(config.port, config.host);
  } catch (e) {
    // e.g. a DATABASE_URL whose PostgreSQL cannot be reached: one line, not a stack trace
    console.error(`Cannot start: ${(e as Error).message}`);
    process.exit(1);
  }
  httpServer?.off("error", onListenError);
  const address = server.transport.server?.address() as AddressInfo | null;
  const port = address?.port ?? config.port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  console.log(`Trilateral is running at http://${host}:${port}/ (storage: ${storageLabel(config)})`);
  if (config.instructorKeyGenerated) {
    console.log(`Instructor key for this run: ${config.instructorKey}   (set INSTRUCTOR_KEY to choose your own)`);
  }
  return server;
}
