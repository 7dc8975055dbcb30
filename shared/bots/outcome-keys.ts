import type { PolicyId } from "../rules/policies.ts";
import type { Nation } from "../rules/vocabulary.ts";

/**
 * The outcome key of supposed policies: "-" where a seat holds steady, given or not (the engine
 * resolves both alike), each combination's string built once, so lookups hash no new string.
 */
const POLICY_KEYS = new Map<string, Map<string, Map<string, string>>>();
const HOLD = "hold-steady";
export function policiesKey(policies: Partial<Record<Nation, PolicyId>>): string {
  const s = policies.seoul === undefined || policies.seoul === HOLD ? "-" : policies.seoul;
  const t = policies.tokyo === undefined || policies.tokyo === HOLD ? "-" : policies.tokyo;
  const w = policies.washington === undefined || policies.washington === HOLD ? "-" : policies.washington;
  let byT = POLICY_KEYS.get(s);
  if (!byT) POLICY_KEYS.set(s, (byT = new Map()));
  let byW = byT.get(t);
  if (!byW) byT.set(t, (byW = new Map()));
  let key = byW.get(w);
  if (key === undefined) byW.set(w, (key = `r:${s}:${t}:${w}`));
  return key;
}
