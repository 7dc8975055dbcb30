/** A sliding-window rate limit: at most `max` hits per `windowMs`. */
export class SlidingWindow {
  private hits: number[] = [];
  readonly max: number;
  readonly windowMs: number;
  constructor(max: number, windowMs: number) {
    this.max = max;
    this.windowMs = windowMs;
  }

  /** Records a hit at `now` if the window has room; returns whether it did. */
  take(now: number): boolean {
    const from = now - this.windowMs;
    let drop = 0;
    while (drop < this.hits.length && this.hits[drop]! <= from) drop += 1;
    if (drop > 0) this.hits.splice(0, drop);
    if (this.hits.length >= this.max) return false;
    this.hits.push(now);
    return true;
  }
}

/** A bounded map that forgets its oldest entries: remembered replies to client action ids. */
export class BoundedMap<K, V> {
  private map = new Map<K, V>();
  readonly capacity: number;
  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      this.map.delete(oldest.value);
    }
  }

  get size(): number {
    return this.map.size;
  }
}

/** Limits of the command path. */
export const LIMITS = {
  /** Every request of one connection. */
  actionsPerSecond: 20,
  /** Chat (`say`) of one seat. */
  chatPerWindow: 5,
  chatWindowMs: 10_000,
  /** Replies remembered per seat for retried action ids. */
  rememberedActions: 256,
  /** A bot's commands in one phase before it is made to finish the phase. */
  botCommandsPerPhase: 12,
  /** An unstarted table with nobody connected for this long is closed. */
  abandonUnstartedAfterMs: 15 * 60_000,
  /**
   * A ceiling on a table's connections. Spectators have their own cap (SPECTATORS_PER_TABLE),
   * so only holders of seat tokens or the instructor key come near it.
   */
  maxClients: 512,
  /** Incoming WebSocket frame size limit. */
  maxPayloadBytes: 64 * 1024,
} as const;
