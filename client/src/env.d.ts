/// <reference types="vite/client" />

/** Set by client/vite.config.ts: true in a build made with TRILATERAL_TEST_HOOK=1. */
declare const __TRILATERAL_TEST_HOOK__: boolean;

declare module "virtual:trilateral-seeds" {
  /** The citation fields of every seed record under seeds/*.json (see client/vite.config.ts). */
  const seeds: { id: string; author: string; title: string; outlet: string; date: string }[];
  export default seeds;
}
