import type { Condition } from "./effects.ts";
import { AgendaIdSchema, type AgendaId } from "./ids.ts";
import type { Nation } from "./vocabulary.ts";

/** Secret agendas: one is dealt to each seat at the start; only that seat and the instructor see it. */
export interface AgendaDefinition {
  id: AgendaId;
  nation: Nation;
  title: string;
  description: string;
  /** Must all hold when the game ends. */
  atEnd: readonly Condition[];
  /** Must hold at the end of every round; one failure loses the bonus for good. */
  everyRound?: Condition;
}

/** The agendas as written here; their ids are parsed below, like any id entering the game. */
const AGENDA_TEXTS: readonly (Omit<AgendaDefinition, "id"> & { id: string })[] = [
  {
    id: "seoul-keep-washington-close",
    nation: "seoul",
    title: "Keep Washington close",
    description: "End the game with Seoul–Washington trust at 70 or more.",
    atEnd: [{ kind: "meterAtLeast", meter: { meter: "trust", pair: "seoul-washington" }, value: 70 }],
  },
  {
    id: "seoul-history-coalition",
    nation: "seoul",
    title: "Your coalition needs the history issue",
    description: "Never let history tension fall below 4 at the end of a round.",
    atEnd: [],
    everyRound: { kind: "meterAtLeast", meter: { meter: "historyTension" }, value: 4 },
  },
  {
    id: "seoul-a-say-over-counterstrike",
    nation: "seoul",
    title: "A say over counterstrike",
    description: "End the game with a counterstrike coordination protocol in force.",
    atEnd: [{ kind: "institutionInForce", institution: "counterstrike-protocol" }],
  },
  {
    id: "tokyo-gsomia",
    nation: "tokyo",
    title: "Intelligence you can count on",
    description: "End the game with GSOMIA in force.",
    atEnd: [{ kind: "institutionInForce", institution: "gsomia" }],
  },
  {
    id: "tokyo-counterstrike",
    nation: "tokyo",
    title: "Strike back if struck",
    description: "Acquire counterstrike capability before the game ends.",
    atEnd: [{ kind: "counterstrike", acquired: true }],
  },
  {
    id: "tokyo-normal-defense",
    nation: "tokyo",
    title: "A normal defense posture",
    description: "End the game with Japan's defense posture at 6 or more.",
    atEnd: [{ kind: "meterAtLeast", meter: { meter: "japanDefense" }, value: 6 }],
  },
  {
    id: "washington-exercises-and-warning",
    nation: "washington",
    title: "An integrated missile shield",
    description: "End the game with trilateral exercises and missile-warning data sharing both in force.",
    atEnd: [
      { kind: "institutionInForce", institution: "trilateral-exercises" },
      { kind: "institutionInForce", institution: "missile-warning-sharing" },
    ],
  },
  {
    id: "washington-burden",
    nation: "washington",
    title: "Allies who pay their way",
    description: "End the game with burden shared at 7 or more.",
    atEnd: [{ kind: "meterAtLeast", meter: { meter: "burdenShared" }, value: 7 }],
  },
  {
    id: "washington-allies-reconciled",
    nation: "washington",
    title: "Allies who talk to each other",
    description: "End the game with Seoul–Tokyo trust at 50 or more.",
    atEnd: [{ kind: "meterAtLeast", meter: { meter: "trust", pair: "seoul-tokyo" }, value: 50 }],
  },
];

export const AGENDAS: readonly AgendaDefinition[] = AGENDA_TEXTS.map((a) => ({ ...a, id: AgendaIdSchema.parse(a.id) }));

const BY_ID = new Map<string, AgendaDefinition>(AGENDAS.map((a) => [a.id, a]));

export function agendaById(id: string): AgendaDefinition | undefined {
  return BY_ID.get(id);
}

export function agendasOf(nation: Nation): AgendaDefinition[] {
  return AGENDAS.filter((a) => a.nation === nation);
}
