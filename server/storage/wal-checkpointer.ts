import type { DatabaseSync } from "node:sqlite";
import { Worker } from "node:worker_threads";

/**
 * Copies the SQLite WAL back into the database file from a worker thread, so the table
 * server's event loop never does it.
 *
 * Why: a checkpoint copies every page the WAL holds (about 6 µs a frame on the bench machine;
 * a command writes about two frames). Run by SQLite's autocheckpoint it happens inside the
 * `INSERT` of whichever command crosses the threshold: with 1,000 tables that was one 65–75 ms
 * block of the event loop every ~5 s (CPU profiles of `bench:load`, the longest uninterrupted
 * spans), and every command that arrived meanwhile waited for it.
 *
 * How: the main connection sets `wal_autocheckpoint = 0`; every `everyMs` (5 s: a table's last
 * page, rewritten by each of its commands, is copied once per checkpoint, so copying less often
 * copies less) the worker, with its own connection to the same file, runs
 * `wal_checkpoint(PASSIVE)`, which never takes the write lock, so commits go on while it copies. Commits made during that copy are still in the WAL, and
 * SQLite only starts the WAL afresh once every frame is copied; so when the WAL has grown
 * past `restartFrames`, the main connection checkpoints the little that is left itself (the
 * frames of the last few milliseconds): the next commit then writes the WAL from its start
 * and the file stays small (about 5 s of commits).
 *
 * Durability is unchanged: a commit is in the WAL (synchronous = NORMAL) when it returns, and
 * the checkpoint syncs the WAL and then the file, as SQLite's own autocheckpoint does.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { DatabaseSync } = require("node:sqlite");
const db = new DatabaseSync(workerData.file);
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
parentPort.on("message", (m) => {
  if (m === "close") {
    db.close();
    parentPort.close();
    return;
  }
  let r = { busy: 1, log: -1, checkpointed: -1 };
  const t0 = performance.now();
  try {
    r = checkpoint.get();
  } catch (e) {
    r = { busy: 1, log: -1, checkpointed: -1, error: String(e && e.message) };
  }
  parentPort.postMessage({ busy: r.busy, log: r.log, checkpointed: r.checkpointed, ms: performance.now() - t0, error: r.error });
});
`;

interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
  /** How long the worker's copy took: what was committed meanwhile is what is left. */
  ms: number;
  error?: string;
}

/** A worker's copy this short leaves only a few frames for the main connection to copy. */
const QUICK_MS = 5;

export interface WalCheckpointerOptions {
  /** How often the worker copies the WAL into the file. */
  everyMs?: number;
  /** WAL size (frames) from which the main connection finishes the copy, so the WAL restarts. */
  restartFrames?: number;
  onError?: (message: string) => void;
}

export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly timer: NodeJS.Timeout;
  private pending = false;
  private closed = false;

  constructor(file: string, main: DatabaseSync, o: WalCheckpointerOptions = {}) {
    const restartFrames = o.restartFrames ?? 4000;
    main.exec("PRAGMA wal_autocheckpoint = 0");
    const finish = main.prepare("PRAGMA wal_checkpoint(PASSIVE)");
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file } });
    this.worker.unref();
    this.worker.on("error", (e) => o.onError?.(`WAL checkpoint worker: ${e.message}`));
    // Without its worker the main connection checkpoints again itself (SQLite's default threshold).
    this.worker.on("exit", () => {
      if (!this.closed && main.isOpen) main.exec("PRAGMA wal_autocheckpoint = 1000");
    });
    this.worker.on("message", (r: CheckpointResult) => {
      this.pending = false;
      if (this.closed || !main.isOpen) return;
      if (r.error) o.onError?.(`WAL checkpoint: ${r.error}`);
      if (r.log < restartFrames || r.busy !== 0) return;
      // The worker copied all but the frames committed while it ran. After a quick copy that is
      // a few milliseconds' worth: copy it here, so that every frame is in the file and the next
      // commit restarts the WAL. After a slow one the worker copies again first.
      if (r.ms <= QUICK_MS) finish.get();
      else this.check();
    });
    this.timer = setInterval(() => this.check(), o.everyMs ?? 5000);
    this.timer.unref();
  }

  private check(): void {
    if (this.pending || this.closed) return;
    this.pending = true;
    this.worker.postMessage("check");
  }

  /** Stops the worker (before the main connection closes). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.worker.ref(); // an unref'd worker's exit would not keep the caller's event loop alive
    const exited = new Promise<void>((resolve) => this.worker.once("exit", () => resolve()));
    this.worker.postMessage("close");
    await exited;
  }
}
