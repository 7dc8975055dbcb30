import type { Server as HttpServer } from "node:http";
import type { WebSocketTransport } from "@colyseus/ws-transport";

/**
 * Colyseus's heartbeat, spread over time. The transport's own heartbeat pings every socket in
 * one loop every 3 s; with 3,000 sockets that loop holds the event loop for tens of
 * milliseconds, and every command that arrives meanwhile waits (a p99 spike every 3 s).
 * Here the sockets are split into `slices` groups and one group is pinged per tick, so each
 * socket is still pinged once per `intervalMs` and dropped after `maxRetries` unanswered pings
 * (the transport's own rule: its "pong" handler, installed on every socket, resets the count).
 *
 * The transport must be built with `pingInterval: 0`, which turns its own loop off.
 */
export interface HeartbeatOptions {
  intervalMs?: number;
  maxRetries?: number;
  slices?: number;
}

interface PingedSocket {
  pingCount?: number;
  heartbeatSlice?: number;
  ping(cb: () => void): void;
  terminate(): void;
}

const noop = () => {};

/** Starts the spread heartbeat on the transport's sockets; returns a function that stops it. */
export function spreadHeartbeat(transport: WebSocketTransport, o: HeartbeatOptions = {}): () => void {
  const intervalMs = o.intervalMs ?? 3000;
  const maxRetries = o.maxRetries ?? 2;
  const slices = Math.max(1, o.slices ?? 30);
  const sockets = (transport as unknown as { wss: { clients: Set<PingedSocket> } }).wss.clients;
  /** Each socket keeps its slice for life, so it is pinged exactly once per interval. */
  const slice: Set<PingedSocket>[] = Array.from({ length: slices }, () => new Set());
  let dealt = 0;
  let tick = 0;
  const timer = setInterval(
    () => {
      // New sockets are dealt to the slices in turn once per round (first pinged within two intervals).
      if (tick === 0) {
        for (const socket of sockets) {
          if (socket.heartbeatSlice !== undefined) continue;
          socket.heartbeatSlice = dealt++ % slices;
          slice[socket.heartbeatSlice]!.add(socket);
        }
      }
      const these = slice[tick]!;
      for (const socket of these) {
        if (!sockets.has(socket)) {
          these.delete(socket); // closed
          continue;
        }
        if ((socket.pingCount ?? 0) >= maxRetries) {
          these.delete(socket);
          socket.terminate();
          continue;
        }
        socket.pingCount = (socket.pingCount ?? 0) + 1;
        socket.ping(noop);
      }
      tick = (tick + 1) % slices;
    },
    Math.max(1, Math.round(intervalMs / slices)),
  );
  timer.unref();
  return () => clearInterval(timer);
}

/** Stops the heartbeat when the HTTP server closes. */
export function spreadHeartbeatUntilClose(transport: WebSocketTransport, server: HttpServer, o?: HeartbeatOptions): void {
  const stop = spreadHeartbeat(transport, o);
  server.on("close", stop);
}
