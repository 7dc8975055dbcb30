/** The closed sets every other module speaks in: nations, pairs, meters, phases. */

export const NATIONS = ["seoul", "tokyo", "washington"] as const;
export type Nation = (typeof NATIONS)[number];

export const NATION_NAMES: Record<Nation, string> = {
  seoul: "Seoul",
  tokyo: "Tokyo",
  washington: "Washington",
};

/** Pairs are always written in NATIONS order, so each pair has one spelling. */
export const PAIRS = ["seoul-tokyo", "seoul-washington", "tokyo-washington"] as const;
export type Pair = (typeof PAIRS)[number];

const PAIR_OF: Record<Nation, Partial<Record<Nation, Pair>>> = {
  seoul: { tokyo: "seoul-tokyo", washington: "seoul-washington" },
  tokyo: { seoul: "seoul-tokyo", washington: "tokyo-washington" },
  washington: { seoul: "seoul-washington", tokyo: "tokyo-washington" },
};

export function pairOf(a: Nation, b: Nation): Pair {
  const pair = PAIR_OF[a][b];
  if (!pair) throw new Error(`no pair of ${a} with itself`);
  return pair;
}

const PAIR_MEMBERS: Record<Pair, readonly [Nation, Nation]> = {
  "seoul-tokyo": ["seoul", "tokyo"],
  "seoul-washington": ["seoul", "washington"],
  "tokyo-washington": ["tokyo", "washington"],
};

export function membersOfPair(pair: Pair): [Nation, Nation] {
  const members = PAIR_MEMBERS[pair];
  return [members[0], members[1]];
}

/** Whether the nation is one of the pair (membersOfPair(pair).includes(nation), without building the list). */
export function inPair(pair: Pair, nation: Nation): boolean {
  const members = PAIR_MEMBERS[pair];
  return members[0] === nation || members[1] === nation;
}

export function pairName(pair: Pair): string {
  const [a, b] = membersOfPair(pair);
  return `${NATION_NAMES[a]}–${NATION_NAMES[b]}`;
}

export function pairsAmong(nations: readonly Nation[]): Pair[] {
  return PAIRS.filter((pair) => membersOfPair(pair).every((n) => nations.includes(n)));
}

export const PHASES = ["event", "negotiation", "policy", "summary", "ended"] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_NAMES: Record<Phase, string> = {
  event: "Event",
  negotiation: "Negotiation",
  policy: "Policy",
  summary: "Summary",
  ended: "Game over",
};

/** Every meter a change can be recorded against. */
export type MeterRef =
  | { meter: "trust"; pair: Pair }
  | { meter: "support"; nation: Nation }
  | { meter: "threat" }
  | { meter: "historyTension" }
  | { meter: "japanDefense" }
  | { meter: "burdenShared" };

export function meterKey(ref: MeterRef): string {
  switch (ref.meter) {
    case "trust":
      return `trust:${ref.pair}`;
    case "support":
      return `support:${ref.nation}`;
    default:
      return ref.meter;
  }
}

export function meterName(ref: MeterRef): string {
  switch (ref.meter) {
    case "trust":
      return `${pairName(ref.pair)} trust`;
    case "support":
      return `${NATION_NAMES[ref.nation]} domestic support`;
    case "threat":
      return "Threat";
    case "historyTension":
      return "History tension";
    case "japanDefense":
      return "Japan's defense posture";
    case "burdenShared":
      return "Burden shared";
  }
}

export const STANCES = {
  seoul: ["conservative", "progressive"],
  tokyo: ["mainstream", "hawkish"],
  washington: ["alliance-builder", "burden-shifter"],
} as const satisfies Record<Nation, readonly string[]>;
export type StanceId = (typeof STANCES)[Nation][number];

export const STANCE_NAMES: Record<StanceId, string> = {
  conservative: "Conservative",
  progressive: "Progressive",
  mainstream: "Mainstream",
  hawkish: "Hawkish",
  "alliance-builder": "Alliance-builder",
  "burden-shifter": "Burden-shifter",
};
