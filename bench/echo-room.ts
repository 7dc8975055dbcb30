import { defineRoom, defineServer, Room, type Client, type Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";

/**
 * The benchmark's baseline: a bare Colyseus room on the same transport settings as the table
 * server. A "command" request is answered at once, after a small "view" message to the same
 * client, so the load script measures the same "request sent → next view" path as for tables.
 */
export class EchoRoom extends Room {
  private seq = 0;

  onCreate(): void {
    this.patchRate = 100;
    this.autoDispose = true;
    this.onMessage("command", (client: Client, payload: unknown) => {
      this.seq += 1;
      client.send("view", { seq: this.seq, echo: payload });
      return { ok: true };
    });
  }

  onUncaughtException(error: Error): void {
    console.error(`echo room error: ${error.message}`);
  }
}

export function createEchoServer(): Server {
  return defineServer({
    rooms: { echo: defineRoom(EchoRoom) },
    transport: new WebSocketTransport({ maxPayload: 64 * 1024 }),
    gracefullyShutdown: false,
    greet: false,
  });
}
