/**
 * DEV ONLY (`?fixture=<phase>` under `npm run dev` / `vite`): a table played in the browser with
 * the shared engine itself (newGame + applyCommand + viewFor), the other two seats driven by the
 * legal-random bot. It lets every screen be looked at before — or without — a server. Production
 * builds never include this module (main.ts imports it behind import.meta.env.DEV).
 */
import { legalRandom } from "../../../shared/bots/random.ts";
import type { Card } from "../../../shared/content/card-schema.ts";
import { TableCodeSchema, type CommandReply, type SeatSummary } from "../../../shared/protocol/messages.ts";
import { applyCommand, newGame } from "../../../shared/rules/apply.ts";
import type { Actor, Command } from "../../../shared/rules/commands.ts";
import type { GameEvent } from "../../../shared/rules/events.ts";
import type { GameState } from "../../../shared/rules/state.ts";
import { eventsFor, viewFor } from "../../../shared/rules/view.ts";
import { NATIONS, STANCES, type Nation } from "../../../shared/rules/vocabulary.ts";
import { mixedDeck } from "../../../tests/support/cards.ts";
import type { App } from "../app.ts";
import type { TableLink } from "../net/connection.ts";
import { receiveView } from "../store/store.ts";

const realCards = import.meta.glob<Card>("../../../content/cards/*.json", { eager: true, import: "default" });

function fixtureDeck(): Card[] {
  const real = Object.values(realCards);
  if (real.length >= 4) return real;
  // The test deck, reordered so round 1 asks Seoul and Tokyo to respond.
  const order = ["dispute", "gsomia-suspended", "shock-history", "trade-war", "missiles", "summit", "us-ask", "election", "crisis-brews", "strategic-assets", "quiet-a", "quiet-b"];
  const deck = mixedDeck();
  return order.map((id, i) => ({ ...deck.find((c) => c.id === id)!, date: `20${String(10 + i).padStart(2, "0")}-0${(i % 9) + 1}` }));
}

class LocalTable implements TableLink {
  state: GameState;
  rng = 12345;
  clock = Date.UTC(2026, 2, 1, 9, 0, 0);
  #botTimer: ReturnType<typeof setTimeout> | null = null;

  readonly app: App;
  readonly seat: Nation;
  readonly botMs: number;

  constructor(app: App, seat: Nation, rounds: number, botMs: number) {
    this.app = app;
    this.seat = seat;
    this.botMs = botMs;
    const deck = fixtureDeck();
    const { state } = newGame("fixture", { rounds, deckOrder: Object.values(realCards).length >= 4 ? "shuffled" : "chronological" }, deck);
    this.state = state;
  }

  apply(nation: Nation | "system", command: Command, publish = true): CommandReply {
    const actor: Actor = nation === "system" ? { kind: "system" } : { kind: "seat", nation };
    this.clock += 7000;
    const result = applyCommand(this.state, { actor, at: this.clock, command });
    if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message };
    this.state = result.state;
    if (publish) this.publish(result.events);
    return { ok: true };
  }

  publish(events: GameEvent[] = []): void {
    const viewer = { kind: "seat" as const, nation: this.seat };
    receiveView(this.app.store, viewFor(this.state, viewer), eventsFor(events, viewer, this.state), this.clock);
  }

  /** Let the bots act a few times, one command per tick. */
  runBots(limit = 30, publish = true): void {
    for (let i = 0; i < limit; i++) {
      let acted = false;
      for (const n of NATIONS) {
        if (n === this.seat) continue;
        const view = viewFor(this.state, { kind: "seat", nation: n });
        const { command, rng } = legalRandom(view, n, this.rng);
        this.rng = rng;
        if (command && command.type !== "tableProposal" && command.type !== "withdrawProposal") {
          if (this.apply(n, command, publish).ok) acted = true;
        }
      }
      if (!acted) break;
    }
  }

  scheduleBots(): void {
    if (this.#botTimer) clearTimeout(this.#botTimer);
    this.#botTimer = setTimeout(() => {
      this.#botTimer = null;
      const before = this.state;
      this.runBots(1);
      if (this.state !== before) this.scheduleBots();
    }, this.botMs);
  }

  async command(command: Command): Promise<CommandReply> {
    const reply = this.apply(this.seat, command);
    if (reply.ok) this.scheduleBots();
    return reply;
  }

  async leave(): Promise<void> {
    if (this.#botTimer) clearTimeout(this.#botTimer);
  }

  async rejoin(): Promise<void> {
    this.app.store.set({ status: "online" });
    this.publish();
  }
}

function presence(seat: Nation, table: LocalTable | null, started: boolean, filled: Nation[]): SeatSummary[] {
  return NATIONS.map((n) => ({
    nation: n,
    name: n === seat ? "Minji" : filled.includes(n) ? (n === "tokyo" ? "Haruto" : "Sam") : "",
    occupied: n === seat || filled.includes(n),
    connected: n === seat || filled.includes(n),
    bot: started && n !== seat && n === "washington",
    stance: table ? table.state.stances[n] : STANCES[n][0],
  }));
}

