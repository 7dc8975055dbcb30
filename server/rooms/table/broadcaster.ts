import type { DeltaMessage, NoticeMessage, ViewMessage } from "../../../shared/protocol/messages.ts";
import { advanceView, snapshot, trackedHash, trackView, type SharedHashes, type TrackedView } from "../../../shared/protocol/view-tracker.ts";
import type { GameEvent } from "../../../shared/rules/events.ts";
import type { GameState } from "../../../shared/rules/state.ts";
import { eventsFor, viewFor, type Viewer } from "../../../shared/rules/view.ts";
import { sendTableMessage, tableMessageBytes } from "../send.ts";

/** What the broadcaster needs of a connection (a Colyseus Client fits). */
export interface Recipient {
  sessionId: string;
  send(type: string, message: unknown): void;
  enqueueRaw(data: Uint8Array): void;
}

/** One key per distinct view: each seat's, the instructor's, the spectators'. */
export type ViewerKey = "seoul" | "tokyo" | "washington" | Exclude<Viewer["kind"], "seat">;
export const viewerKey = (viewer: Viewer): ViewerKey => (viewer.kind === "seat" ? viewer.nation : viewer.kind);

export interface BroadcasterOptions {
  /** false: every command sends full views (VIEW_DELTAS=off, for the bench's before/after). */
  deltas: boolean;
  /** A delta carries the view's hash on every phase change and every `hashEvery` commands. */
  hashEvery?: number;
}

/** A viewer key's last view (kept up to date in place) and the seq it is at. */
interface Sent {
  seq: number;
  tracked: TrackedView;
}

/**
 * What clients see. Every message is built from `viewFor` of its viewer (the one place
 * secrecy lives) and encoded once per viewer key. A client gets a full `view` on join,
 * reconnect and resync; after that a `delta` per accepted command: the RFC 6902 patch from the
 * last view sent to its key to the new one. All clients of a key hold the same base, because
 * a full view is always the key's latest.
 */
export class Broadcaster {
  private readonly deltas: boolean;
  private readonly hashEvery: number;
  private last = new Map<ViewerKey, Sent>();
  /** Hashes of view parts the viewers share (the card, the history…), hashed once for all of them. */
  private sharedHashes: SharedHashes = new Map();
  /** Bytes enqueued so far, by message type (for the bench and tests). */
  readonly bytesSent = { view: 0, delta: 0 };

  constructor(o: BroadcasterOptions) {
    this.deltas = o.deltas;
    this.hashEvery = Math.max(1, o.hashEvery ?? 16);
  }

  private current(game: GameState, seq: number, viewer: Viewer): Sent {
    const key = viewerKey(viewer);
    const known = this.last.get(key);
    if (known && known.seq === seq) return known;
    const sent = { seq, tracked: trackView(viewFor(game, viewer)) };
    this.last.set(key, sent);
    return sent;
  }

  /** The whole view, as sent on join, reconnect and resync (the client's base becomes `seq`). */
  fullMessage(game: GameState, seq: number, viewer: Viewer, events: readonly GameEvent[] = []): ViewMessage {
    const { tracked } = this.current(game, seq, viewer);
    return { view: snapshot(tracked), events: eventsFor(events, viewer, game), seq, hash: trackedHash(tracked, this.sharedHashes) };
  }

  sendFull(client: Recipient, game: GameState, seq: number, viewer: Viewer): void {
    const bytes = tableMessageBytes("view", this.fullMessage(game, seq, viewer));
    this.bytesSent.view += bytes.length;
    client.enqueueRaw(bytes);
  }

  /**
   * After an accepted command: each connected viewer key gets one message, encoded once, sent
   * to each of its clients. A key nobody holds any more is forgotten.
   */
  broadcast<C extends Recipient>(clients: Iterable<C>, viewerOf: (c: C) => Viewer | null, game: GameState, seq: number, events: readonly GameEvent[], phaseChanged: boolean): void {
    const encoded = new Map<ViewerKey, Buffer>();
    for (const client of clients) {
      const viewer = viewerOf(client);
      if (!viewer) continue;
      const key = viewerKey(viewer);
      let bytes = encoded.get(key);
      if (!bytes) {
        const next = this.messageFor(game, seq, viewer, events, phaseChanged);
        bytes = next[0] === "view" ? tableMessageBytes("view", next[1]) : tableMessageBytes("delta", next[1]);
        this.bytesSent[next[0]] += bytes.length;
        encoded.set(key, bytes);
      }
      client.enqueueRaw(bytes);
    }
    for (const key of this.last.keys()) if (!encoded.has(key)) this.last.delete(key); // deleting while iterating a Map is safe
  }

  /** The message a viewer key gets for command `seq` (advances that key's base; `broadcast` encodes it). */
  messageFor(game: GameState, seq: number, viewer: Viewer, events: readonly GameEvent[], phaseChanged: boolean): ["view", ViewMessage] | ["delta", DeltaMessage] {
    const key = viewerKey(viewer);
    const before = this.last.get(key);
    if (!this.deltas || !before || before.seq !== seq - 1) return ["view", this.fullMessage(game, seq, viewer, events)];
    const base = before.seq;
    const ops = advanceView(before.tracked, viewFor(game, viewer));
    before.seq = seq;
    const delta: DeltaMessage = { base, seq, ops, events: eventsFor(events, viewer, game) };
    if (phaseChanged || seq % this.hashEvery === 0) delta.hash = trackedHash(before.tracked, this.sharedHashes);
    return ["delta", delta];
  }

  notice(client: Recipient, level: NoticeMessage["level"], text: string): void {
    sendTableMessage(client, "notice", { level, text } satisfies NoticeMessage);
  }
}
