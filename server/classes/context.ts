import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";
import type { ClassStore } from "../storage/class-store.ts";
import type { Store } from "../storage/store.ts";

/** What every class room and class route of one server shares. */
export interface ClassContext {
  config: Config;
  /** The tables' store (its file also holds the classes). */
  store: Store;
  classes: ClassStore;
  log: Logger;
}
