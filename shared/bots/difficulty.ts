/** Bot difficulty levels; kept apart from the bots so screens can list them without loading the bots. */
export const DIFFICULTIES = ["easy", "normal", "hard", "expert"] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const DIFFICULTY_NAMES: Record<Difficulty, string> = {
  easy: "Easy: makes mistakes, thinks one round at a time",
  normal: "Normal",
  hard: "Hard: looks ahead before it commits",
  expert: "Expert: plays its options out before it commits",
};
