import { describe, expect, test } from "vitest";
import { table } from "../../tests/support/scenario.ts";
import { eventsFor, viewFor } from "./view.ts";

function secretTable() {
  const t = table().withAgenda("seoul", "seoul-keep-washington-close").withAgenda("tokyo", "tokyo-gsomia").start();
  t.as("seoul").say("seoul-tokyo", "Just between us: we could move on GSOMIA.");
  t.as("tokyo").say("tokyo-washington", "Keep this quiet from Seoul.");
  t.as("seoul").propose(["seoul", "tokyo"], [{ kind: "institution", op: "create", institution: "gsomia" }]);
  t.endNegotiation();
  t.as("seoul").commit("visit-dokdo");
  return t;
}

describe("viewFor keeps secrets", () => {
  test("a seat sees its own agenda and policy, never another seat's", () => {
    const t = secretTable();
    const tokyo = viewFor(t.state, { kind: "seat", nation: "tokyo" });
    expect(tokyo.agendas.tokyo?.id).toBe("tokyo-gsomia");
    expect(tokyo.agendas.seoul).toBeUndefined();
    expect(tokyo.policies.seoul).toBeUndefined();
    expect(tokyo.committed.seoul).toBe(true);
    expect(JSON.stringify(tokyo)).not.toContain("seoul-keep-washington-close");
    expect(JSON.stringify(tokyo)).not.toContain("visit-dokdo");
    const seoul = viewFor(t.state, { kind: "seat", nation: "seoul" });
    expect(seoul.policies.seoul).toBe("visit-dokdo");
  });

  test("a seat sees only the channels it belongs to, and proposals it is party to", () => {
    const t = secretTable();
    const washington = viewFor(t.state, { kind: "seat", nation: "washington" });
    expect(washington.messages.map((m) => m.channel)).toEqual(["tokyo-washington"]);
    expect(washington.proposals).toEqual([]);
    const seoul = viewFor(t.state, { kind: "seat", nation: "seoul" });
    expect(seoul.messages.map((m) => m.channel)).toEqual(["seoul-tokyo"]);
    expect(seoul.proposals.map((p) => p.id)).toEqual(["ST1"]);
  });

  test("spectators see the public table only; the instructor sees everything", () => {
    const t = secretTable();
    const spectator = viewFor(t.state, { kind: "spectator" });
    expect(spectator.agendas).toEqual({});
    expect(spectator.messages).toEqual([]);
    expect(spectator.upcoming).toBeNull();
    const instructor = viewFor(t.state, { kind: "instructor" });
    expect(Object.keys(instructor.agendas)).toEqual(["seoul", "tokyo", "washington"]);
    expect(instructor.messages).toHaveLength(2);
    expect(instructor.policies.seoul).toBe("visit-dokdo");
    expect(instructor.upcoming).toEqual(t.state.drawPile);
  });

  test("a seat's view never carries the draw pile or the PRNG state", () => {
    const view = viewFor(secretTable().state, { kind: "seat", nation: "seoul" });
    expect(view.upcoming).toBeNull();
    expect(view).not.toHaveProperty("rng");
    expect(view).not.toHaveProperty("drawPile");
    expect(view).not.toHaveProperty("cards");
  });

  test("after the game everything is revealed to the table", () => {
    const t = table().withOptions({ rounds: 1 }).start();
    t.as("seoul").say("seoul-tokyo", "private");
    t.playRound();
    const washington = viewFor(t.state, { kind: "seat", nation: "washington" });
    expect(Object.keys(washington.agendas)).toHaveLength(3);
    expect(washington.messages).toHaveLength(1);
  });

  test("events marked for some seats reach only them", () => {
    const t = table().start();
    const events = t.as("seoul").say("seoul-tokyo", "hello");
    expect(eventsFor(events, { kind: "seat", nation: "washington" }, t.state)).toEqual([]);
    expect(eventsFor(events, { kind: "seat", nation: "tokyo" }, t.state)).toHaveLength(1);
  });
});
