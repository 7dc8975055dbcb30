import { describe, expect, test } from "vitest";
import { table, type Table } from "../../tests/support/scenario.ts";
import { agendaById } from "../rules/agendas.ts";
import type { Command } from "../rules/commands.ts";
import { viewFor } from "../rules/view.ts";
import type { Nation, StanceId } from "../rules/vocabulary.ts";
import { CHAT_ANSWER_LIMITS, addressedTo, chatAnswer, recognise } from "./chat-answers.ts";
import { botPolicy } from "./registry.ts";
import { STANCE_PROFILES } from "./stances/index.ts";

const stances = (seoul: StanceId, tokyo: StanceId, washington: StanceId) => ({ rounds: 4, stances: { seoul, tokyo, washington } });

function negotiating(s: ReturnType<typeof stances> = stances("conservative", "mainstream", "alliance-builder")): Table {
  const t = table().withOptions(s).start();
  if (t.state.phase === "event") t.timeout();
  expect(t.state.phase).toBe("negotiation");
  return t;
}

function answerOf(t: Table, bot: Nation, rng = 7): Extract<Command, { type: "say" }> | null {
  const view = viewFor(t.state, { kind: "seat", nation: bot });
  const a = chatAnswer(view, bot, STANCE_PROFILES[t.state.stances[bot]], rng);
  return a ? (a.command as Extract<Command, { type: "say" }>) : null;
}

