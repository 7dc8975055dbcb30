import type { Command } from "../../../shared/rules/commands.ts";
import type { TableLink } from "../net/connection.ts";
import type { Playback } from "../store/playback.ts";
import { pushToast, type AppStore } from "../store/store.ts";

/** What every panel gets: the store to read, the playback to follow, and one way to act. */
export interface PanelContext {
  store: AppStore;
  playback: Playback;
  link(): TableLink | null;
  /** Send a command; a rejection is shown with the server's own words. Resolves true when accepted. */
  act(command: Command, button?: HTMLButtonElement | null): Promise<boolean>;
  announce(text: string): void;
  /** The toasts' element: the table screen shows it inside its action panel. */
  toasts?: HTMLElement;
}

export function makeAct(store: AppStore, link: () => TableLink | null) {
  return async (command: Command, button?: HTMLButtonElement | null): Promise<boolean> => {
    const l = link();
    if (!l) {
      pushToast(store, "error", "You are not seated at a table.");
      return false;
    }
    if (button) {
      button.disabled = true;
      button.setAttribute("aria-busy", "true");
    }
    try {
      const reply = await l.command(command);
      if (!reply.ok) pushToast(store, "error", reply.message || `That was not accepted (${reply.code}).`);
      return reply.ok;
    } finally {
      if (button?.isConnected) {
        button.disabled = false;
        button.removeAttribute("aria-busy");
      }
    }
  };
}
