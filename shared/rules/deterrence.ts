import { INSTITUTIONS, INSTITUTION_IDS, type InstitutionId } from "./institutions.ts";
import { TUNING } from "./tuning.ts";
import { PAIRS, type Pair } from "./vocabulary.ts";

/** The inputs deterrence is derived from; both GameState and PlayerView carry them. */
export interface DeterrenceInputs {
  trust: Record<Pair, number>;
  japanDefense: number;
  institutions: Partial<Record<InstitutionId, { status: "in-force" | "suspended" }>>;
  current: { deterrenceBonus: number };
}

export interface DeterrenceBreakdown {
  total: number;
  parts: { label: string; points: number }[];
}

/** Deterrence is derived, never stored: base + trust + security institutions + Japan's posture + this round's bonus. */
export function deterrenceOf(inputs: DeterrenceInputs): DeterrenceBreakdown {
  const t = TUNING.deterrence;
  const averageTrust = PAIRS.reduce((sum, p) => sum + inputs.trust[p], 0) / PAIRS.length;
  const parts = [
    { label: "Base", points: t.base },
    { label: "Average trust", points: Math.floor(averageTrust / t.trustPerPoint) },
    ...INSTITUTION_IDS.filter(
      (id) => inputs.institutions[id]?.status === "in-force" && INSTITUTIONS[id].deterrence > 0,
    ).map((id) => ({ label: INSTITUTIONS[id].name, points: INSTITUTIONS[id].deterrence })),
    { label: "Japan's defense posture", points: Math.floor(inputs.japanDefense / t.japanDefensePerPoint) },
  ];
  if (inputs.current.deterrenceBonus > 0) parts.push({ label: "Extended deterrence", points: inputs.current.deterrenceBonus });
  return { total: parts.reduce((sum, p) => sum + p.points, 0), parts: parts.filter((p) => p.points !== 0) };
}

export function institutionsInForceBetween(
  institutions: DeterrenceInputs["institutions"],
  members: readonly string[],
): InstitutionId[] {
  return INSTITUTION_IDS.filter(
    (id) => institutions[id]?.status === "in-force" && members.every((m) => (INSTITUTIONS[id].members as readonly string[]).includes(m)),
  );
}