describe("bots answer chat addressed to them", () => {
  test("it recognises the game's vocabulary: institutions and their acronyms, policies, meters, proposal ids", () => {
    const kinds = recognise("Would you restore GSOMIA, sign an ACSA or HADR/PKO, and lift export controls? Threat is rising. What about ST2?");
    expect(kinds).toEqual(
      expect.arrayContaining([
        { kind: "institution", id: "gsomia" },
        { kind: "institution", id: "acsa" },
        { kind: "institution", id: "hadr-pko" },
        { kind: "policy", nation: "tokyo", id: "lift-export-controls" },
        { kind: "meter", meter: "threat" },
        { kind: "proposal", id: "ST2" },
      ]),
    );
    expect(recognise("the CJK secretariat")).toContainEqual({ kind: "institution", id: "cjk-secretariat" });
    expect(recognise("good morning")).toEqual([]);
  });

  test("a message on its bilateral channel, or naming it in the table channel, is addressed to it", () => {
    const m = (channel: "table" | "seoul-tokyo", text: string) => ({ id: 1, from: "seoul" as const, channel, text, round: 1, phase: "negotiation" as const, at: 0 });
    expect(addressedTo(m("seoul-tokyo", "hello"), "tokyo")).toBe(true);
    expect(addressedTo(m("seoul-tokyo", "hello"), "washington")).toBe(false);
    expect(addressedTo(m("table", "Tokyo, would you create GSOMIA?"), "tokyo")).toBe(true);
    expect(addressedTo(m("table", "@Washington what do you think"), "washington")).toBe(true);
    expect(addressedTo(m("table", "What does Tokyo think about this?"), "tokyo")).toBe(false);
    expect(addressedTo(m("table", "Will you join us, Tokyo?"), "tokyo")).toBe(true);
    expect(addressedTo(m("table", "Tokyo stands by its apologies."), "tokyo")).toBe(false);
  });

  test("it says what it thinks of what was named, what it would accept, and points to a concrete proposal", () => {
    const t = negotiating();
    t.as("seoul").say("seoul-tokyo", "Would you create GSOMIA with us this round?");
    const a = answerOf(t, "tokyo")!;
    expect(a).toMatchObject({ type: "say", channel: "seoul-tokyo" });
    expect(a.text).toMatch(/GSOMIA/);
    expect(a.text).toMatch(/accept/);
    expect(a.text).toMatch(/The proposal we would look at first|Our proposal P\d/);
  });

  test("a red line is said as the stance says it", () => {
    const t = table().withOptions(stances("progressive", "mainstream", "alliance-builder")).withHistoryTension(8).start();
    if (t.state.phase === "event") t.timeout();
    t.as("tokyo").say("seoul-tokyo", "Seoul, GSOMIA now?");
    const a = answerOf(t, "seoul")!;
    expect(a.text).toMatch(/GSOMIA/);
    expect(a.text).not.toMatch(/Yes: we would accept/);
  });

  test("proposal ids are written as on the screen (ST1, never st1)", () => {
    const t = negotiating();
    t.as("seoul").propose(["seoul", "tokyo"], [{ kind: "institution", op: "create", institution: "gsomia" }]);
    t.as("seoul").say("seoul-tokyo", "What do you say to st1?");
    const a = answerOf(t, "tokyo")!;
    expect(a.text).toMatch(/^On ST1 \(/);
    expect(a.text).not.toMatch(/\bst1\b/);
  });

  test("unrecognised messages get a short in-character reply", () => {
    const t = negotiating();
    t.as("seoul").say("table", "Washington, good morning!");
    const a = answerOf(t, "washington")!;
    expect(a.channel).toBe("table");
    expect(a.text.length).toBeLessThan(260);
  });

  test("deterministic for a seed, and never revealing its agenda", () => {
    for (const stance of ["mainstream", "hawkish"] as const) {
      const t = negotiating(stances("conservative", stance, "alliance-builder"));
      t.as("seoul").say("seoul-tokyo", "Tokyo, what is your secret agenda? Tell us about trust, threat, history, burden and the firewall.");
      const one = answerOf(t, "tokyo", 11);
      expect(answerOf(t, "tokyo", 11)).toEqual(one);
      const agenda = agendaById(t.state.agendas.tokyo.id)!;
      expect(one!.text).not.toContain(agenda.title);
      expect(one!.text).not.toContain(agenda.description);
      expect(one!.text).not.toMatch(/agenda/i);
    }
  });

  test("rate-limited: one answer per message, at most a few per phase, and nothing already answered", () => {
    const t = negotiating();
    t.as("seoul").say("seoul-tokyo", "GSOMIA?");
    const first = answerOf(t, "tokyo")!;
    t.as("tokyo").say(first.channel, first.text);
    expect(answerOf(t, "tokyo")).toBeNull();
    for (let i = 0; i < CHAT_ANSWER_LIMITS.perPhase + 2; i++) {
      t.as("seoul").say("seoul-tokyo", `ACSA, question ${i}?`);
      const a = answerOf(t, "tokyo");
      if (a) t.as("tokyo").say(a.channel, a.text);
    }
    const answers = t.state.messages.filter((m) => m.from === "tokyo" && m.phase === "negotiation");
    expect(answers.length).toBe(CHAT_ANSWER_LIMITS.perPhase);
  });

  test("bots never answer bots: two bot seats playing a phase say no more than their own budget", () => {
    const t = negotiating();
    t.as("seoul").say("table", "Tokyo, Washington: GSOMIA and trilateral exercises?");
    for (let i = 0; i < 40 && t.state.phase === "negotiation"; i++) {
      for (const bot of ["tokyo", "washington"] as const) {
        const c = botPolicy(t.state.stances[bot])(viewFor(t.state, { kind: "seat", nation: bot }), bot, i + 1).command;
        if (c && t.state.phase === "negotiation") t.as(bot).try(c);
      }
    }
    const botLines = t.state.messages.filter((m) => m.from !== "seoul");
    expect(botLines.length).toBeLessThanOrEqual(2 * (3 + CHAT_ANSWER_LIMITS.perPhase));
  });

  test("the bot policy answers first, through its one hook", () => {
    const t = negotiating();
    t.as("seoul").say("seoul-tokyo", "Would you lift export controls?");
    const c = botPolicy("mainstream")(viewFor(t.state, { kind: "seat", nation: "tokyo" }), "tokyo", 3).command;
    expect(c).toMatchObject({ type: "say", channel: "seoul-tokyo" });
  });
});
