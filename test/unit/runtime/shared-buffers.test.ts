import { describe, expect, it } from 'vitest';
import { SharedBufferPool } from '../../../src/runtime/shared-buffers.js';

describe('SharedBufferPool', () => {
  it('hands a buffer given back out again, when it is large enough', () => {
    const pool = new SharedBufferPool(1024);
    const first = pool.take(100);
    expect(first.byteLength).toBe(1024);
    pool.give(first);
    expect(pool.take(1000)).toBe(first);
    // Nothing spare: a new one.
    expect(pool.take(10)).not.toBe(first);
  });

  it('makes a buffer larger than asked past its minimum, and lets a spare go when none is large enough', () => {
    const pool = new SharedBufferPool(1024);
    const small = pool.take(10);
    pool.give(small);
    const big = pool.take(4000);
    expect(big.byteLength).toBe(5000);
    pool.give(big);
    // The small one went when the big one was made: only the big one is spare.
    expect(pool.take(10)).toBe(big);
    expect(pool.take(10)).not.toBe(small);
  });

  it('keeps at most maxSpare buffers, none larger than maxKeptBytes', () => {
    const pool = new SharedBufferPool(1024, { maxSpare: 1, maxKeptBytes: 2048 });
    const huge = pool.take(10_000);
    pool.give(huge);
    expect(pool.take(10_000)).not.toBe(huge);
    const [a, b] = [pool.take(10), pool.take(10)];
    pool.give(a);
    pool.give(b);
    expect(pool.take(10)).toBe(a);
    expect(pool.take(10)).not.toBe(b);
  });

  it('makes every buffer a whole number of 8-byte words, so a typed array of any kind can view all of it', () => {
    const pool = new SharedBufferPool(1001);
    for (const least of [1, 1001, 1003, 4001, 4002, 65_537]) {
      const buffer = pool.take(least);
      expect(buffer.byteLength % 8, `take(${least})`).toBe(0);
      expect(buffer.byteLength).toBeGreaterThanOrEqual(least);
      expect(new Float64Array(buffer).length * 8).toBe(buffer.byteLength);
    }
  });
});
