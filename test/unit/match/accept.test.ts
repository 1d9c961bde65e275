import { describe, expect, it } from 'vitest';
import { verifyCandidate, verifyPair, type MatchRule } from '../../../src/match/accept.js';
import { intersectionAtLeast, intersectionSize } from '../../../src/text/shingles.js';

/** A deterministic generator (mulberry32), so a failure names its case. */
function rng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** Two sorted distinct sets of about `size` elements sharing about `shared` of them. */
function pair(random: () => number, size: number, shared: number): [Uint32Array, Uint32Array] {
  const common = Array.from({ length: Math.round(size * shared) }, () => Math.floor(random() * 2 ** 32));
  const own = (): number[] => Array.from({ length: Math.round(size * (0.5 + random())) }, () => Math.floor(random() * 2 ** 32));
  const set = (xs: number[]): Uint32Array => Uint32Array.from(new Set(xs)).sort();
  return [set([...common, ...own().slice(0, Math.max(0, size - common.length))]), set([...common, ...own()])];
}

describe('intersectionAtLeast', () => {
  it('gives the intersection when it reaches the bar, -1 when it does not, on every bar', () => {
    const random = rng(7);
    for (let c = 0; c < 60; c++) {
      const [a, b] = pair(random, 1 + Math.floor(random() * 300), random());
      const exact = intersectionSize(a, b);
      for (const need of [0, 1, exact - 1, exact, exact + 1, Math.min(a.length, b.length), Math.min(a.length, b.length) + 1]) {
        if (need < 0) continue;
        expect(intersectionAtLeast(a, b, need)).toBe(exact >= need ? exact : -1);
      }
    }
    expect(intersectionAtLeast(new Uint32Array(0), Uint32Array.of(1), 0)).toBe(0);
  });
});

describe('verifyCandidate: the verdict of verifyPair for a copy, null for anything else', () => {
  const rules: MatchRule[] = [
    { threshold: 0.5, containment: 0.7, minContainedShingles: 20 },
    { threshold: 0.9, containment: 0.99, minContainedShingles: 20 },
    { threshold: 0.3, containment: 0.5, minContainedShingles: 1 },
    { threshold: 0, containment: 1, minContainedShingles: 1 },
    { threshold: 1, containment: 0, minContainedShingles: 500 },
  ];
  it.each(rules)('with %o', (rule) => {
    const random = rng(11);
    let copies = 0;
    for (let c = 0; c < 400; c++) {
      const size = 1 + Math.floor(random() * (c % 4 === 0 ? 30 : 600));
      const [a, b] = pair(random, size, random());
      // An excerpt now and then: b inside a.
      const [x, y] = c % 5 === 0 ? [a, a.filter(() => random() < 0.8)] : [a, b];
      const full = verifyPair(x, y, rule);
      const got = verifyCandidate(x, y, rule);
      expect(got).toEqual(full.match !== null ? full : null);
      if (got !== null) copies++;
    }
    // Both kinds of outcome were exercised (with a threshold of 0 every pair is a copy).
    expect(copies).toBeGreaterThan(0);
    if (rule.threshold > 0) expect(copies).toBeLessThan(400);
    else expect(copies).toBe(400);
  });
});
