import type { Client, Room } from "@colyseus/sdk";
import type { ClassSeatMessage } from "../../../../shared/protocol/class-messages.ts";
import { RESYNC_REQUEST, type DeltaMessage, type ViewMessage } from "../../../../shared/protocol/messages.ts";
import { applyViewPatch } from "../../../../shared/protocol/view-delta.ts";
import type { PlayerView } from "../../../../shared/rules/view.ts";

/**
 * The console's window on one table: the instructor's seat reservation consumed, then the
 * omniscient view kept current from "view" and "delta" messages (a gap or a failed patch asks
 * for a full "resync").
 */
export class TableWatch {
  #room: Room | null = null;
  #view: PlayerView | null = null;
  #seq = 0;
  #closed = false;

  readonly onView: (view: PlayerView) => void;

  constructor(onView: (view: PlayerView) => void) {
    this.onView = onView;
  }

  get view(): PlayerView | null {
    return this.#view;
  }

  async open(client: Client, reservation: ClassSeatMessage["reservation"]): Promise<void> {
    const room = await client.consumeSeatReservation(reservation as Parameters<Client["consumeSeatReservation"]>[0]);
    if (this.#closed) {
      await room.leave(true).catch(() => undefined);
      return;
    }
    this.#room = room;
    room.onMessage("seat", () => undefined);
    room.onMessage("notice", () => undefined);
    room.onMessage("view", (m: ViewMessage) => this.#full(m));
    room.onMessage("delta", (m: DeltaMessage) => this.#delta(m));
  }

  #full(m: ViewMessage): void {
    this.#view = m.view;
    this.#seq = m.seq ?? 0;
    this.onView(m.view);
  }

  #delta(m: DeltaMessage): void {
    if (!this.#view || m.base !== this.#seq) return this.#resync();
    try {
      this.#view = applyViewPatch(this.#view, m.ops);
      this.#seq = m.seq;
      this.onView(this.#view);
    } catch {
      this.#resync();
    }
  }

  #resync(): void {
    void this.#room
      ?.request(RESYNC_REQUEST, {})
      .then((m) => this.#full(m as ViewMessage))
      .catch(() => undefined);
  }

  async close(): Promise<void> {
    this.#closed = true;
    const room = this.#room;
    this.#room = null;
    if (room) await room.leave(true).catch(() => undefined);
  }
}
