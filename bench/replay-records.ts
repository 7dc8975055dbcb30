import { botPolicy } from "../shared/bots/registry.ts";
import type { Card } from "../shared/content/card-schema.ts";
import { applyCommand, newGame } from "../shared/rules/apply.ts";
import { seat, SYSTEM, type Actor, type Command } from "../shared/rules/commands.ts";
import { chatChannels, legalCommands } from "../shared/rules/legal.ts";
import { appendCommand, newRecord, type GameRecord } from "../shared/rules/record.ts";
import { nextInt, seedToRng } from "../shared/rules/rng.ts";
import { viewFor } from "../shared/rules/view.ts";
import { NATIONS, STANCES } from "../shared/rules/vocabulary.ts";
import { playGame } from "../shared/sim/play.ts";

/** A record of exactly `commands` accepted commands (the first seed whose game lasts that long). */
export function longRecord(deck: readonly Card[], commands: number, seed = "bench-replay"): GameRecord {
  for (let attempt = 0; attempt < 50; attempt++) {
    const record = tryLongRecord(deck, commands, `${seed}-${attempt}`);
    if (record) return record;
  }
  throw new Error(`no game lasted ${commands} commands`);
}

/** Seats mostly talk (as a class does), sometimes act; deadlines now and then. Null if the game ends first. */
function tryLongRecord(deck: readonly Card[], commands: number, seed: string): GameRecord | null {
  let { state } = newGame(seed, { rounds: 20 }, deck);
  let record = newRecord(seed, { rounds: 20 }, deck);
  let rng = seedToRng(seed);
  let at = 0;
  while (record.commands.length < commands && state.phase !== "ended") {
    const [pick, r1] = nextInt(rng, 1_000_000);
    rng = r1;
    const nation = NATIONS[pick % 3]!;
    const options: Command[] = [...legalCommands(viewFor(state, { kind: "seat", nation }), nation)];
    for (const channel of chatChannels(nation)) options.push({ type: "say", channel, text: `message ${record.commands.length}` });
    const timeout = pick % 29 === 0;
    const talk = pick % 10 < 6;
    const actor: Actor = timeout ? SYSTEM : seat(nation);
    const say: Command = { type: "say", channel: chatChannels(nation)[pick % 3]!, text: `message ${record.commands.length}` };
    const command: Command = timeout ? { type: "phaseTimeout", round: state.round, phase: state.phase } : talk ? say : options[Math.floor(pick / 3) % options.length]!;
    at += 1000;
    const result = applyCommand(state, { actor, at, command });
    if (!result.ok) continue;
    state = result.state;
    record = appendCommand(record, { actor, at, command });
  }
  return record.commands.length >= commands ? record : null;
}

/** A whole bot game (8 rounds, stances from the seed), as a class table would leave it. */
export function botGameRecord(deck: readonly Card[], seed: string): GameRecord {
  let rng = seedToRng(seed);
  const pick = <T>(xs: readonly T[]): T => {
    const [i, next] = nextInt(rng, xs.length);
    rng = next;
    return xs[i]!;
  };
  const stances = { seoul: pick(STANCES.seoul), tokyo: pick(STANCES.tokyo), washington: pick(STANCES.washington) };
  const result = playGame({
    seed,
    options: { rounds: 8, stances },
    deck,
    keepRecord: true,
    policies: { seoul: botPolicy(stances.seoul), tokyo: botPolicy(stances.tokyo), washington: botPolicy(stances.washington) },
  });
  return result.record!;
}
