import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../src/runtime/pool.js';

type Task = { name: string; ms: number; crash?: boolean };
type Answer = { name: string; threadId: number };
const SCRIPT = new URL('./helpers/sleep-worker.mjs', import.meta.url);

describe('WorkerPool', () => {
  it('a task queued behind another starts its clock when that one ends, not when it was posted', async () => {
    const pool = new WorkerPool<Task, Answer>(SCRIPT, 1, 1000);
    try {
      // one worker holding both: 600 + 600 ms, each under the 1000 ms limit, together over it
      const results = await Promise.all([pool.run({ name: 'a', ms: 600 }), pool.run({ name: 'b', ms: 600 })]);
      expect(results.map((r) => r.ok && r.value.name)).toEqual(['a', 'b']);
    } finally {
      await pool.close();
    }
  });

  it('a task over its limit has its worker replaced; the task queued behind it runs on the new worker', async () => {
    const pool = new WorkerPool<Task, Answer>(SCRIPT, 1, 300);
    try {
      const [slow, next, last] = await Promise.all([pool.run({ name: 'slow', ms: 5000 }), pool.run({ name: 'next', ms: 10 }), pool.run({ name: 'last', ms: 10 })]);
      expect(slow).toEqual({ ok: false, reason: 'timeout', message: 'timed out after 300 ms' });
      expect(next.ok && next.value.name).toBe('next');
      expect(last.ok && last.value.name).toBe('last');
    } finally {
      await pool.close();
    }
  });

  it('a crashed worker fails only its own task', async () => {
    const pool = new WorkerPool<Task, Answer>(SCRIPT, 1, 5000);
    try {
      const [bad, good] = await Promise.all([pool.run({ name: 'bad', ms: 0, crash: true }), pool.run({ name: 'good', ms: 10 })]);
      expect(bad).toEqual({ ok: false, reason: 'crash', message: 'worker exited with code 3' });
      expect(good.ok && good.value.name).toBe('good');
    } finally {
      await pool.close();
    }
  });

  it('spreads tasks over its workers before queueing a second on any', async () => {
    const pool = new WorkerPool<Task, Answer>(SCRIPT, 2, 5000);
    try {
      const results = await Promise.all([pool.run({ name: 'a', ms: 100 }), pool.run({ name: 'b', ms: 100 })]);
      const threads = new Set(results.map((r) => (r.ok ? r.value.threadId : -1)));
      expect(threads.size).toBe(2);
    } finally {
      await pool.close();
    }
  });
});