export async function startFixture(app: App, phase: string): Promise<void> {
  const params = new URLSearchParams(location.search);
  const seat = (params.get("seat") as Nation | null) ?? "seoul";
  const code = TableCodeSchema.parse("KMBTR");
  if (phase === "landing") return app.showLanding();
  if (phase === "lobby") {
    app.store.set({
      route: "table",
      code,
      status: "online",
      seat: { code, role: "player", nation: seat, seatToken: null },
      presence: { code, deadline: 0, started: false, paused: false, seats: presence(seat, null, false, ["tokyo"]) },
    });
    return;
  }
  const table = new LocalTable(app, seat, Number(params.get("rounds") ?? 3), 350);
  app.useLink(table);
  const deadline = params.has("timer") ? Date.now() + 165_000 : 0;
  app.store.set({
    route: "table",
    code,
    status: "online",
    seat: { code, role: "player", nation: seat, seatToken: "fixture-token-0000" },
    presence: { code, deadline, started: true, paused: false, seats: presence(seat, table, true, ["tokyo", "washington"]) },
  });

  const other = NATIONS.filter((n) => n !== seat);
  const toNegotiation = () => {
    const card = table.state.current.cardId ? table.state.cards[table.state.current.cardId] : undefined;
    const optionId = card?.response?.options[0]?.id;
    if (optionId) for (const n of NATIONS) if (table.state.current.responsesDue.includes(n)) table.apply(n, { type: "respond", optionId }, false);
  };
  const talk = () => {
    table.apply(other[0]!, { type: "say", channel: "table", text: "Good morning. Can we agree to keep history out of the security talks this round?" }, false);
    table.apply(seat, { type: "say", channel: "table", text: "Agreed in principle. We need something concrete, though." }, false);
    table.apply(other[1]!, { type: "say", channel: "table", text: "Washington would welcome a trilateral statement on the missile launches." }, false);
    const pair = [seat, other[0]!].sort((a, b) => NATIONS.indexOf(a) - NATIONS.indexOf(b)).join("-") as `${Nation}-${Nation}`;
    table.apply(other[0]!, { type: "say", channel: pair as never, text: "Between us: we could restore GSOMIA if your courts hold off." }, false);
    table.apply(other[0]!, { type: "tableProposal", parties: [seat, other[0]!].sort((a, b) => NATIONS.indexOf(a) - NATIONS.indexOf(b)), terms: [{ kind: "jointStatement", topic: "united-front" }], note: "A small first step." }, false);
    table.apply(seat, { type: "tableProposal", parties: [...NATIONS], terms: [{ kind: "institution", op: "create", institution: "trilateral-ministerial" }], note: "" }, false);
    table.apply(other[1]!, { type: "acceptProposal", proposalId: table.state.proposals[1]!.id }, false);
  };
  const toPolicy = () => {
    for (const n of NATIONS) table.apply(n, { type: "ready" }, false);
  };
  const toSummary = () => {
    table.apply(seat, { type: "acceptProposal", proposalId: table.state.proposals[0]!.id }, false);
    toPolicy();
    other.forEach(() => table.runBots(1, false));
    table.apply(seat, { type: "commitPolicy", policy: seat === "seoul" ? "make-the-case-at-home" : "hold-steady" }, false);
  };

  switch (phase) {
    case "event":
      break;
    case "negotiation":
    case "reconnecting":
      toNegotiation();
      talk();
      break;
    case "crowded":
      // A busy table to check the canvas: many institutions (two suspended), a breached firewall, two crises.
      toNegotiation();
      talk();
      table.state = {
        ...table.state,
        firewall: "breached",
        exportControls: true,
        crises: 2,
        institutions: {
          gsomia: { status: "suspended", since: 1 },
          "shuttle-summits": { status: "in-force", since: 1 },
          "seoul-tokyo-2plus2": { status: "in-force", since: 1 },
          "trilateral-ministerial": { status: "in-force", since: 1 },
          "missile-warning-sharing": { status: "in-force", since: 1 },
          "trilateral-exercises": { status: "suspended", since: 1 },
          acsa: { status: "in-force", since: 1 },
          "hadr-pko": { status: "in-force", since: 1 },
          "counterstrike-protocol": { status: "in-force", since: 1 },
          "cjk-secretariat": { status: "in-force", since: 1 },
        },
      };
      break;
    case "few":
      toNegotiation();
      table.state = {
        ...table.state,
        institutions: { gsomia: { status: "suspended", since: 1 }, "trilateral-ministerial": { status: "in-force", since: 1 }, "hadr-pko": { status: "in-force", since: 1 } },
      };
      break;
    case "policy":
      toNegotiation();
      talk();
      table.apply(seat, { type: "acceptProposal", proposalId: table.state.proposals[0]!.id }, false);
      toPolicy();
      break;
    case "summary":
      toNegotiation();
      talk();
      table.publish();
      toSummary();
      break;
    case "ended":
      for (let i = 0; i < 80 && table.state.phase !== "ended"; i++) {
        toNegotiation();
        if (table.state.phase === "negotiation") toPolicy();
        if (table.state.phase === "policy") for (const n of NATIONS) table.apply(n, { type: "commitPolicy", policy: "hold-steady" }, false);
        if (table.state.phase === "summary") for (const n of NATIONS) table.apply(n, { type: "ready" }, false);
      }
      break;
  }
  table.publish();
  if (phase === "reconnecting") app.store.set({ status: "reconnecting" });
}
