/**
 * A small cache that forgets its oldest entry when full (insertion order; a hit does not refresh
 * an entry), as a Map with "delete the first key, then set" would, but kept in fixed arrays whose
 * slots are overwritten in place. A long-lived Map that churns leaves its discarded hash tables
 * in the old generation still pointing at the young values they held, and every scavenge until
 * the next full collection copies those values (and all they reach) as if they were alive.
 */
export class Fifo<V> {
  readonly #keys: (string | undefined)[];
  readonly #values: (V | undefined)[];
  #next = 0;

  constructor(size: number) {
    this.#keys = new Array<string | undefined>(size).fill(undefined);
    this.#values = new Array<V | undefined>(size).fill(undefined);
  }

  get(key: string): V | undefined {
    const keys = this.#keys;
    for (let i = 0; i < keys.length; i++) if (keys[i] === key) return this.#values[i];
    return undefined;
  }

  /** Remembers a key not already held, in place of the oldest entry if the cache is full. */
  set(key: string, value: V): V {
    this.#keys[this.#next] = key;
    this.#values[this.#next] = value;
    this.#next = (this.#next + 1) % this.#keys.length;
    return value;
  }

  clear(): void {
    this.#keys.fill(undefined);
    this.#values.fill(undefined);
    this.#next = 0;
  }
}
