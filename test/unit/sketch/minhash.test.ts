import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createMinHasher, estimateJaccard, MINHASH_SCHEME } from '../../../src/sketch/minhash.js';
import { bandKeys, bandKeysInto } from '../../../src/sketch/bands.js';
import { candidateProbability, falseNegativeArea, falsePositiveArea, optimalLshParams } from '../../../src/sketch/lsh-params.js';
import { overlap, shingleSet, tokenHashes } from '../../../src/text/shingles.js';
import { hashString } from '../../../src/text/hash.js';

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

/** MinHash error of the package (mean absolute, over `seeds` seeds) on the pairs. */
function packageMae(pairs: { a: Uint32Array; b: Uint32Array; j: number }[], seeds: number): number {
  let err = 0;
  for (let s = 0; s < seeds; s++) {
    for (const { a, b, j } of pairs) {
      const ma = new Minhash({ numPerm: 128, seed: 1 + 1000 * s });
      const mb = new Minhash({ numPerm: 128, seed: 1 + 1000 * s });
      for (const x of a) ma.update(String(x));
      for (const x of b) mb.update(String(x));
      err += Math.abs(ma.jaccard(mb) - j);
    }
  }
  return err / (pairs.length * seeds);
}

/** reprint's mean absolute error and mean signed error over `seeds` seeds, and theory's σ. */
function reprintErrors(pairs: { a: Uint32Array; b: Uint32Array; j: number }[], seeds: number, numPerm = 128) {
  let abs = 0;
  let signed = 0;
  let sigma = 0;
  for (let s = 0; s < seeds; s++) {
    const h = createMinHasher(numPerm, 0x1000 + 7919 * s);
    for (const { a, b, j } of pairs) {
      const e = estimateJaccard(h.sign(a), h.sign(b)) - j;
      abs += Math.abs(e);
      signed += e;
      sigma += Math.sqrt((j * (1 - j)) / numPerm);
    }
  }
  const n = pairs.length * seeds;
  return { mae: abs / n, bias: signed / n, sigma: sigma / n };
}

