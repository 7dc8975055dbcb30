/**
 * Every tunable number of the rules, named, in one place. The balance simulator
 * (npm run simulate) is how these get changed; bump RULES_VERSION in version.ts
 * whenever a change here would make an old record replay differently.
 */
export const TUNING = {
  rounds: { default: 8, min: 1, max: 20 },

  start: {
    trust: { "seoul-tokyo": 30, "seoul-washington": 65, "tokyo-washington": 70 },
    support: 55,
    threat: 3,
    historyTension: 5,
    japanDefense: 2,
    burdenShared: 2,
  },

  bounds: {
    trust: [0, 100],
    support: [0, 100],
    threat: [0, 10],
    historyTension: [0, 10],
    japanDefense: [0, 10],
    burdenShared: [0, 10],
  },

  leadership: { fallsBelowSupport: 25, newGovernmentSupport: 50 },

  /** Share of a trust loss that each institution in force between the pair absorbs. */
  absorption: { perInstitution: 0.15, cap: 0.6 },

  /**
   * §5 Groundwork: while an institution marked `groundwork` (HADR/PKO cooperation) is in force,
   * creating another institution costs its governments this share of the support it would
   * (rounded toward zero), and the groundwork institution counts this many times in absorption.
   */
  groundwork: { creationCostFactor: 0.5, absorptionWeight: 2 },

  /**
   * §4.5 Strain: at resolution, an institution in force is suspended when the trust between two
   * of its members is below its line: no government can defend intimacy with a partner its public
   * has turned against. A Seoul–Tokyo security tie (GSOMIA, the 2+2) needs the most trust; with
   * Washington at the table a security institution holds down to a lower line, the others lower still. Groundwork (HADR/PKO) is never
   * strained. GSOMIA also needs a government in Seoul strong enough to defend it at home: it is
   * suspended while Seoul's support is below `gsomiaSeoulSupportBelow` (since trilateral-rules/8).
   * A suspended institution can be restored by agreement.
   */
  strain: { bilateralSecurityBelow: 40, trilateralSecurityBelow: 33, otherBelow: 30, gsomiaSeoulSupportBelow: 35 },

  /** While the firewall stands, history shocks to Seoul–Tokyo trust land at this strength. */
  firewallHistoryFactor: 0.5,

  deterrence: {
    base: 0,
    /** One point of deterrence per this many points of average trust (18 until trilateral-rules/9). */
    trustPerPoint: 14,
    /** One point per this many points of Japan's defense posture. */
    japanDefensePerPoint: 4,
    /** Washington's "offer extended deterrence" adds this until the end of the round. */
    extendedDeterrenceBonus: 3,
  },

  /**
   * §1 Escalation: North Korea's missile programme and the regional rivalry do not wait for the
   * allies. At the start of round `fromRound`, and every `everyRounds` rounds after it, threat
   * rises by `threatPerStep` before the card is drawn; deterrence has to keep pace.
   */
  escalation: { threatPerStep: 1, everyRounds: 1, fromRound: 3, label: "North Korea's missile programme advances" },

  /** Counterstrike capability can be acquired only once Japan's defense posture reaches this. */
  counterstrike: { postureRequired: 6 },

  crisis: { markersToEndGame: 3, threatReliefAfterCrisis: 0, trustShockPerPair: -8 },

  proposals: { maxOpenPerSeat: 3, maxTermsPerProposal: 4 },
  pledges: { keptTrustBonus: 2, brokenTrustPenalty: -10 },

  chat: { maxLength: 500 },

  scoring: {
    agendaBonus: 12,
    securityPerDeterrencePoint: 1,
    supportDivisor: 10,
    trustDivisor: 10,
    seoul: { uncoordinatedCounterstrikePenalty: 9, autonomyBonus: 11, pointsPerApology: 0.75, historyCalmDivisor: 1.5 },
    tokyo: { defensePerPoint: 0.3, counterstrikeBonus: 2, seoulTrustDivisor: 4.38 },
    washington: { securityPerDeterrencePoint: 0.5, trustSumDivisor: 14.72, trilateralInstitutionPoints: 1.5, burdenPerPoint: 0.28 },
  },
} as const;
