/**
 * Sitting down again by itself. Two ways back after a drop:
 *  - the SDK's own reconnection (same session, its reconnection token), tried first;
 *  - the seat token this tab saved, when the SDK cannot succeed: it gave up, or the server
 *    restarted (GET /health says it has been up for less time than we have been away; the old
 *    session is gone) — the room was recreated from storage under the same code and the token
 *    still holds the seat.
 * Attempts back off (1 s, 2 s, 4 s … at most 10 s) and never need a click.
 */
export interface RejoinDeps {
  serverUrl: string;
  /** True once the table is reached again (or the player left): the loop ends. */
  online(): boolean;
  rejoin(): Promise<void>;
  /** Words for the banner while trying. */
  report(detail: string): void;
  /** The seat cannot come back (the table is gone): stop and say why. */
  giveUp(detail: string): void;
}

/** While the SDK may still win, poll the server this often and give the SDK this long once it answers. */
const POLL_MS = 2000;
/** The SDK waits at most 5 s between its attempts: give it two of them once the server answers. */
const SDK_GRACE_MS = 12_000;
const MAX_DELAY_MS = 10_000;
const GONE = /There is no table|no seat to return|already ended/i;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class RejoinLoop {
  #generation = 0;
  #running = false;
  #sdkTrying = false;
  #detail = "";
  readonly deps: RejoinDeps;

  constructor(deps: RejoinDeps) {
    this.deps = deps;
  }

  get running(): boolean {
    return this.#running;
  }

  /** `sdkTrying`: the SDK is still reconnecting, so only step in once the server answers and the SDK has not. */
  start(sdkTrying: boolean, detail = ""): void {
    if (detail) this.#detail = detail;
    if (this.#running) {
      if (!sdkTrying) this.#sdkTrying = false;
      return;
    }
    this.#running = true;
    this.#sdkTrying = sdkTrying;
    const generation = ++this.#generation;
    if (!sdkTrying) this.deps.report(this.#detail);
    void this.#loop(generation);
  }

  stop(): void {
    this.#running = false;
    this.#detail = "";
    this.#generation++;
  }

  /** null = the server does not answer; otherwise how long it has been up (GET /health). */
  async #uptimeMs(): Promise<number | null> {
    if (typeof navigator !== "undefined" && navigator.onLine === false) return null;
    try {
      const res = await fetch(new URL("/health", this.deps.serverUrl), { cache: "no-store" });
      if (!res.ok) return null;
      const body = (await res.json()) as { uptimeSeconds?: unknown };
      return typeof body.uptimeSeconds === "number" ? body.uptimeSeconds * 1000 : Number.POSITIVE_INFINITY;
    } catch {
      return null;
    }
  }

  async #loop(generation: number): Promise<void> {
    let attempt = 0;
    let answeringSince = 0;
    let gone = 0;
    const droppedAt = Date.now();
    const live = () => generation === this.#generation;
    while (live()) {
      await sleep(this.#sdkTrying ? POLL_MS : Math.min(MAX_DELAY_MS, 1000 * 2 ** attempt));
      if (!live()) return;
      if (this.deps.online()) return this.stop();
      if (this.#sdkTrying) {
        const uptime = await this.#uptimeMs();
        if (uptime === null) {
          answeringSince = 0;
          continue;
        }
        // Up for less time than we have been away: it restarted, and the SDK's session went with it.
        const restarted = uptime + 2000 < Date.now() - droppedAt;
        if (answeringSince === 0) answeringSince = Date.now();
        if (!restarted && Date.now() - answeringSince < SDK_GRACE_MS) continue;
        if (this.deps.online()) return this.stop();
      }
      attempt++;
      try {
        await this.deps.rejoin();
        return this.stop();
      } catch (error) {
        if (!live()) return;
        const message = error instanceof Error ? error.message : String(error);
        // Right after a restart the tables may still be loading: "no table" must be said three times.
        if (GONE.test(message) && ++gone >= 3) {
          this.stop();
          return this.deps.giveUp(message);
        }
        this.deps.report(`${this.#detail ? `${this.#detail} ` : ""}Still trying to return you to your seat (attempt ${attempt}).`);
      }
    }
  }
}
