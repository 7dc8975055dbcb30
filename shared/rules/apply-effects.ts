import { conditionHolds, meterValue } from "./conditions.ts";
import { institutionsInForceBetween, institutionsOfPair } from "./deterrence.ts";
import type { Effect } from "./effects.ts";
import type { Cause } from "./events.ts";
import { INSTITUTIONS, type InstitutionId } from "./institutions.ts";
import { nextInt } from "./rng.ts";
import { TUNING } from "./tuning.ts";
import { appendTo, QUIET_CAUSE, type Draft } from "./draft.ts";
import { membersOfPair, NATION_NAMES, STANCES, type MeterRef, type Nation, type Pair } from "./vocabulary.ts";

/** The effect interpreter: the one place a meter, the firewall or an institution changes. */
export function applyEffects(d: Draft, effects: readonly Effect[], cause: Cause): void {
  for (const effect of effects) applyEffect(d, effect, cause);
}

export function applyEffect(d: Draft, effect: Effect, cause: Cause): void {
  if (effect.if && !conditionHolds(d.s, effect.if)) return;
  const historyShock = effect.domain === "history";
  switch (effect.kind) {
    case "trust":
      return changeTrust(d, effect.pair, effect.delta, cause, historyShock);
    case "support":
      return changeMeter(d, SUPPORT_REFS[effect.nation], effect.delta, cause);
    case "threat":
    case "historyTension":
    case "japanDefense":
    case "burdenShared":
      return changeMeter(d, METER_REFS[effect.kind], effect.delta, cause);
    case "firewall":
      if (d.s.firewall !== effect.state) {
        d.s.firewall = effect.state;
        if (!d.quiet) d.events.push({ type: "firewallChanged", to: effect.state, cause });
      }
      return;
    case "institution":
      return changeInstitution(d, effect.institution, effect.op, cause, historyShock);
    case "exportControls":
      if (d.s.exportControls !== effect.active) {
        d.s.exportControls = effect.active;
        if (!d.quiet) d.events.push({ type: "exportControlsChanged", active: effect.active, cause });
      }
      return;
    case "counterstrike":
      if (!d.s.counterstrike) {
        d.s.counterstrike = true;
        if (!d.quiet) d.events.push({ type: "counterstrikeAcquired", cause });
      }
      return;
    case "leadershipChange":
      return changeGovernment(d, effect.nation, cause);
    case "deterrenceBonus":
      d.s.current.deterrenceBonus += effect.delta;
      if (!d.quiet) d.events.push({ type: "deterrenceBonus", amount: effect.delta, cause });
      return;
  }
}

function clampTo(ref: MeterRef, value: number): number {
  const [lo, hi] = TUNING.bounds[ref.meter];
  return Math.max(lo, Math.min(hi, value));
}

function record(d: Draft, ref: MeterRef, requested: number, applied: number, cause: Cause, absorbed = 0, absorbedBy: readonly InstitutionId[] = NONE, firewalled = false): void {
  const from = meterValue(d.s, ref);
  const to = clampTo(ref, from + applied);
  if (to === from && absorbed === 0 && !firewalled) return;
  switch (ref.meter) {
    case "trust":
      d.s.trust[ref.pair] = to;
      break;
    case "support":
      d.s.support[ref.nation] = to;
      break;
    default:
      d.s[ref.meter] = to;
  }
  if (d.quiet) return;
  const change = {
    round: d.s.round,
    meter: ref,
    from,
    to,
    requested,
    absorbed,
    absorbedBy: absorbedBy.slice(),
    firewalled,
    cause,
  };
  appendTo(d, "changes", change);
  d.events.push({ type: "meterChanged", change });
}

export function changeMeter(d: Draft, ref: MeterRef, delta: number, cause: Cause): void {
  record(d, ref, delta, delta, cause);
}

/** Trust losses are softened by the firewall (history shocks on Seoul–Tokyo) and absorbed by shared institutions. */
export function changeTrust(d: Draft, pair: Pair, delta: number, cause: Cause, historyShock = false): void {
  let amount = delta;
  let firewalled = false;
  if (historyShock && amount < 0 && pair === "seoul-tokyo" && d.s.firewall === "intact") {
    amount = -Math.floor(-amount * TUNING.firewallHistoryFactor);
    firewalled = true;
  }
  let absorbed = 0;
  let absorbedBy: readonly InstitutionId[] = NONE;
  if (amount < 0) {
    let weight = 0;
    for (const id of institutionsOfPair(pair)) {
      if (d.s.institutions[id]?.status === "in-force") weight += INSTITUTIONS[id].groundwork ? TUNING.groundwork.absorptionWeight : 1;
    }
    const share = Math.min(TUNING.absorption.cap, TUNING.absorption.perInstitution * weight);
    absorbed = Math.floor(-amount * share);
    amount += absorbed;
    // Which institutions absorbed it is only written down (a quiet draft keeps no record).
    if (absorbed > 0 && !d.quiet) absorbedBy = institutionsInForceBetween(d.s.institutions, membersOfPair(pair));
  }
  record(d, TRUST_REFS[pair], delta, amount, cause, absorbed, absorbedBy, firewalled);
}

