import { Worker } from "node:worker_threads";
import type { Collected, GeneratorJob } from "./generator-worker.ts";

/**
 * The load generator in worker threads (bench/load/generator-worker.ts): the simulated clients
 * are dealt to `threads` threads, each with its own event loop and heap. In one thread, a pause
 * of the generator (its garbage collector, applying a burst of views) made every view that
 * arrived meanwhile look late, and at 3,000 clients its own event-loop delay reached the size
 * of the latency being measured. The main thread only coordinates.
 */
export class GeneratorThreads {
  private readonly workers: Worker[];
  private waiting = new Map<Worker, { type: string; resolve: (m: Record<string, unknown>) => void; reject: (e: Error) => void }>();

  private constructor(jobs: GeneratorJob[]) {
    this.workers = jobs.map((job) => {
      const w = new Worker(new URL("./generator-worker.ts", import.meta.url), { workerData: job });
      w.on("message", (m: { type: string; message?: string }) => {
        const wait = this.waiting.get(w);
        if (!wait) return;
        if (m.type === "error") wait.reject(new Error(m.message ?? "a generator thread failed"));
        else if (m.type === wait.type) wait.resolve(m);
        else return;
        this.waiting.delete(w);
      });
      w.on("error", (e) => {
        this.waiting.get(w)?.reject(e);
        this.waiting.delete(w);
      });
      return w;
    });
  }

  /** Tables dealt in turn to `threads` threads, seated (they start playing on `start`). */
  static async tables(threads: number, job: Omit<Extract<GeneratorJob, { kind: "table" }>, "tables">, tables: Extract<GeneratorJob, { kind: "table" }>["tables"]): Promise<GeneratorThreads> {
    const n = Math.max(1, Math.min(threads, tables.length));
    const g = new GeneratorThreads(Array.from({ length: n }, (_, i) => ({ ...job, tables: tables.filter((_, j) => j % n === i) })));
    await g.all("open", "opened");
    return g;
  }

  /** Echo rooms dealt to `threads` threads, their clients seated. */
  static async echo(threads: number, job: Extract<GeneratorJob, { kind: "echo" }>): Promise<GeneratorThreads> {
    const n = Math.max(1, Math.min(threads, job.rooms));
    const g = new GeneratorThreads(Array.from({ length: n }, (_, i) => ({ ...job, rooms: Math.floor(job.rooms / n) + (i < job.rooms % n ? 1 : 0) })));
    await g.all("open", "opened");
    return g;
  }

  private all(send: string, expect: string): Promise<Record<string, unknown>[]> {
    return Promise.all(
      this.workers.map(
        (w) =>
          new Promise<Record<string, unknown>>((resolve, reject) => {
            this.waiting.set(w, { type: expect, resolve, reject });
            w.postMessage({ type: send });
          }),
      ),
    );
  }

  get threads(): number {
    return this.workers.length;
  }

  start(): void {
    for (const w of this.workers) w.postMessage({ type: "start" });
  }

  /** The measured window begins: every thread's counts and event-loop delay start again. */
  async reset(): Promise<void> {
    await this.all("reset", "reset");
  }

  /** The window ends: every thread's counts and timings, together (the loop delay: the worst thread's). */
  async stop(): Promise<Collected> {
    const parts = (await this.all("stop", "stopped")).map((m) => m.collected as Collected);
    const sum = (k: "sent" | "accepted" | "rejected" | "failed" | "games" | "resyncs") => parts.reduce((a, c) => a + c[k], 0);
    return {
      sent: sum("sent"),
      accepted: sum("accepted"),
      rejected: sum("rejected"),
      failed: sum("failed"),
      games: sum("games"),
      resyncs: sum("resyncs"),
      latencies: parts.flatMap((c) => c.latencies),
      messageBytes: parts.flatMap((c) => c.messageBytes),
      loopDelay: { p99: Math.max(...parts.map((c) => c.loopDelay.p99)), max: Math.max(...parts.map((c) => c.loopDelay.max)) },
    };
  }

  /** The clients leave and the threads end. */
  async close(): Promise<void> {
    await this.all("close", "closed").catch(() => {});
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
