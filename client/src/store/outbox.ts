import type { CommandReply } from "../../../shared/protocol/messages.ts";
import type { Command } from "../../../shared/rules/commands.ts";
import type { AppState, AppStore, PendingAction, RefusedAction } from "./store.ts";

/**
 * Actions taken while the table cannot be reached wait here, each with the action id it was
 * created with, and are sent in order once the connection is back. The server applies an
 * action id once, so an action that was in flight when the link dropped can safely go again.
 */

/** How the banner names an action: short, in the player's words. */
export function commandLabel(command: Command): string {
  switch (command.type) {
    case "say":
      return `your message “${command.text.length > 28 ? `${command.text.slice(0, 27)}…` : command.text}”`;
    case "acceptProposal":
      return `accepting ${command.proposalId.toUpperCase()}`;
    case "rejectProposal":
      return `rejecting ${command.proposalId.toUpperCase()}`;
    case "withdrawProposal":
      return `withdrawing ${command.proposalId.toUpperCase()}`;
    case "tableProposal":
      return "your new proposal";
    case "respond":
      return "your answer to the event";
    case "commitPolicy":
      return "your policy choice";
    case "ready":
      return "“ready”";
    default:
      return "your action";
  }
}

/** Two identical clicks while offline are one action (a message typed twice is two). */
export function enqueue(store: AppStore, action: PendingAction): void {
  const { outbox } = store.get();
  const same = JSON.stringify(action.command);
  if (action.command.type !== "say" && outbox.some((a) => JSON.stringify(a.command) === same)) return;
  if (outbox.some((a) => a.actionId === action.actionId)) return;
  store.set({ outbox: [...outbox, action] });
}

export function settle(store: AppStore, actionId: string, reply: CommandReply): void {
  const { outbox, refused } = store.get();
  const action = outbox.find((a) => a.actionId === actionId);
  if (!action) return;
  const rest = outbox.filter((a) => a.actionId !== actionId);
  if (reply.ok) store.set({ outbox: rest });
  else store.set({ outbox: rest, refused: [...refused.slice(-4), { actionId, label: action.label, reason: reply.message || reply.code }] });
}

export function dismissRefused(store: AppStore): void {
  if (store.get().refused.length > 0) store.set({ refused: [] });
}

export function waitingText(n: number): string {
  return n === 1 ? "1 action waiting" : `${n} actions waiting`;
}

/** The connection banner's words: only what the client really does. */
export function bannerLines(state: Pick<AppState, "status" | "statusDetail" | "outbox">): { title: string; detail: string } | null {
  const waiting = state.outbox.length;
  switch (state.status) {
    case "reconnecting":
      return {
        title: "Connection lost — reconnecting…",
        detail: `${state.statusDetail || "Your seat is kept for you."} What you do now waits in this tab and is sent once you are back.`,
      };
    case "lost":
      return {
        title: "Disconnected from the table.",
        detail: `${state.statusDetail || "The connection could not be restored."}${waiting > 0 ? " What waits is sent if you return to your seat from this tab." : ""}`,
      };
    case "online":
      return waiting > 0 ? { title: "Back at the table.", detail: "Sending what waited…" } : null;
    default:
      return null;
  }
}

/** "2 actions waiting: your message “Hello”, accepting P2". */
export function waitingList(outbox: readonly PendingAction[]): string {
  return outbox.length === 0 ? "" : `${waitingText(outbox.length)}: ${outbox.map((a) => a.label).join(", ")}`;
}

export function refusedText(r: RefusedAction): string {
  return `Refused when it reached the table: ${r.label}. ${r.reason}`;
}
