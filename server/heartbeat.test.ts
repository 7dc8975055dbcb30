import type { WebSocketTransport } from "@colyseus/ws-transport";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { spreadHeartbeat } from "./heartbeat.ts";

class FakeSocket {
  pingCount = 0;
  pings = 0;
  terminated = false;
  answers = true;
  ping(): void {
    this.pings += 1;
    // The transport's "pong" handler resets the count when the answer comes.
    if (this.answers) queueMicrotask(() => (this.pingCount = 0));
  }
  terminate(): void {
    this.terminated = true;
  }
}

const transportOf = (sockets: Set<FakeSocket>) => ({ wss: { clients: sockets } }) as unknown as WebSocketTransport;

describe("the spread heartbeat", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("pings every socket once per interval, a slice at a time", async () => {
    const sockets = new Set(Array.from({ length: 300 }, () => new FakeSocket()));
    const stop = spreadHeartbeat(transportOf(sockets), { intervalMs: 3000, slices: 30 });
    await vi.advanceTimersByTimeAsync(100);
    const pingedAtFirstTick = [...sockets].filter((s) => s.pings > 0).length;
    expect(pingedAtFirstTick).toBe(10); // one slice of thirty, not all 300 at once
    await vi.advanceTimersByTimeAsync(2900);
    expect([...sockets].every((s) => s.pings === 1)).toBe(true);
    await vi.advanceTimersByTimeAsync(3000);
    expect([...sockets].every((s) => s.pings === 2 && !s.terminated)).toBe(true);
    stop();
    await vi.advanceTimersByTimeAsync(3000);
    expect([...sockets].every((s) => s.pings === 2)).toBe(true);
  });

  it("keeps each socket's ping exactly one interval apart while others come and go", async () => {
    const sockets = new Set(Array.from({ length: 90 }, () => new FakeSocket()));
    const watched = [...sockets][45]!;
    const times: number[] = [];
    const ping = watched.ping.bind(watched);
    watched.ping = () => {
      times.push(Date.now());
      ping();
    };
    const stop = spreadHeartbeat(transportOf(sockets), { intervalMs: 3000, slices: 30 });
    for (let round = 0; round < 4; round++) {
      await vi.advanceTimersByTimeAsync(1500);
      for (const s of [...sockets].slice(0, 7)) if (s !== watched) sockets.delete(s); // sockets before it close
      for (let i = 0; i < 5; i++) sockets.add(new FakeSocket()); // and new ones open
      await vi.advanceTimersByTimeAsync(1500);
    }
    stop();
    expect(times.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(3000);
    expect(watched.terminated).toBe(false);
  });

  it("drops a socket that leaves two pings unanswered, and only that one", async () => {
    const alive = new FakeSocket();
    const dead = new FakeSocket();
    dead.answers = false;
    const stop = spreadHeartbeat(transportOf(new Set([alive, dead])), { intervalMs: 3000, maxRetries: 2, slices: 30 });
    await vi.advanceTimersByTimeAsync(6000);
    expect(dead.terminated).toBe(false); // two pings out, none answered yet
    await vi.advanceTimersByTimeAsync(3000);
    expect(dead.terminated).toBe(true);
    expect(alive.terminated).toBe(false);
    stop();
  });
});
