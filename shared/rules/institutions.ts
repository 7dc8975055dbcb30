import type { Effect } from "./effects.ts";
import { TUNING } from "./tuning.ts";
import type { Nation } from "./vocabulary.ts";

/** Institutions are rules data: who belongs, what they absorb, what they pay each round. */
export const INSTITUTION_IDS = [
  "gsomia",
  "shuttle-summits",
  "seoul-tokyo-2plus2",
  "trilateral-ministerial",
  "missile-warning-sharing",
  "trilateral-exercises",
  "acsa",
  "hadr-pko",
  "counterstrike-protocol",
  "comfort-women-settlement",
  "cjk-secretariat",
] as const;
export type InstitutionId = (typeof INSTITUTION_IDS)[number];

export interface InstitutionDefinition {
  id: InstitutionId;
  name: string;
  /** One line for the table token's tooltip and the screen reader. */
  summary: string;
  members: readonly Nation[];
  /** Security institutions count toward deterrence and are shielded by the firewall from history shocks. */
  security: boolean;
  deterrence: number;
  /**
   * Non-traditional cooperation that prepares the ground (§5): while it is in force, new
   * institutions cost less at home and it absorbs more of a trust loss.
   */
  groundwork?: boolean;
  /**
   * §4.5 Domestic strain: at resolution the institution is suspended while this government's
   * support is below the line (a government too weak at home cannot defend the tie).
   */
  needsSupport?: { nation: Nation; below: number };
  /** Applied once, when the institution is created. */
  onCreate: readonly Effect[];
  /** Applied at every resolution while the institution is in force. */
  income: readonly Effect[];
}

const ALL: readonly Nation[] = ["seoul", "tokyo", "washington"];
const SEOUL_TOKYO: readonly Nation[] = ["seoul", "tokyo"];

export const INSTITUTIONS: Record<InstitutionId, InstitutionDefinition> = {
  gsomia: {
    id: "gsomia",
    name: "GSOMIA",
    summary: "Seoul–Tokyo military intelligence-sharing agreement",
    members: SEOUL_TOKYO,
    security: true,
    deterrence: 1,
    needsSupport: { nation: "seoul", below: TUNING.strain.gsomiaSeoulSupportBelow },
    onCreate: [{ kind: "support", nation: "seoul", delta: -4 }],
    income: [],
  },
  "shuttle-summits": {
    id: "shuttle-summits",
    name: "Shuttle summits",
    summary: "Regular leader visits between Seoul and Tokyo",
    members: SEOUL_TOKYO,
    security: false,
    deterrence: 0,
    onCreate: [],
    income: [{ kind: "trust", pair: "seoul-tokyo", delta: 1 }],
  },
  "seoul-tokyo-2plus2": {
    id: "seoul-tokyo-2plus2",
    name: "Seoul–Tokyo 2+2",
    summary: "Joint foreign and defense ministers' policy dialogue",
    members: SEOUL_TOKYO,
    security: true,
    deterrence: 0,
    onCreate: [
      { kind: "support", nation: "tokyo", delta: -3 },
      { kind: "support", nation: "seoul", delta: -1 },
    ],
    income: [],
  },
  "trilateral-ministerial": {
    id: "trilateral-ministerial",
    name: "Trilateral ministerial dialogue",
    summary: "Regular meetings of the three foreign ministers",
    members: ALL,
    security: false,
    deterrence: 0,
    onCreate: [],
    income: [
      { kind: "trust", pair: "seoul-tokyo", delta: 1 },
    ],
  },
  "missile-warning-sharing": {
    id: "missile-warning-sharing",
    name: "Missile-warning data sharing",
    summary: "Real-time trilateral sharing of missile-warning data",
    members: ALL,
    security: true,
    deterrence: 1,
    onCreate: [
      { kind: "support", nation: "seoul", delta: -2 },
      { kind: "support", nation: "tokyo", delta: -1 },
    ],
    income: [],
  },
  "trilateral-exercises": {
    id: "trilateral-exercises",
    name: "Trilateral exercises",
    summary: "Regular three-navy exercises",
    members: ALL,
    security: true,
    deterrence: 1,
    onCreate: [{ kind: "support", nation: "seoul", delta: -4 }],
    income: [],
  },
  acsa: {
    id: "acsa",
    name: "ACSA",
    summary: "Seoul–Tokyo logistics and cross-servicing agreement",
    members: SEOUL_TOKYO,
    security: false,
    deterrence: 0,
    onCreate: [{ kind: "support", nation: "seoul", delta: -1 }],
    income: [],
  },
  "hadr-pko": {
    id: "hadr-pko",
    name: "HADR/PKO cooperation",
    summary: "Disaster relief and peacekeeping cooperation: later institutions cost less at home and hold better",
    members: ALL,
    security: false,
    deterrence: 0,
    groundwork: true,
    onCreate: [],
    income: [{ kind: "trust", pair: "seoul-tokyo", delta: 1 }],
  },
  "counterstrike-protocol": {
    id: "counterstrike-protocol",
    name: "Counterstrike coordination protocol",
    summary: "No counterstrike without consulting all three capitals",
    members: ALL,
    security: true,
    deterrence: 0,
    onCreate: [{ kind: "support", nation: "tokyo", delta: -2 }],
    income: [],
  },
  "comfort-women-settlement": {
    id: "comfort-women-settlement",
    name: "Comfort-women settlement",
    summary: "A negotiated settlement of the comfort-women issue",
    members: SEOUL_TOKYO,
    security: false,
    deterrence: 0,
    onCreate: [
      { kind: "historyTension", delta: -2 },
      { kind: "support", nation: "seoul", delta: -4 },
    ],
    income: [],
  },
  "cjk-secretariat": {
    id: "cjk-secretariat",
    name: "CJK secretariat track",
    summary: "China–Japan–Korea trilateral cooperation secretariat",
    members: SEOUL_TOKYO,
    security: false,
    deterrence: 0,
    onCreate: [{ kind: "threat", delta: -1 }],
    income: [],
  },
};
