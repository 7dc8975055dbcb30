/** Bump when a rule or a TUNING number changes how a recorded game replays. */
export const RULES_VERSION = "trilateral-rules/9";
