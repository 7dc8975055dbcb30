import { describe, expect, it } from "vitest";
import { applyCommand, newGame } from "./apply.ts";
import { finishingCommand } from "./finish.ts";
import { OptionIdSchema } from "./ids.ts";
import { viewFor } from "./view.ts";
import { cardWithResponse, quietDeck } from "../../tests/support/cards.ts";
import { NATIONS } from "./vocabulary.ts";

describe("finishingCommand", () => {
  it("closes each seat's part of every phase, from the state or from the seat's view, until the game ends", () => {
    let state = newGame(3, { rounds: 2 }, quietDeck(6)).state;
    const phases = new Set<string>();
    for (let step = 0; step < 200 && state.phase !== "ended"; step++) {
      phases.add(state.phase);
      const nation = NATIONS.find((n) => finishingCommand(state, n) !== null);
      expect(nation, `someone can finish ${state.phase}`).toBeDefined();
      const fromView = finishingCommand(viewFor(state, { kind: "seat", nation: nation! }), nation!);
      expect(fromView).toEqual(finishingCommand(state, nation!));
      const r = applyCommand(state, { actor: { kind: "seat", nation: nation! }, at: step, command: fromView! });
      expect(r.ok).toBe(true);
      if (r.ok) state = r.state;
    }
    expect(state.phase).toBe("ended");
    expect([...phases].sort()).toEqual(["negotiation", "policy", "summary"]);
  });

  it("answers a response card with its default option and picks hold steady in the policy phase", () => {
    const asked = cardWithResponse("ask-seoul", ["seoul"]);
    const card = { ...asked, response: { ...asked.response!, defaultOption: OptionIdSchema.parse("hard") } };
    const state = newGame(1, { rounds: 1 }, [card]).state;
    expect(state.phase).toBe("event");
    expect(finishingCommand(state, "seoul")).toEqual({ type: "respond", optionId: "hard" });
    expect(finishingCommand(state, "tokyo")).toBeNull();
  });
});