const NONE: readonly InstitutionId[] = Object.freeze([]);

/** One frozen reference per meter, so a change need not build its own (meter references are values). */
const trustRef = (pair: Pair): MeterRef => Object.freeze({ meter: "trust", pair });
const supportRef = (nation: Nation): MeterRef => Object.freeze({ meter: "support", nation });
const TRUST_REFS: Record<Pair, MeterRef> = { "seoul-tokyo": trustRef("seoul-tokyo"), "seoul-washington": trustRef("seoul-washington"), "tokyo-washington": trustRef("tokyo-washington") };
const SUPPORT_REFS: Record<Nation, MeterRef> = { seoul: supportRef("seoul"), tokyo: supportRef("tokyo"), washington: supportRef("washington") };
const METER_REFS: Record<"threat" | "historyTension" | "japanDefense" | "burdenShared", MeterRef> = {
  threat: Object.freeze({ meter: "threat" }),
  historyTension: Object.freeze({ meter: "historyTension" }),
  japanDefense: Object.freeze({ meter: "japanDefense" }),
  burdenShared: Object.freeze({ meter: "burdenShared" }),
};

export function changeInstitution(
  d: Draft,
  institution: InstitutionId,
  op: "create" | "suspend" | "restore",
  cause: Cause,
  historyShock = false,
): void {
  const definition = INSTITUTIONS[institution];
  const current = d.s.institutions[institution];
  const from = current?.status ?? "absent";
  const blocked = (why: string): void => {
    if (!d.quiet) d.events.push({ type: "effectBlocked", reason: "not-applicable", detail: `${definition.name} ${why}`, cause });
  };
  if (op === "create" && from === "suspended") op = "restore";
  switch (op) {
    case "create":
      if (from !== "absent") return blocked("is already in force");
      {
        // §5 Groundwork: standing non-traditional cooperation makes the new one easier to sell at home.
        const ground = groundworkInForce(d, institution);
        d.s.institutions[institution] = { status: "in-force", since: d.s.round };
        const effects = ground ? eased(definition.onCreate) : definition.onCreate;
        if (d.quiet) return applyEffects(d, effects, QUIET_CAUSE);
        d.events.push({ type: "institutionChanged", institution, from, to: "in-force", cause });
        applyEffects(d, effects, {
          kind: "institution",
          institution,
          label: ground ? `${definition.name} created (eased by ${INSTITUTIONS[ground].name})` : `${definition.name} created`,
        });
      }
      return;
    case "suspend":
      if (from !== "in-force") return blocked("is not in force");
      if (historyShock && definition.security && d.s.firewall === "intact") {
        if (!d.quiet) d.events.push({
          type: "effectBlocked",
          reason: "firewall",
          detail: `The firewall keeps the history dispute away from ${definition.name}`,
          cause,
        });
        return;
      }
      d.s.institutions[institution] = { status: "suspended", since: d.s.round };
      if (!d.quiet) d.events.push({ type: "institutionChanged", institution, from, to: "suspended", cause });
      return;
    case "restore":
      if (from !== "suspended") return blocked("is not suspended");
      d.s.institutions[institution] = { status: "in-force", since: d.s.round };
      if (!d.quiet) d.events.push({ type: "institutionChanged", institution, from, to: "in-force", cause });
      return;
  }
}

/** A groundwork institution (§5) in force other than `except`, if any. */
function groundworkInForce(d: Draft, except: InstitutionId): InstitutionId | null {
  for (const id of GROUNDWORK) if (id !== except && d.s.institutions[id]?.status === "in-force") return id;
  return null;
}
const GROUNDWORK = (Object.keys(INSTITUTIONS) as InstitutionId[]).filter((id) => INSTITUTIONS[id].groundwork);

/** Creation effects with their support costs scaled by the groundwork factor (rounded toward zero). */
function eased(effects: readonly Effect[]): Effect[] {
  return effects.map((e) =>
    e.kind === "support" && e.delta < 0 ? { ...e, delta: -Math.floor(-e.delta * TUNING.groundwork.creationCostFactor) } : e,
  );
}

/** A government falls: support resets and a new stance is drawn from the nation's others. */
export function changeGovernment(d: Draft, nation: Nation, cause: Cause): void {
  const from = d.s.stances[nation];
  const others = (STANCES[nation] as readonly string[]).filter((s) => s !== from);
  const [index, rng] = nextInt(d.s.rng, others.length);
  d.s.rng = rng;
  const to = (others[index] ?? from) as typeof from;
  d.s.stances[nation] = to;
  if (!d.s.current.leadershipChanges.includes(nation)) d.s.current.leadershipChanges.push(nation);
  if (!d.quiet) d.events.push({ type: "leadershipChanged", nation, from, to, cause });
  const reset = TUNING.leadership.newGovernmentSupport - d.s.support[nation];
  changeMeter(d, SUPPORT_REFS[nation], reset, d.quiet ? QUIET_CAUSE : { kind: "leadership", nation, label: `New government in ${NATION_NAMES[nation]}` });
}
