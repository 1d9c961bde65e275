import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkerPool, type PoolResult } from '../../../src/runtime/pool.js';

// Nothing here depends on the machine's speed. The pool's time limits run on vitest's fake
// setTimeout, which moves only when a test advances it; the workers (gate-worker.mjs) start a task,
// report it, and answer only when the test opens the task's gate, or never (`hang`).
type Task = { name: string; gate: Int32Array; crash?: boolean; hang?: boolean };
type Answer = { name: string; threadId: number };
const SCRIPT = new URL('./gate-worker.mjs', import.meta.url);

type WaitAsync = (a: Int32Array, index: number, value: number) => { async: boolean; value: Promise<string> | string };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

interface Gated {
  input: Task;
  /** Resolves with the worker's thread id once a worker has started the task. */
  started(): Promise<number>;
  /** The thread id of the worker on the task, or 0 while no worker has started it. */
  startedOn(): number;
  /** Lets the worker answer. */
  release(): void;
}

const gates: Gated[] = [];

function gated(name: string, extra: { crash?: boolean; hang?: boolean } = {}): Gated {
  const gate = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  const g: Gated = {
    input: { name, gate, ...extra },
    async started() {
      const w = waitAsync(gate, 0, 0);
      if (w.async) await w.value;
      return Atomics.load(gate, 0);
    },
    startedOn: () => Atomics.load(gate, 0),
    release() {
      Atomics.store(gate, 1, 1);
      Atomics.notify(gate, 1);
    },
  };
  gates.push(g);
  return g;
}

/** Tracks a pool result: `settled` turns true as soon as it resolves. */
function track(p: Promise<PoolResult<Answer>>): { result: Promise<PoolResult<Answer>>; settled: () => boolean } {
  let done = false;
  const result = p.finally(() => {
    done = true;
  });
  return { result, settled: () => done };
}

/** Lets pending promise callbacks and worker events run (a real turn of the event loop). */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function ok(r: PoolResult<Answer>): Answer {
  if (!r.ok) throw new Error(`task failed: ${r.reason}: ${r.message}`);
  return r.value;
}

describe('WorkerPool', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    for (const g of gates.splice(0)) g.release();
    vi.useRealTimers();
  });

  it('a task queued behind another starts its clock when that one ends, not when it was posted', async () => {
    const pool = new WorkerPool<Task, Answer>(SCRIPT, 1, 1000);
    try {
      const [a, b, c] = [gated('a'), gated('b'), gated('c')];
      const ra = track(pool.run(a.input));
      const rb = track(pool.run(b.input));
      const rc = track(pool.run(c.input));
      const thread = await a.started();
      expect(b.startedOn()).toBe(0); // b waits behind a on the one worker
      vi.advanceTimersByTime(900);
      a.release();
      expect(ok(await ra.result)).toEqual({ name: 'a', threadId: thread });
      // b was posted at 0 and starts at 900: 999 ms later (1899 after posting) it is still in time
      expect(await b.started()).toBe(thread);
      vi.advanceTimersByTime(999);
      await turn();
      expect(rb.settled()).toBe(false);
      b.release();
      expect(ok(await rb.result)).toEqual({ name: 'b', threadId: thread });
      // c's clock starts when b ends, and does run: 1000 ms later c is over its limit
      expect(await c.started()).toBe(thread);
      vi.advanceTimersByTime(999);
      await turn();
      expect(rc.settled()).toBe(false);
      vi.advanceTimersByTime(1);
      expect(await rc.result).toEqual({ ok: false, reason: 'timeout', message: 'timed out after 1000 ms' });
    } finally {
      await pool.close();
    }
  });

  it('a task given its own limit runs under it, and the next task under the pool’s', async () => {
    const pool = new WorkerPool<Task, Answer>(SCRIPT, 1, 300);
    try {
      const [long, short] = [gated('long', { hang: true }), gated('short', { hang: true })];
      const rLong = track(pool.run(long.input, 5000));
      const rShort = track(pool.run(short.input));
      await long.started();
      vi.advanceTimersByTime(4999);
      await turn();
      expect(rLong.settled()).toBe(false);
      vi.advanceTimersByTime(1);
      expect(await rLong.result).toEqual({ ok: false, reason: 'timeout', message: 'timed out after 5000 ms' });
      await short.started();
      vi.advanceTimersByTime(299);
      await turn();
      expect(rShort.settled()).toBe(false);
      vi.advanceTimersByTime(1);
      expect(await rShort.result).toEqual({ ok: false, reason: 'timeout', message: 'timed out after 300 ms' });
    } finally {
      await pool.close();
    }
  });

  it('a task over its limit has its worker replaced; the tasks queued behind it run on the new worker', async () => {
    const pool = new WorkerPool<Task, Answer>(SCRIPT, 1, 300);
    try {
      const [slow, next, last] = [gated('slow', { hang: true }), gated('next'), gated('last')];
      const rSlow = track(pool.run(slow.input));
      const rNext = track(pool.run(next.input));
      const rLast = track(pool.run(last.input));
      const first = await slow.started(); // and never answers
      vi.advanceTimersByTime(299);
      await turn();
      expect(rSlow.settled()).toBe(false);
      vi.advanceTimersByTime(1);
      expect(await rSlow.result).toEqual({ ok: false, reason: 'timeout', message: 'timed out after 300 ms' });
      const second = await next.started();
      expect(second).not.toBe(first);
      next.release();
      expect(ok(await rNext.result)).toEqual({ name: 'next', threadId: second });
      expect(await last.started()).toBe(second);
      last.release();
      expect(ok(await rLast.result)).toEqual({ name: 'last', threadId: second });
    } finally {
      await pool.close();
    }
  });

  it('a crashed worker fails only its own task; the task queued behind it runs on a new worker', async () => {
    const pool = new WorkerPool<Task, Answer>(SCRIPT, 1, 5000);
    try {
      const [bad, good] = [gated('bad', { crash: true }), gated('good')];
      const rBad = track(pool.run(bad.input));
      const rGood = track(pool.run(good.input));
      const crashed = await bad.started();
      expect(await rBad.result).toEqual({ ok: false, reason: 'crash', message: 'worker exited with code 3' });
      const thread = await good.started();
      expect(thread).not.toBe(crashed);
      good.release();
      expect(ok(await rGood.result)).toEqual({ name: 'good', threadId: thread });
    } finally {
      await pool.close();
    }
  });

  it('spreads tasks over its workers before queueing a second on any', async () => {
    const pool = new WorkerPool<Task, Answer>(SCRIPT, 2, 5000);
    try {
      const [a, b] = [gated('a'), gated('b')];
      const ra = track(pool.run(a.input));
      const rb = track(pool.run(b.input));
      // Both start while neither may answer: they cannot be queued one behind the other.
      const [ta, tb] = await Promise.all([a.started(), b.started()]);
      expect(ta).not.toBe(tb);
      a.release();
      b.release();
      expect((await Promise.all([ra.result, rb.result])).map(ok)).toEqual([
        { name: 'a', threadId: ta },
        { name: 'b', threadId: tb },
      ]);
    } finally {
      await pool.close();
    }
  });
});
