/** What `inOneWrite` needs of a socket (a net.Socket fits). */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

/**
 * The TCP socket under a Colyseus client of the ws transport (`ws`'s own socket), or undefined
 * where there is none (another transport, a test's fake client): then nothing is held.
 */
export function socketOf(client: unknown): Corkable | undefined {
  const socket = (client as { ref?: { _socket?: Partial<Corkable> | null } } | null)?.ref?._socket;
  return typeof socket?.cork === "function" && typeof socket.uncork === "function" ? (socket as Corkable) : undefined;
}

/**
 * Runs a command request's handler with the requester's socket corked, and uncorks it once the
 * reply is written: the requester's delta and the reply to its request leave in one write
 * (one system call instead of two; every accepted command cost four, one per seat and the reply).
 *
 * Colyseus writes the reply in a promise callback of the handler's result, so the socket is
 * uncorked on the next tick after the handler settles: Node runs ticks only once the pending
 * promise callbacks are done. Writes are held, never lost: whatever else is written to the
 * socket meanwhile leaves in the same write, in order.
 */
export async function inOneWrite<T>(socket: Corkable | undefined, handler: () => T | Promise<T>): Promise<T> {
  if (!socket) return handler();
  socket.cork();
  try {
    return await handler();
  } finally {
    process.nextTick(() => socket.uncork());
  }
}
