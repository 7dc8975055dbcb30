import net from "node:net";
import { describe, expect, it } from "vitest";
import { inOneWrite, socketOf } from "./one-write.ts";

/** A socket that records what happens to it, in order. */
function fakeSocket() {
  const log: string[] = [];
  let corked = 0;
  return {
    log,
    cork: () => void (corked += 1, log.push("cork")),
    uncork: () => void (corked -= 1, log.push("uncork")),
    write: (what: string) => void log.push(corked > 0 ? `held ${what}` : `sent ${what}`),
  };
}

describe("inOneWrite", () => {
  it("holds the delta until the reply, written as Colyseus does (in a callback of the handler's promise), is in", async () => {
    const socket = fakeSocket();
    const handler = async () => {
      await Promise.resolve(); // the command path awaits its durable commit before it broadcasts
      socket.write("delta");
      return { ok: true };
    };
    const replied = new Promise<void>((resolve) => {
      inOneWrite(socket, handler).then((reply) => {
        socket.write(`reply ${String(reply.ok)}`);
        resolve();
      });
    });
    await replied;
    await new Promise((r) => setImmediate(r));
    expect(socket.log).toEqual(["cork", "held delta", "held reply true", "uncork"]);
  });

  it("uncorks when the handler throws, and passes the error on", async () => {
    const socket = fakeSocket();
    await expect(inOneWrite(socket, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await new Promise((r) => setImmediate(r));
    expect(socket.log).toEqual(["cork", "uncork"]);
  });

  it("runs the handler alone where there is no socket", async () => {
    expect(await inOneWrite(undefined, async () => 7)).toBe(7);
  });

  it("finds the TCP socket under a ws client, and nothing under anything else", () => {
    const tcp = new net.Socket();
    expect(socketOf({ ref: { _socket: tcp } })).toBe(tcp);
    expect(socketOf({ ref: { _socket: null } })).toBeUndefined();
    expect(socketOf({ ref: {} })).toBeUndefined();
    expect(socketOf({ send() {} })).toBeUndefined();
    expect(socketOf(null)).toBeUndefined();
    tcp.destroy();
  });
});
