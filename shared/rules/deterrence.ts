import { INSTITUTIONS, INSTITUTION_IDS, type InstitutionId } from "./institutions.ts";
import { TUNING } from "./tuning.ts";
import { membersOfPair, PAIRS, type Pair } from "./vocabulary.ts";

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

/**
 * Deterrence is derived, never stored: base + trust + security institutions + Japan's posture +
 * this round's bonus. `add` receives each part (for the breakdown); the total is returned.
 */
function deterrenceParts(inputs: DeterrenceInputs, add?: (label: string, points: number) => void, withBonus = true): number {
  const t = TUNING.deterrence;
  const averageTrust = (inputs.trust["seoul-tokyo"] + inputs.trust["seoul-washington"] + inputs.trust["tokyo-washington"]) / PAIRS.length;
  const fromTrust = Math.floor(averageTrust / t.trustPerPoint);
  const fromPosture = Math.floor(inputs.japanDefense / t.japanDefensePerPoint);
  add?.("Base", t.base);
  add?.("Average trust", fromTrust);
  let total = t.base + fromTrust;
  for (const id of DETERRING) {
    if (inputs.institutions[id]?.status !== "in-force") continue;
    total += INSTITUTIONS[id].deterrence;
    add?.(INSTITUTIONS[id].name, INSTITUTIONS[id].deterrence);
  }
  add?.("Japan's defense posture", fromPosture);
  total += fromPosture;
  if (withBonus && inputs.current.deterrenceBonus > 0) {
    add?.("Extended deterrence", inputs.current.deterrenceBonus);
    total += inputs.current.deterrenceBonus;
  }
  return total;
}

const DETERRING = INSTITUTION_IDS.filter((id) => INSTITUTIONS[id].deterrence > 0);

/** §4.6 The crisis test: a marker is placed when threat exceeds deterrence at resolution. */
export function crisisDue(threat: number, deterrence: number): boolean {
  return threat > deterrence;
}

/**
 * The last breakdown built, with the inputs it was built from (compared by identity: states
 * share their parts until they change). The viewers of one command, and often the next
 * commands, get the same object: built once, and a view delta sees it unchanged at once.
 */
let last: { trust: unknown; japanDefense: number; institutions: unknown; bonus: number; value: DeterrenceBreakdown } | null = null;

/**
 * Deterrence with its breakdown, for screens. The result may be shared: treat it as read-only.
 * The inputs must not be changed after the call (states never are); rule code that works on a
 * draft uses `deterrenceTotal`, which keeps nothing.
 */
export function deterrenceOf(inputs: DeterrenceInputs): DeterrenceBreakdown {
  const l = last;
  if (l && l.trust === inputs.trust && l.japanDefense === inputs.japanDefense && l.institutions === inputs.institutions && l.bonus === inputs.current.deterrenceBonus) return l.value;
  const parts: { label: string; points: number }[] = [];
  const total = deterrenceParts(inputs, (label, points) => {
    if (points !== 0) parts.push({ label, points });
  });
  const value = { total, parts };
  last = { trust: inputs.trust, japanDefense: inputs.japanDefense, institutions: inputs.institutions, bonus: inputs.current.deterrenceBonus, value };
  return value;
}

/** Deterrence's total alone (the same rule, without building the breakdown); without this round's bonus if `withBonus` is false. */
export function deterrenceTotal(inputs: DeterrenceInputs, withBonus = true): number {
  return deterrenceParts(inputs, undefined, withBonus);
}

/** For each set of members (by key), the institutions that include them all, in catalogue order. */
const SHARED_BY = new Map<string, InstitutionId[]>();

export function institutionsInForceBetween(
  institutions: DeterrenceInputs["institutions"],
  members: readonly string[],
): InstitutionId[] {
  const key = members.join(",");
  let candidates = SHARED_BY.get(key);
  if (!candidates) {
    candidates = INSTITUTION_IDS.filter((id) => members.every((m) => (INSTITUTIONS[id].members as readonly string[]).includes(m)));
    SHARED_BY.set(key, candidates);
  }
  const out: InstitutionId[] = [];
  for (const id of candidates) if (institutions[id]?.status === "in-force") out.push(id);
  return out;
}

/** For each pair, the institutions that include both its members, in catalogue order. */
const sharedBy = (pair: Pair): readonly InstitutionId[] =>
  INSTITUTION_IDS.filter((id) => membersOfPair(pair).every((m) => (INSTITUTIONS[id].members as readonly string[]).includes(m)));
const SHARED_BY_PAIR: Record<Pair, readonly InstitutionId[]> = {
  "seoul-tokyo": sharedBy("seoul-tokyo"),
  "seoul-washington": sharedBy("seoul-washington"),
  "tokyo-washington": sharedBy("tokyo-washington"),
};

/** The institutions that include both members of the pair, in force or not, in catalogue order. */
export function institutionsOfPair(pair: Pair): readonly InstitutionId[] {
  return SHARED_BY_PAIR[pair];
}

/** How many institutions in force include both members of the pair (institutionsInForceBetween's length, without the list). */
export function institutionsInForceForPair(institutions: DeterrenceInputs["institutions"], pair: Pair): number {
  let n = 0;
  for (const id of SHARED_BY_PAIR[pair]) if (institutions[id]?.status === "in-force") n += 1;
  return n;
}
