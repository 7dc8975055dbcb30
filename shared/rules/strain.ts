import { INSTITUTIONS, INSTITUTION_IDS, type InstitutionId } from "./institutions.ts";
import { TUNING } from "./tuning.ts";
import { pairsAmong, type Pair } from "./vocabulary.ts";

/**
 * §4.5 Strain, the test itself: the trust an institution needs between each pair of its members,
 * and the pair (if any) that falls short. The resolution (flow.ts) suspends what this finds; the
 * composer warns with it before a tie is tabled below its line. Groundwork (HADR/PKO) is never strained.
 */

/** Each institution's member pairs, listed once. */
const MEMBER_PAIRS = new Map<InstitutionId, readonly Pair[]>(INSTITUTION_IDS.map((id) => [id, pairsAmong(INSTITUTIONS[id].members)]));

/** The trust every pair of the institution's members needs at resolution, or null if it is never strained. */
export function strainLine(id: InstitutionId): number | null {
  const institution = INSTITUTIONS[id];
  if (institution.groundwork) return null;
  if (!institution.security) return TUNING.strain.otherBelow;
  return institution.members.length === 2 ? TUNING.strain.bilateralSecurityBelow : TUNING.strain.trilateralSecurityBelow;
}

/** The first pair of members (in catalogue order) whose trust is below the institution's line, or null. */
export function strainedPair(trust: Readonly<Record<Pair, number>>, id: InstitutionId): Pair | null {
  const line = strainLine(id);
  if (line === null) return null;
  for (const pair of MEMBER_PAIRS.get(id)!) if (trust[pair] < line) return pair;
  return null;
}
