import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineRoom, defineServer, matchMaker, type Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import express from "express";
import type { Card } from "../shared/content/card-schema.ts";
import { loadBuiltInDeck } from "./content/fs-load.ts";
import { ROOM_NAME } from "../shared/protocol/messages.ts";
import type { Config } from "./config.ts";
import { spreadHeartbeatUntilClose } from "./heartbeat.ts";
import { mountApi } from "./http.ts";
import { mountDebrief, type DebriefApi } from "./http-debrief.ts";
import { createLogger, type Logger } from "./log.ts";
import { installMatchmakingGuard } from "./matchmaking.ts";
import { httpLimiters, limitMatchmaking, type HttpLimiters } from "./rate-limits.ts";
import type { TableContext } from "./rooms/context.ts";
import { LIMITS } from "./rooms/limits.ts";
import { TableRoom } from "./rooms/TableRoom.ts";
import type { Store } from "./storage/store.ts";
import { openStorage, type Storage } from "./storage/open.ts";
import { CLASS_ROOM_NAME } from "../shared/protocol/class-messages.ts";
import type { ClassContext } from "./classes/context.ts";
import { matchesHash } from "./classes/secrets.ts";
import { mountClassApi } from "./http-class.ts";
import { ClassRoom } from "./rooms/ClassRoom.ts";
import { clusterOptions } from "./scale/cluster.ts";
import { Recovery } from "./scale/recovery.ts";

export const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));
export const CLIENT_DIR = path.join(REPO_ROOT, "client");
export const CLIENT_DIST = path.join(CLIENT_DIR, "dist");
export const CLIENT_VITE_CONFIG = path.join(CLIENT_DIR, "vite.config.ts");

export type ServeClient = "dist" | "vite" | "none";

export interface CreateServerOptions {
  config: Config;
  /** "dist": static files from client/dist (npm start); "vite": Vite middleware with HMR (npm run dev); "none": API only. */
  serveClient?: ServeClient;
  /** The deck new tables are dealt from; the built-in deck by default. */
  deck?: () => readonly Card[];
  logger?: Logger;
  /** Bring back every unfinished table from the store when the server starts listening (default true). */
  restore?: boolean;
}

/** The Colyseus server plus what the rest of the program needs to reach. */
export type TrilateralServer = Server & {
  trilateral: {
    store: Store;
    /** All three stores (tables, classes, debrief settings) on the configured database. */
    storage: Storage;
    context: TableContext;
    /** Per-address HTTP rate limits (express middleware), for other routes to reuse. */
    limiters: HttpLimiters;
    /** Codes of the tables restored at the last listen(). */
    restored: string[];
    /** Brings back what a stopped process left (swept periodically when REDIS_URL is set). */
    recovery: Recovery;
    /** The debrief API (per-table settings, the instructor-token hook), once express is set up. */
    debrief: () => DebriefApi | null;
    /** Closes what the server opened besides the transport (the database, Vite). */
    close(): Promise<void>;
  };
};

/**
 * Builds the whole server: the `table` room, the JSON API, the client, and the restore of
 * unfinished tables (run by `listen()`, before the port opens). Listening is left to the
 * caller: `await server.listen(port, host)`.
 */