describe('reprint MinHash', () => {
  const hasher = createMinHasher(128);

  it('names its scheme and is deterministic', () => {
    expect(hasher.scheme).toBe(MINHASH_SCHEME);
    expect(MINHASH_SCHEME).toBe('reprint-minhash/3');
    const s = shingleSet(tokenHashes('the quick brown fox jumps over the lazy dog again and again'), 3);
    expect(Array.from(hasher.sign(s))).toEqual(Array.from(createMinHasher(128).sign(s)));
    expect(Array.from(hasher.sign(s))).not.toEqual(Array.from(createMinHasher(128, 42).sign(s)));
  });

  it('gives stable signatures across runs and machines (pinned for this scheme version)', () => {
    const s = shingleSet(tokenHashes('Kazakhstan has experienced unprecedented violence across the country'), 5);
    // A change here changes every stored signature: bump MINHASH_SCHEME with it.
    // 5 shingles: most slots come from the re-hashing rounds, not from round 0.
    expect(hashString(Array.from(hasher.sign(s)).join(','))).toMatchInlineSnapshot(`4147703476`);
    // 600 shingles: round 0 fills every slot.
    const long = knownPairs(1, 600, 99)[0]!.a;
    expect(hashString(Array.from(hasher.sign(long)).join(','))).toMatchInlineSnapshot(`3962813303`);
    // numPerm that is not a power of two.
    expect(hashString(Array.from(createMinHasher(100).sign(s)).join(','))).toMatchInlineSnapshot(`1782357460`);
    expect(hashString(Array.from(createMinHasher(1000).sign(long)).join(','))).toMatchInlineSnapshot(`3708308118`);
  });

  it('writes into a reused buffer what sign() returns, whatever the buffer held', () => {
    // A long set (round 0 fills every slot), then short ones (slots filled by later rounds, one
    // shingle in every slot), then none: nothing of the signature before may show through.
    const out = new Uint32Array(128);
    const sets = [knownPairs(1, 600, 5)[0]!.a, Uint32Array.from([1, 2, 3]), Uint32Array.from([42]), new Uint32Array(0), knownPairs(1, 60, 6)[0]!.b];
    for (const s of sets) {
      hasher.signInto(s, out);
      expect(Array.from(out)).toEqual(Array.from(hasher.sign(s)));
    }
    expect(Array.from(out.subarray(0, 3))).not.toEqual([0xffffffff, 0xffffffff, 0xffffffff]);
    expect(() => hasher.signInto(sets[0]!, new Uint32Array(64))).toThrow(/128 words/);
  });

  it('keeps in slot i a hash of bin i, floor(h · numPerm / 2^32), for any number of slots', () => {
    // A set big enough that round 0 fills every bin: each slot then holds the smallest of the
    // hashes that fall in its bin, so its value lies in that bin (power of two or not).
    const big = knownPairs(1, 40_000, 17)[0]!.a;
    for (const numPerm of [2, 3, 64, 100, 128, 256, 1000, 1024]) {
      const sig = createMinHasher(numPerm).sign(big);
      const misplaced = Array.from(sig).filter((v, i) => Math.floor((v * numPerm) / 4294967296) !== i);
      expect(misplaced, `numPerm ${numPerm}`).toEqual([]);
    }
  });

  it('writes band keys at an offset as bandKeys() returns them', () => {
    const sig = hasher.sign(knownPairs(1, 300, 8)[0]!.a);
    const out = new Uint32Array(3 + 16).fill(7);
    bandKeysInto(sig, 16, 8, out, 3);
    expect(Array.from(out.subarray(0, 3))).toEqual([7, 7, 7]);
    expect(Array.from(out.subarray(3))).toEqual(Array.from(bandKeys(sig, 16, 8)));
  });

  it('does not depend on the order of the shingles', () => {
    const s = Uint32Array.from([5, 1, 99, 4000000000, 17]);
    const sorted = Uint32Array.from(s).sort();
    expect(Array.from(hasher.sign(s))).toEqual(Array.from(hasher.sign(sorted)));
  });

  it('fills empty bins deterministically: same set, same signature, whatever was signed before', () => {
    // 12 shingles in 128 slots: most bins are empty after round 0.
    const short = knownPairs(1, 12, 5)[0]!.a;
    const first = Array.from(hasher.sign(short));
    hasher.sign(knownPairs(1, 2000, 6)[0]!.a); // reuses the scratch space with a long set
    hasher.sign(Uint32Array.from([3, 4])); // and a tiny one
    expect(Array.from(hasher.sign(short))).toEqual(first);
    expect(Array.from(createMinHasher(128).sign(short))).toEqual(first);
    // Every slot is filled, by one of the set's own shingles: at most 12 distinct values, and
    // a shingle's value is the same whichever slot holds it.
    expect(first).not.toContain(0xffffffff);
    expect(new Set(first).size).toBeLessThanOrEqual(12);
    expect(new Set(first).size).toBeGreaterThan(6);
    // One shingle fills every slot with its value; the empty set gives the empty signature.
    const one = hasher.sign(Uint32Array.from([42]));
    expect(new Set(one).size).toBe(1);
    expect(Array.from(hasher.sign(new Uint32Array(0)))).toEqual(new Array(128).fill(0xffffffff));
    // Adding a shingle to a one-shingle set keeps about half the slots.
    expect(estimateJaccard(one, hasher.sign(Uint32Array.from([42, 43])))).toBeGreaterThan(0.3);
    expect(estimateJaccard(one, hasher.sign(Uint32Array.from([42, 43])))).toBeLessThan(0.7);
  });

  it('works for every signature length the CLI accepts, not only powers of two', () => {
    for (const numPerm of [8, 100, 128, 255, 1000, 1024]) {
      const h = createMinHasher(numPerm);
      for (const size of [1, 3, 30, 3000]) {
        const [p] = knownPairs(1, size, numPerm + size);
        const sig = h.sign(p!.a);
        expect(sig.length).toBe(numPerm);
        expect(Array.from(sig)).toEqual(Array.from(createMinHasher(numPerm).sign(p!.a)));
        expect(estimateJaccard(sig, h.sign(p!.a))).toBe(1);
      }
    }
    // Accuracy holds at an odd length too.
    const { mae, sigma } = reprintErrors(knownPairs(40, 60, 11), 2, 100);
    expect(mae).toBeLessThanOrEqual(sigma);
    expect(() => createMinHasher(0)).toThrow(RangeError);
    expect(() => createMinHasher(12.5)).toThrow(RangeError);
  });

  it('estimates identical and disjoint sets exactly, short or long', () => {
    for (const size of [20, 300]) {
      const [p] = knownPairs(1, size, 7);
      expect(estimateJaccard(hasher.sign(p!.a), hasher.sign(p!.a))).toBe(1);
      const disjoint = knownPairs(1, size, 8)[0]!;
      const other = Uint32Array.from(disjoint.a.map((x) => (x ^ 0x5555) >>> 0)).sort();
      // Distinct shingles never share a slot value, so disjoint sets share no slot at all.
      expect(estimateJaccard(hasher.sign(disjoint.a), hasher.sign(other))).toBe(0);
    }
  });

  it('estimates Jaccard within what theory allows, and no worse than the minhash package', () => {
    const pairs = knownPairs(150, 400, 2026);
    const { mae, bias, sigma } = reprintErrors(pairs, 1);
    const maePackage = packageMae(pairs, 1);
    // Standard error of the estimate; the mean absolute error of a normal is sqrt(2/pi) of it.
    expect(mae).toBeLessThanOrEqual(sigma); // expected ≤ 0.8·sigma
    expect(mae).toBeGreaterThan(0.5 * sigma); // a real estimate, not a lucky constant
    expect(Math.abs(bias)).toBeLessThan(0.25 * sigma);
    expect(mae).toBeLessThanOrEqual(maePackage);
  });

  it('is at least as accurate as the package on short texts (fewer shingles than slots)', () => {
    for (const size of [20, 50, 100]) {
      const pairs = knownPairs(60, size, 300 + size);
      const { mae, bias, sigma } = reprintErrors(pairs, 3);
      const maePackage = packageMae(pairs, 3);
      // Unbiased, within classic MinHash's error (0.8·sigma), and no worse than the package.
      expect(Math.abs(bias)).toBeLessThan(0.15 * sigma);
      expect(mae).toBeLessThanOrEqual(Math.sqrt(2 / Math.PI) * sigma);
      expect(mae).toBeGreaterThan(0.4 * sigma);
      expect(mae).toBeLessThanOrEqual(maePackage);
    }
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
  it('are the (bands, rows) an exhaustive search of the two areas finds, on a grid of thresholds and sizes', () => {
    // The search itself sums the areas incrementally; this is the definition, pair by pair.
    const exhaustive = (t: number, numPerm: number): [number, number] => {
      let best = { b: 1, r: numPerm, e: Infinity };
      for (let b = 1; b <= numPerm; b++) {
        for (let r = 1; r <= Math.floor(numPerm / b); r++) {
          const e = 0.5 * falsePositiveArea(t, b, r) + 0.5 * falseNegativeArea(t, b, r);
          if (e < best.e - 1e-12) best = { b, r, e };
        }
      }
      return [best.b, best.r];
    };
    for (const numPerm of [16, 64, 128]) {
      for (const t of [0.1, 0.212, 0.35, 0.5, 0.8]) {
        const p = optimalLshParams(t, numPerm);
        expect([p.bands, p.rows], `${t} ${numPerm}`).toEqual(exhaustive(t, numPerm));
      }
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
