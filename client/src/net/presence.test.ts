import { describe, expect, it } from "vitest";
import { SeatPresence, TableState } from "../../../server/rooms/state.ts";
import { presenceOf, type DecodedTableState } from "./presence.ts";

describe("presence read from the schema state", () => {
  it("reads the schema objects field by field, seats in table order, phase and round not among them", () => {
    const state = new TableState();
    state.code = "KMBTR";
    state.deadline = 1234;
    state.started = true;
    state.paused = true;
    for (const [nation, name, bot] of [["washington", "Sam", true], ["seoul", "Minji", false]] as const) {
      const seat = new SeatPresence();
      Object.assign(seat, { nation, name, occupied: true, connected: !bot, bot, stance: "mainstream" });
      state.seats.set(nation, seat);
    }
    // The server's schema type is what the client decodes: it must fit the client's reading of it.
    const decoded: DecodedTableState = state;
    const p = presenceOf(decoded, "XXXXX");
    expect(p).toEqual({
      code: "KMBTR",
      deadline: 1234,
      started: true,
      paused: true,
      seats: [
        { nation: "seoul", name: "Minji", occupied: true, connected: true, bot: false, stance: "mainstream" },
        { nation: "washington", name: "Sam", occupied: true, connected: false, bot: true, stance: "mainstream" },
      ],
    });
    expect(Object.keys(p)).not.toContain("phase");
  });
});
