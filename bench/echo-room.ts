import { defineRoom, defineServer, Room, type Client, type Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import http from "node:http";
import { spreadHeartbeatUntilClose } from "../server/heartbeat.ts";

/**
 * The benchmark's baseline: a bare Colyseus room on the same transport settings as the table
 * server. A "command" request is answered at once, after a "view" message to every client of
 * the room (as a table sends each seat its delta), padded to `pad` bytes of text (the bench
 * passes the table's median message size), so the load script measures the same "request
 * sent → next view" path, with as many messages of about the same size, as for tables.
 */
export class EchoRoom extends Room {
  private seq = 0;

  onCreate(options: { pad?: unknown } = {}): void {
    this.patchRate = 100;
    this.autoDispose = true;
    const pad = "x".repeat(Math.min(64 * 1024, Math.max(0, Math.floor(Number(options?.pad) || 0))));
    this.onMessage("command", (_client: Client, payload: unknown) => {
      this.seq += 1;
      this.broadcast("view", { seq: this.seq, echo: payload, pad });
      return { ok: true };
    });
  }

  onUncaughtException(error: Error): void {
    console.error(`echo room error: ${error.message}`);
  }
}

export function createEchoServer(): Server {
  // The table server's transport settings: its own heartbeat off, the spread one on.
  const httpServer = http.createServer();
  const transport = new WebSocketTransport({ maxPayload: 64 * 1024, server: httpServer, pingInterval: 0 });
  spreadHeartbeatUntilClose(transport, httpServer);
  return defineServer({
    rooms: { echo: defineRoom(EchoRoom) },
    transport,
    gracefullyShutdown: false,
    greet: false,
  });
}
