import { describe, expect, it } from "vitest";
import { groupPlacement } from "./cluster.ts";

describe("a class's tables are dealt over the processes", () => {
  const procs = ["p-b", "p-a", "p-c"];
  it("consecutive tables of a class go to different processes, covering all of them", () => {
    const placed = [0, 1, 2, 3, 4, 5].map((index) => groupPlacement({ placement: { group: "KXQ7P", index } }, procs));
    expect(new Set(placed.slice(0, 3)).size).toBe(3);
    expect(placed.slice(3)).toEqual(placed.slice(0, 3));
  });
  it("does not depend on the order the processes are listed in", () => {
    const a = groupPlacement({ placement: { group: "KXQ7P", index: 1 } }, procs);
    expect(groupPlacement({ placement: { group: "KXQ7P", index: 1 } }, [...procs].reverse())).toBe(a);
  });
  it("leaves other rooms to the least-loaded rule", () => {
    expect(groupPlacement({ create: { name: "Solo" } }, procs)).toBeNull();
    expect(groupPlacement(undefined, procs)).toBeNull();
    expect(groupPlacement({ placement: { group: "KXQ7P", index: -1 } }, procs)).toBeNull();
  });
});
