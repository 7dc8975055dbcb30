import type { ClassLobbyMessage, ClassYouMessage } from "../../../shared/protocol/class-messages.ts";
import { h } from "../dom.ts";

export interface LobbyProps {
  you: ClassYouMessage;
  lobby: ClassLobbyMessage | null;
  conn: "online" | "reconnecting" | "lost";
  detail: string;
}

/** The class lobby a student waits in: who they are, what happens next, and the connection in words. */
export function classLobby(p: LobbyProps): HTMLElement {
  const { you, lobby } = p;
  if (you.status === "removed") {
    return h(
      "section",
      { class: "class-lobby is-removed", "aria-labelledby": "lobby-title" },
      h("h2", { id: "lobby-title" }, "You were removed from this class"),
      h("p", {}, "The instructor took your name off the list. If this is a mistake, ask them to let you back in, then join again with the same name."),
    );
  }
  const ended = lobby?.status === "ended";
  return h(
    "section",
    { class: "class-lobby", "aria-labelledby": "lobby-title" },
    lobby ? h("p", { class: "lobby-class" }, lobby.title, h("span", { class: "hint" }, ` · class ${lobby.code}`)) : null,
    h("h2", { id: "lobby-title" }, ended ? "The class has ended" : `You're in, ${you.name}`),
    h("p", { class: "lobby-message", role: "status", "aria-live": "polite" }, lobby?.message ?? "Waiting for the instructor to start…"),
    ended
      ? null
      : h(
          "ol",
          { class: "lobby-next", "aria-label": "What happens next" },
          h("li", {}, "Keep this page open. You can lock your phone: it will bring you back."),
          h("li", {}, "When your instructor presses Start, you are seated at a table of three and given a nation: Seoul, Tokyo or Washington."),
          h("li", {}, "Your table opens here by itself. Computer players take any empty seat."),
        ),
    lobby && !ended ? h("p", { class: "hint lobby-count" }, `${lobby.students} student${lobby.students === 1 ? "" : "s"} in the class`) : null,
    p.conn !== "online"
      ? h("p", { class: "form-error", role: "alert" }, p.conn === "reconnecting" ? "Connection lost — reconnecting. Your place is kept." : `Disconnected. ${p.detail} Refresh the page to return.`)
      : p.detail
        ? h("p", { class: "hint", role: "status" }, p.detail)
        : null,
  );
}
