/**
 * A small pool of worker threads with a time limit per task. Readability can spin for minutes on
 * some pages and synchronous code cannot be interrupted, so a task over its limit has its worker
 * terminated and replaced; the task resolves as timed out and the run goes on.
 */
import { Worker } from 'node:worker_threads';

export type PoolResult<O> = { ok: true; value: O } | { ok: false; reason: 'timeout' | 'crash'; message: string };

interface Slot {
  worker: Worker;
  busy: boolean;
}

interface Job<I, O> {
  input: I;
  resolve: (r: PoolResult<O>) => void;
}

export class WorkerPool<I, O> {
  private readonly slots: Slot[] = [];
  private readonly queue: Job<I, O>[] = [];
  private closed = false;

  constructor(
    private readonly script: URL,
    size: number,
    private readonly timeoutMs: number,
  ) {
    for (let i = 0; i < Math.max(1, size); i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(this.script);
    worker.unref();
    return { worker, busy: false };
  }

  run(input: I): Promise<PoolResult<O>> {
    if (this.closed) return Promise.reject(new Error('pool is closed'));
    return new Promise((resolve) => {
      this.queue.push({ input, resolve });
      this.pump();
    });
  }

  private pump(): void {
    for (let i = 0; i < this.slots.length && this.queue.length > 0; i++) {
      if (!this.slots[i]!.busy) this.start(i, this.queue.shift()!);
    }
  }

  private start(index: number, job: Job<I, O>): void {
    const slot = this.slots[index]!;
    slot.busy = true;
    const { worker } = slot;
    let settled = false;
    const finish = (result: PoolResult<O>, replace: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (replace) {
        void worker.terminate();
        this.slots[index] = this.closed ? slot : this.spawn();
      } else slot.busy = false;
      job.resolve(result);
      if (!this.closed) this.pump();
    };
    const onMessage = (value: O): void => finish({ ok: true, value }, false);
    const onError = (e: Error): void => finish({ ok: false, reason: 'crash', message: e.message }, true);
    const onExit = (code: number): void => finish({ ok: false, reason: 'crash', message: `worker exited with code ${code}` }, true);
    const timer = setTimeout(
      () => finish({ ok: false, reason: 'timeout', message: `timed out after ${this.timeoutMs} ms` }, true),
      this.timeoutMs,
    );
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.postMessage(job.input);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
