/**
 * A small pool of worker threads with a time limit per task. Readability can spin for minutes on
 * some pages and synchronous code cannot be interrupted, so a task over its limit has its worker
 * terminated and replaced; the task resolves as timed out and the run goes on.
 *
 * Each worker holds up to `depth` tasks in its message queue. With one task each, a worker that
 * finishes waits for the main thread to wake and send the next one, and when every core is busy
 * with workers that wait is long. Only the task a worker is on has its clock running; the ones
 * queued behind it start theirs when it ends.
 */
import type { Worker } from 'node:worker_threads';
import { createWorker } from './worker-script.js';

export type PoolResult<O> = { ok: true; value: O } | { ok: false; reason: 'timeout' | 'crash'; message: string };

interface Job<I, O> {
  input: I;
  timeoutMs: number;
  resolve: (r: PoolResult<O>) => void;
}

interface Slot<I, O> {
  worker: Worker;
  /** Tasks posted to this worker, oldest (the one it is on) first. */
  posted: Job<I, O>[];
  timer: ReturnType<typeof setTimeout> | null;
}

export class WorkerPool<I, O> {
  private readonly slots: Slot<I, O>[] = [];
  private readonly queue: Job<I, O>[] = [];
  private closed = false;

  constructor(
    private readonly script: URL,
    size: number,
    private readonly timeoutMs: number,
    private readonly depth = 2,
  ) {
    for (let i = 0; i < Math.max(1, size); i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot<I, O> {
    const worker = createWorker(this.script);
    worker.unref();
    const slot: Slot<I, O> = { worker, posted: [], timer: null };
    worker.on('message', (value: O) => this.settle(slot, { ok: true, value }, false));
    worker.once('error', (e: Error) => this.settle(slot, { ok: false, reason: 'crash', message: e.message }, true));
    worker.once('exit', (code: number) => this.settle(slot, { ok: false, reason: 'crash', message: `worker exited with code ${code}` }, true));
    return slot;
  }

  /** One task, under the pool's time limit or its own. */
  run(input: I, timeoutMs = this.timeoutMs): Promise<PoolResult<O>> {
    if (this.closed) return Promise.reject(new Error('pool is closed'));
    return new Promise((resolve) => {
      this.queue.push({ input, timeoutMs, resolve });
      this.pump();
    });
  }

  /** Fill idle workers first, then queue more tasks behind busy ones, up to `depth` each. */
  private pump(): void {
    for (let d = 1; d <= this.depth && this.queue.length > 0; d++) {
      for (const slot of this.slots) {
        if (this.queue.length === 0) break;
        if (slot.posted.length < d) this.post(slot, this.queue.shift()!);
      }
    }
  }

  private post(slot: Slot<I, O>, job: Job<I, O>): void {
    slot.posted.push(job);
    if (slot.posted.length === 1) this.startClock(slot);
    slot.worker.postMessage(job.input);
  }

  private startClock(slot: Slot<I, O>): void {
    const limit = slot.posted[0]!.timeoutMs;
    slot.timer = setTimeout(() => this.settle(slot, { ok: false, reason: 'timeout', message: `timed out after ${limit} ms` }, true), limit);
  }

  /** The task a worker is on has ended; a worker that must be replaced hands its queued tasks back. */
  private settle(slot: Slot<I, O>, result: PoolResult<O>, replace: boolean): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return; // a replaced worker's late event
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    const job = slot.posted.shift();
    if (replace) {
      slot.worker.removeAllListeners().on('error', () => {});
      void slot.worker.terminate();
      this.queue.unshift(...slot.posted);
      slot.posted = [];
      if (this.closed) this.slots.splice(index, 1);
      else this.slots[index] = this.spawn();
    } else if (slot.posted.length > 0) this.startClock(slot);
    job?.resolve(result);
    if (!this.closed) this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const slot of this.slots) {
      if (slot.timer !== null) clearTimeout(slot.timer);
      slot.worker.removeAllListeners().on('error', () => {});
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