export function createServer(options: CreateServerOptions): TrilateralServer {
  const { config } = options;
  const serveClient = options.serveClient ?? "none";
  const log = options.logger ?? createLogger(config.logLevel);
  const storage = openStorage(config);
  const store = storage.tables;
  const context: TableContext = { config, store, debriefSettings: storage.debrief, log, deck: options.deck ?? loadBuiltInDeck };

  /** This server's own room class, so two servers in one process (tests) never share a context. */
  class Table extends TableRoom {}
  Table.context = context;
  const classes: ClassContext = { config, store, classes: storage.classes, log };
  class Class extends ClassRoom {}
  Class.context = classes;

  installMatchmakingGuard({
    table: async (code) => (await store.getTable(code))?.status === "live",
    class: async (code) => {
      const status = (await classes.classes.get(code))?.status;
      return status === "lobby" || status === "running";
    },
  });

  const httpServer = http.createServer();
  const limiters = httpLimiters(config.limits);
  limitMatchmaking(httpServer, limiters);
  // Longer than the clients' keep-alive, so a busy server does not close a socket a client is reusing.
  httpServer.keepAliveTimeout = 30_000;
  httpServer.headersTimeout = 35_000;
  let transport: WebSocketTransport;
  if (serveClient === "vite") {
    // Share the HTTP server with Vite's HMR socket: leave its upgrade requests alone.
    transport = new WebSocketTransport({ maxPayload: LIMITS.maxPayloadBytes, noServer: true, pingInterval: 0 });
    transport.attachToServer(httpServer, { filter: (req) => req.headers["sec-websocket-protocol"] !== "vite-hmr" });
  } else {
    transport = new WebSocketTransport({ maxPayload: LIMITS.maxPayloadBytes, server: httpServer, pingInterval: 0 });
  }
  // The transport's heartbeat, one slice of the sockets at a time (server/heartbeat.ts).
  spreadHeartbeatUntilClose(transport, httpServer);

  let closeVite: (() => Promise<void>) | null = null;
  let debrief: DebriefApi | null = null;
  const restored: string[] = [];
  const recovery = new Recovery({
    log,
    multi: config.scale !== null,
    presence: () => matchMaker.presence,
    sources: {
      unfinishedTables: () => store.unfinishedCodes(),
      liveClasses: () => classes.classes.liveCodes(),
      setAside: (code) => store.setStatus(code, "unrecoverable", Date.now()),
    },
  });

  const server = defineServer({
    rooms: { [ROOM_NAME]: defineRoom(Table), [CLASS_ROOM_NAME]: defineRoom(Class) },
    transport,
    ...clusterOptions(config.scale),
    gracefullyShutdown: false,
    greet: false,
    beforeListen: async () => {
      await storage.ready(); // a PostgreSQL that cannot be reached stops the start here, with its reason
      if (options.restore === false) return;
      await matchMaker.onReady;
      if (config.scale) {
        // Several processes: what is live elsewhere stays there; what a stopped process left is swept up.
        recovery.start(config.scale.sweepMs);
        return;
      }
      const back = await recovery.restoreAllAtStart();
      restored.push(...back.tables);
      if (back.tables.length > 0) log.info(`restored ${back.tables.length} unfinished table(s): ${back.tables.join(", ")}`);
      if (back.classes.length > 0) log.info(`restored ${back.classes.length} class(es): ${back.classes.join(", ")}`);
    },
    express: async (app) => {
      app.disable("x-powered-by");
      mountClassApi(app, classes, limiters);
      debrief = mountDebrief(app, context, limiters);
      // A class's instructor token opens the debriefs of that class's tables.
      debrief.instructorChecks.push(async (code, token) => {
        const classCode = await classes.classes.classOfTable(code);
        const stored = classCode ? await classes.classes.get(classCode) : null;
        return stored !== null && matchesHash(token, stored.instructorHash);
      });
      mountApi(app, context, limiters);
      if (serveClient === "dist") mountDist(app, log);
      if (serveClient === "vite") closeVite = await mountVite(app, httpServer);
    },
  }) as unknown as TrilateralServer;

  server.trilateral = {
    store,
    storage,
    context,
    limiters,
    restored,
    recovery,
    debrief: () => debrief,
    close: async () => {
      recovery.stop();
      if (closeVite) await closeVite();
      await storage.close();
    },
  };
  server.onShutdown(async () => {
    await server.trilateral.close();
    if (serveClient === "vite") httpServer.close();
  });
  return server;
}

/** The built client, with index.html for every other GET (the client routes itself). */
function mountDist(app: express.Application, log: Logger): void {
  const index = path.join(CLIENT_DIST, "index.html");
  if (!fs.existsSync(index)) log.warn(`no built client at ${path.relative(REPO_ROOT, index)}: only the API is served`);
  const sendIndex: express.RequestHandler = (_req, res, next) => {
    if (!fs.existsSync(index)) return next();
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(index);
  };
  app.get("/", sendIndex);
  app.use(express.static(CLIENT_DIST, { index: false, maxAge: "1h" }));
  app.get("/{*path}", (req, res, next) => {
    if (req.path.startsWith("/api/") || path.extname(req.path) !== "") return next();
    sendIndex(req, res, next);
  });
}

/** Vite in middleware mode, with HMR over this server's own HTTP port. */
async function mountVite(app: express.Application, httpServer: http.Server): Promise<() => Promise<void>> {
  const { createServer: createViteServer } = await import("vite");
  const vite = await createViteServer({
    configFile: CLIENT_VITE_CONFIG,
    server: { middlewareMode: true, ws: { server: httpServer } },
    appType: "spa",
  });
  app.use(vite.middlewares);
  return () => vite.close();
}
