import type { Card } from "../../shared/content/card-schema.ts";
import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";
import type { DebriefSettingsStore } from "../storage/debrief-settings.ts";
import type { Store } from "../storage/store.ts";

/** What every table room of one server shares. */
export interface TableContext {
  config: Config;
  store: Store;
  /** Per-table debrief settings, in the same database. */
  debriefSettings: DebriefSettingsStore;
  log: Logger;
  /** The deck a new table is dealt from. */
  deck: () => readonly Card[];
}
