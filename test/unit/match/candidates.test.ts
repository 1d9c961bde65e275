import { describe, expect, it } from 'vitest';
import { candidatePairs, MAX_DOCUMENTS, sortedDistinct } from '../../../src/match/candidates.js';

/** candidatePairs as its comment states it, written plainly: every band's buckets, pairs in a Set, sorted. */
function referencePairs(keys: Uint32Array, count: number, bands: number, maxBucket: number): number[] {
  const pairs = new Set<number>();
  for (let b = 0; b < bands; b++) {
    const buckets = new Map<number, number[]>();
    for (let d = 0; d < count; d++) {
      const key = keys[d * bands + b]!;
      const bucket = buckets.get(key);
      if (bucket === undefined) buckets.set(key, [d]);
      else bucket.push(d);
    }
    for (const docs of buckets.values()) {
      if (docs.length <= maxBucket) {
        for (let x = 0; x < docs.length; x++) for (let y = x + 1; y < docs.length; y++) pairs.add(docs[x]! * MAX_DOCUMENTS + docs[y]!);
      } else {
        for (let x = 1; x < docs.length; x++) {
          pairs.add(docs[0]! * MAX_DOCUMENTS + docs[x]!);
          if (x > 1) pairs.add(docs[x - 1]! * MAX_DOCUMENTS + docs[x]!);
        }
      }
    }
  }
  return [...pairs].sort((x, y) => x - y);
}

describe('candidatePairs', () => {
  it('gives each pair of documents that share a band key once, in order, buckets over the limit as a star and a chain', () => {
    let state = 11;
    const next = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
    // Few distinct keys in some bands (buckets of hundreds: stars and chains, and first
    // documents with many second ones), many in others (pairs by chance), keys above 2^31 too.
    for (const [count, bands, spread] of [
      [400, 4, 3],
      [3000, 6, 40],
      [2000, 3, 5000],
      [1, 2, 1],
    ] as const) {
      const keys = Uint32Array.from({ length: count * bands }, (_, i) => (i % 3 === 0 ? 0xfffffff0 + (next() % spread) : next() % spread));
      const got = Array.from(candidatePairs(keys, count, bands));
      expect(got).toEqual(referencePairs(keys, count, bands, 64));
    }
  });
});

describe('sortedDistinct', () => {
  it('sorts packed pairs and drops repeats, for first documents with one, a few or thousands of second ones', () => {
    let state = 5;
    const next = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
    const count = 5000;
    const values: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const a = i % 4 === 0 ? 7 : next() % (count - 1);
      const b = a + 1 + (next() % (count - 1 - a));
      values.push(a * MAX_DOCUMENTS + b);
      if (i % 5 === 0) values.push(a * MAX_DOCUMENTS + b);
    }
    const want = [...new Set(values)].sort((x, y) => x - y);
    const pairs = new Float64Array(values.length + 10).fill(-1);
    pairs.set(values);
    expect(Array.from(sortedDistinct(pairs, values.length, count))).toEqual(want);
    expect(Array.from(sortedDistinct(new Float64Array(0), 0, 0))).toEqual([]);
  });
});
