/** Rule violations: stable codes for programs, readable messages for people. */
export const VIOLATION_CODES = [
  "WRONG_PHASE",
  "NOT_A_SEAT",
  "SYSTEM_ONLY",
  "NO_RESPONSE_DUE",
  "UNKNOWN_OPTION",
  "UNKNOWN_PROPOSAL",
  "NOT_A_PARTY",
  "PROPOSAL_CLOSED",
  "ALREADY_ANSWERED",
  "NOT_PROPOSER",
  "BAD_PARTIES",
  "BAD_TERM",
  "TOO_MANY_PROPOSALS",
  "NOT_IN_CHANNEL",
  "ALREADY_READY",
  "UNKNOWN_POLICY",
  "POLICY_UNAVAILABLE",
  "STALE_TIMEOUT",
  "GAME_OVER",
  "INVALID_COMMAND",
  "INSTRUCTOR_ONLY",
  "PAUSED",
  "ALREADY_PAUSED",
  "NOT_PAUSED",
  "UNKNOWN_CARD",
] as const;
export type ViolationCode = (typeof VIOLATION_CODES)[number];

export interface RuleViolation {
  code: ViolationCode;
  message: string;
}

export const violation = (code: ViolationCode, message: string): RuleViolation => ({ code, message });
