import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createMinHasher, estimateJaccard, MINHASH_SCHEME } from '../src/sketch/minhash.js';
import { bandKeys } from '../src/sketch/bands.js';
import { candidateProbability, falseNegativeArea, falsePositiveArea, optimalLshParams } from '../src/sketch/lsh-params.js';
import { overlap, shingleSet, tokenHashes } from '../src/text/shingles.js';
import { hashString } from '../src/text/hash.js';

const require = createRequire(import.meta.url);
const { Minhash } = require('minhash') as { Minhash: new (cfg?: { numPerm?: number; seed?: number }) => { update(s: string): void; jaccard(o: unknown): number } };

/** Deterministic PRNG (mulberry32) for reproducible test sets. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pairs of sets with exactly known Jaccard, spread over (0, 1). */
function knownPairs(count: number, size: number, seed: number): { a: Uint32Array; b: Uint32Array; j: number }[] {
  const rand = rng(seed);
  const pairs = [];
  for (let p = 0; p < count; p++) {
    const target = 0.05 + (0.9 * p) / Math.max(count - 1, 1);
    // |A| = |B| = size, |A∩B| = s  =>  J = s / (2·size − s)
    const shared = Math.round((2 * size * target) / (1 + target));
    const values = new Set<number>();
    while (values.size < 2 * size - shared) values.add(Math.floor(rand() * 4294967296) >>> 0);
    const all = [...values];
    const a = Uint32Array.from(all.slice(0, size)).sort();
    const b = Uint32Array.from(all.slice(size - shared)).sort();
    pairs.push({ a, b, j: overlap(a, b).jaccard });
  }
  return pairs;
}

describe('reprint MinHash', () => {
  const hasher = createMinHasher(128);

  it('names its scheme and is deterministic', () => {
    expect(hasher.scheme).toBe(MINHASH_SCHEME);
    const s = shingleSet(tokenHashes('the quick brown fox jumps over the lazy dog again and again'), 3);
    expect(Array.from(hasher.sign(s))).toEqual(Array.from(createMinHasher(128).sign(s)));
    expect(Array.from(hasher.sign(s))).not.toEqual(Array.from(createMinHasher(128, 42).sign(s)));
  });

  it('gives stable signatures across runs and machines (pinned for this scheme version)', () => {
    const s = shingleSet(tokenHashes('Kazakhstan has experienced unprecedented violence across the country'), 5);
    const sig = hasher.sign(s);
    // A change here changes every stored signature: bump MINHASH_SCHEME with it.
    expect(hashString(Array.from(sig).join(','))).toMatchInlineSnapshot(`3144365139`);
  });

  it('does not depend on the order of the shingles', () => {
    const s = Uint32Array.from([5, 1, 99, 4000000000, 17]);
    const sorted = Uint32Array.from(s).sort();
    expect(Array.from(hasher.sign(s))).toEqual(Array.from(hasher.sign(sorted)));
  });

  it('estimates identical and disjoint sets exactly', () => {
    const [p] = knownPairs(1, 300, 7);
    expect(estimateJaccard(hasher.sign(p!.a), hasher.sign(p!.a))).toBe(1);
    const disjoint = knownPairs(1, 300, 8)[0]!;
    const other = Uint32Array.from(disjoint.a.map((x) => (x ^ 0x5555) >>> 0)).sort();
    expect(estimateJaccard(hasher.sign(disjoint.a), hasher.sign(other))).toBeLessThan(0.05);
  });

  it('estimates Jaccard within what theory allows, and no worse than the minhash package', () => {
    const pairs = knownPairs(150, 400, 2026);
    let errReprint = 0;
    let errPackage = 0;
    let theory = 0;
    for (const { a, b, j } of pairs) {
      errReprint += Math.abs(estimateJaccard(hasher.sign(a), hasher.sign(b)) - j);
      const ma = new Minhash({ numPerm: 128 });
      const mb = new Minhash({ numPerm: 128 });
      for (const x of a) ma.update(String(x));
      for (const x of b) mb.update(String(x));
      errPackage += Math.abs(ma.jaccard(mb) - j);
      // Standard error of the estimate; the mean absolute error of a normal is sqrt(2/pi) of it.
      theory += Math.sqrt((j * (1 - j)) / 128);
    }
    const n = pairs.length;
    const maeReprint = errReprint / n;
    const maePackage = errPackage / n;
    const sigma = theory / n;
    expect(maeReprint).toBeLessThanOrEqual(sigma); // expected ≈ 0.8·sigma
    expect(maeReprint).toBeGreaterThan(0.5 * sigma); // a real estimate, not a lucky constant
    expect(maeReprint).toBeLessThanOrEqual(maePackage);
  });
});

describe('LSH parameters', () => {
  it('minimise the weighted false-positive and false-negative areas', () => {
    const p = optimalLshParams(0.5, 128);
    expect(p.bands * p.rows).toBeLessThanOrEqual(128);
    const cost = (b: number, r: number): number => 0.5 * falsePositiveArea(0.5, b, r) + 0.5 * falseNegativeArea(0.5, b, r);
    const best = cost(p.bands, p.rows);
    for (const [b, r] of [[p.bands + 1, p.rows], [p.bands - 1, p.rows], [p.bands, p.rows + 1], [p.bands, p.rows - 1], [16, 8], [32, 4]] as const) {
      if (b >= 1 && r >= 1 && b * r <= 128) expect(best).toBeLessThanOrEqual(cost(b, r));
    }
  });
  it('put the S-curve around the threshold', () => {
    for (const t of [0.3, 0.5, 0.8]) {
      const { bands, rows } = optimalLshParams(t, 128);
      expect(candidateProbability(t + 0.15, bands, rows)).toBeGreaterThan(0.8);
      expect(candidateProbability(Math.max(t - 0.25, 0.05), bands, rows)).toBeLessThan(0.3);
    }
  });
  it('reject a threshold outside (0, 1)', () => {
    expect(() => optimalLshParams(1, 128)).toThrow(RangeError);
    expect(() => optimalLshParams(0, 128)).toThrow(RangeError);
  });
  it('derive band keys that depend on the band position', () => {
    const sig = new Uint32Array(8).fill(7); // every band holds the same rows
    const keys = bandKeys(sig, 4, 2);
    expect(new Set(keys).size).toBe(4);
  });
});
