import { describe, expect, it } from "vitest";
import { Fifo } from "./fifo.ts";

describe("Fifo", () => {
  it("forgets the oldest entry when full, as a Map that deletes its first key before setting would", () => {
    const fifo = new Fifo<number>(3);
    const map = new Map<string, number>();
    const keys = ["a", "b", "c", "a", "d", "e", "b", "f", "a", "g"];
    for (const [i, key] of keys.entries()) {
      expect(fifo.get(key)).toBe(map.get(key));
      if (map.get(key) !== undefined) continue;
      if (map.size >= 3) map.delete(map.keys().next().value!);
      map.set(key, i);
      expect(fifo.set(key, i)).toBe(i);
    }
    for (const key of "abcdefg") expect(fifo.get(key)).toBe(map.get(key));
  });

  it("a hit does not keep an entry longer, and clear forgets everything", () => {
    const fifo = new Fifo<string>(2);
    fifo.set("x", "1");
    fifo.set("y", "2");
    expect(fifo.get("x")).toBe("1");
    fifo.set("z", "3");
    expect(fifo.get("x")).toBeUndefined();
    expect(fifo.get("y")).toBe("2");
    fifo.clear();
    expect(fifo.get("y")).toBeUndefined();
    expect(fifo.get("z")).toBeUndefined();
  });
});
