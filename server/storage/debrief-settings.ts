/**
 * Debrief settings per table: whether students' debriefs keep bilateral channels private (the
 * class sets it for each of its tables), and, for a fork, its parent.
 */
export interface DebriefSettingsStore {
  withholdPrivate(code: string): Promise<boolean>;
  setWithholdPrivate(code: string, withhold: boolean): Promise<void>;
  parentOf(code: string): Promise<{ code: string; step: number } | null>;
  setParent(code: string, parent: { code: string; step: number }): Promise<void>;
  close(): Promise<void>;
}
