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
    burdenShared: 3,
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

  /** While the firewall stands, history shocks to Seoul–Tokyo trust land at this strength. */
  firewallHistoryFactor: 0.5,

  deterrence: {
    base: 0,
    /** One point of deterrence per this many points of average trust. */
    trustPerPoint: 18,
    /** One point per this many points of Japan's defense posture. */
    japanDefensePerPoint: 10,
    /** Washington's "offer extended deterrence" adds this until the end of the round. */
    extendedDeterrenceBonus: 2,
  },

  /**
   * §1 Escalation: North Korea's missile programme and the regional rivalry do not wait for the
   * allies. At the start of round `fromRound`, and every `everyRounds` rounds after it, threat
   * rises by `threatPerStep` before the card is drawn; deterrence has to keep pace.
   */
  escalation: { threatPerStep: 1, everyRounds: 1, fromRound: 2, label: "North Korea's missile programme advances" },

  crisis: { markersToEndGame: 3, threatReliefAfterCrisis: 0, trustShockPerPair: -8 },

  proposals: { maxOpenPerSeat: 3, maxTermsPerProposal: 4 },
  pledges: { keptTrustBonus: 2, brokenTrustPenalty: -10 },

  chat: { maxLength: 500 },

  scoring: {
    agendaBonus: 12,
    securityPerDeterrencePoint: 1,
    supportDivisor: 10,
    trustDivisor: 10,
    seoul: { uncoordinatedCounterstrikePenalty: -6, autonomyBonus: 4.5, pointsPerApology: 2, historyCalmDivisor: 2 },
    tokyo: { defensePerPoint: 0.67, counterstrikeBonus: 1.5 },
    washington: { trilateralInstitutionPoints: 1.25, burdenPerPoint: 0.85 },
  },
} as const;
