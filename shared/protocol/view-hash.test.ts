import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listEnd, listStart, listState, treeHash } from "./view-hash.ts";

/** The same JSON with every record's keys in another order (as a client's patched copy may hold them). */
function reordered(v: unknown, flip: boolean): unknown {
  if (Array.isArray(v)) return v.map((x) => reordered(x, !flip));
  if (v === null || typeof v !== "object") return v;
  const keys = Object.keys(v);
  if (flip) keys.reverse();
  else keys.sort();
  return Object.fromEntries(keys.map((k) => [k, reordered((v as Record<string, unknown>)[k], !flip)]));
}

describe("the view hash", () => {
  it("is the same for the same JSON whatever the order of keys, and after a JSON round trip", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (v, flip) => {
        const h = treeHash(v);
        expect(treeHash(reordered(v, flip))).toBe(h);
        expect(treeHash(JSON.parse(JSON.stringify(v)))).toBe(h);
      }),
      { numRuns: 300 },
    );
  });

  it("tells apart values a drifted client could hold", () => {
    const pairs: [unknown, unknown][] = [
      [{ a: 1 }, { a: 2 }],
      [{ a: 1 }, { b: 1 }],
      [{ a: "1" }, { a: 1 }],
      [[1, 2], [2, 1]],
      [[1, 2], [1, 2, 3]],
      [{ a: [1] }, { a: [[1]] }],
      [{ x: null }, { x: false }],
      [{ ab: "c" }, { a: "bc" }],
      [{ a: 1, b: 2 }, { a: 2, b: 1 }],
    ];
    for (const [a, b] of pairs) expect(treeHash(a), JSON.stringify([a, b])).not.toBe(treeHash(b));
  });

  it("hashes −0 as JSON holds it (0), and a list grown item by item as the whole list", () => {
    expect(treeHash({ n: -0 })).toBe(treeHash({ n: 0 }));
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 12 }), fc.nat(12), (list, cut) => {
        const at = Math.min(cut, list.length);
        const state = listState(list.slice(0, at), listStart(), 0);
        expect(listEnd(listState(list, state, at), list.length)).toBe(treeHash(list));
      }),
      { numRuns: 200 },
    );
  });
});
