import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DebriefPayloadSchema } from "../../shared/replay/payload.ts";
import { Stepper } from "../../shared/replay/stepper.ts";
import { replay } from "../../shared/rules/record.ts";
import { AutoPlayer, bootTestServer, fullTable, INSTRUCTOR_KEY, playToEnd, waitFor, type TestSeat, type TestServer } from "./support/harness.ts";

let t: TestServer;
beforeAll(async () => {
  t = await bootTestServer(25692);
});
afterAll(async () => {
  await t.shutdown();
});

const RUN = Math.random().toString(36).slice(2, 8).toUpperCase();
const PRIVATE = `BILAT-${RUN}`;
const PUBLIC = `TABLE-${RUN}`;

async function get(code: string, headers: Record<string, string> = {}, query = ""): Promise<{ status: number; text: string }> {
  const res = await fetch(`${t.url}/api/debrief/${code}${query}`, { headers });
  return { status: res.status, text: await res.text() };
}

const tokenOf = (seat: TestSeat) => seat.seat!.seatToken!;

describe("who sees what in a debrief, over HTTP", () => {
  let table: Awaited<ReturnType<typeof fullTable>>;

  it("a running table: the instructor sees everything, a seat and a stranger see nothing", async () => {
    table = await fullTable(t.sdk(), { rounds: 2 });
    const { seoul, tokyo, code } = table;
    await waitFor("negotiation", () => seoul.view.phase === "negotiation" || seoul.view.phase === "event");
    if (seoul.view.phase === "event") {
      for (const s of [table.seoul, table.tokyo, table.washington]) {
        const r = s.view.responsesDue.includes(s.nation) ? s.view.card?.response?.options[0]?.id : undefined;
        if (r) await s.act({ type: "respond", optionId: r });
      }
      await waitFor("negotiation", () => seoul.view.phase === "negotiation");
    }
    expect((await seoul.act({ type: "say", channel: "seoul-tokyo", text: PRIVATE })).ok).toBe(true);
    expect((await tokyo.act({ type: "say", channel: "table", text: PUBLIC })).ok).toBe(true);

    const none = await get(code);
    expect(none.status).toBe(401);
    for (const s of [seoul, tokyo]) {
      const asSeat = await get(code, { "x-seat-token": tokenOf(s) });
      expect(asSeat.status).toBe(403);
      expect(asSeat.text).toContain("when the game is over");
      expect(asSeat.text).not.toContain(RUN);
    }
    const wrongKey = await get(code, { "x-instructor-key": "not-the-key" });
    expect(wrongKey.status).toBe(403);
    expect(wrongKey.text).not.toContain(RUN);

    const instructor = await get(code, { "x-instructor-key": INSTRUCTOR_KEY });
    expect(instructor.status).toBe(200);
    const payload = DebriefPayloadSchema.parse(JSON.parse(instructor.text));
    expect(payload.access).toBe("instructor");
    expect(payload.status).toBe("live");
    expect(instructor.text).toContain(PRIVATE);
    expect(new Stepper(payload.record).stateAt(payload.record.commands.length).messages.map((m) => m.text)).toEqual([PRIVATE, PUBLIC]);
  });

  it("after the game: a seat sees every channel, unless the table withholds bilateral channels", async () => {
    const { seoul, tokyo, washington, code } = table;
    const players = [seoul, tokyo, washington].map((s, i) => new AutoPlayer(s, `${RUN}-${i}`, 1));
    for (const p of players) p.script = null;
    await playToEnd(players);
    for (const p of players) p.stop();
    await waitFor("stored as ended", async () => (await t.server.trilateral.store.getTable(code))?.status === "ended");

    const open = await get(code, { "x-seat-token": tokenOf(washington) });
    expect(open.status).toBe(200);
    const shown = DebriefPayloadSchema.parse(JSON.parse(open.text));
    expect(shown.access).toBe("seat");
    expect(shown.seat).toBe("washington");
    expect(shown.withheldPrivateChannels).toBe(false);
    expect(open.text).toContain(PRIVATE);
    expect(shown.names).toEqual({ seoul: "Sora", tokyo: "Taro", washington: "Wes" });

    // Only the instructor may change the setting.
    const put = (headers: Record<string, string>, body: unknown) =>
      fetch(`${t.url}/api/debrief/${code}/settings`, { method: "PUT", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
    expect((await put({ "x-seat-token": tokenOf(seoul) }, { withholdPrivateChannels: true })).status).toBe(403);
    expect((await put({ "x-instructor-key": INSTRUCTOR_KEY }, { withholdPrivateChannels: "yes" })).status).toBe(400);
    expect((await put({ "x-instructor-key": INSTRUCTOR_KEY }, { withholdPrivateChannels: true })).status).toBe(200);

    for (const s of [seoul, tokyo, washington]) {
      const held = await get(code, { "x-seat-token": tokenOf(s) }, "?anonymise=1");
      expect(held.status).toBe(200);
      expect(held.text).not.toContain(PRIVATE);
      const p = DebriefPayloadSchema.parse(JSON.parse(held.text));
      expect(p.withheldPrivateChannels).toBe(true);
      expect(p.names).toEqual({ seoul: "Seoul player", tokyo: "Tokyo player", washington: "Washington player" });
      expect(p.record.commands.some((c) => c.command.type === "say" && c.command.channel !== "table")).toBe(false);
      // The derived record replays to the same game: same meters, same end, only the table chat.
      const derived = replay(p.record);
      const full = replay(DebriefPayloadSchema.parse(JSON.parse((await get(code, { "x-instructor-key": INSTRUCTOR_KEY })).text)).record);
      expect(derived.ended).toEqual(full.ended);
      expect(derived.trust).toEqual(full.trust);
      expect(derived.messages.map((m) => m.text)).toEqual(full.messages.filter((m) => m.channel === "table").map((m) => m.text));
    }
    // The instructor still sees everything.
    expect((await get(code, { "x-instructor-key": INSTRUCTOR_KEY })).text).toContain(PRIVATE);
    // A token of another table opens nothing here.
    const other = await fullTable(t.sdk(), { rounds: 1 });
    const foreign = await get(code, { "x-seat-token": tokenOf(other.seoul) });
    expect(foreign.status).toBe(403);
    expect(foreign.text).not.toContain(RUN);
    expect((await get("ZZZZZ", { "x-instructor-key": INSTRUCTOR_KEY })).status).toBe(404);
    for (const s of [other.seoul, other.tokyo, other.washington, seoul, tokyo, washington]) await s.leave();
  });
});
