/** The bounded-memory parts of a scan: scratch files, line sketches, compact template counts, candidate pairs. */
import { afterEach, describe, expect, it } from 'vitest';
import { candidatePairs, MAX_DOCUMENTS, unpackPair } from '../../../src/match/candidates.js';
import { forEachPairShingles, verifyPairs } from '../../../src/runtime/pair-shingles.js';
import { pairRuns, verifyPairsInWorkers } from '../../../src/runtime/verify-pairs.js';
import { verifyCandidate } from '../../../src/match/accept.js';
import { keptTokens, lineSketch, TemplateModel } from '../../../src/extract/templates.js';
import { existsSync, statSync } from 'node:fs';
import { ScratchDir } from '../../../src/runtime/scratch.js';
import { tokenHashes } from '../../../src/text/shingles.js';

const dirs: ScratchDir[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

describe('scratch files', () => {
  // Budgets: all on disk, spilled part way (after a few 4 MB buffers), all in memory.
  it.each([
    ['on disk', 0],
    ['spilled part way', 10 * 1024 * 1024],
    ['in memory', 1 << 30],
  ])('read back in order what was written, across buffer boundaries, and at any offset (%s)', (_name, budget) => {
    const dir = new ScratchDir(budget);
    dirs.push(dir);
    const w = dir.writer('x.bin');
    const offsets: number[] = [];
    const arrays: Uint32Array[] = [];
    for (let i = 0; i < 3000; i++) {
      // Sizes up to 12 KB: many records straddle the 4 MB window.
      const a = Uint32Array.from({ length: (i * 7919) % 3000 }, (_, j) => (i * 31 + j) >>> 0);
      offsets.push(w.offset);
      arrays.push(a);
      w.writeU32(Uint32Array.of(a.length));
      w.writeU32(a);
    }
    // A record larger than the 4 MB buffer, written on its own.
    const big = Uint32Array.from({ length: 1_200_000 }, (_, j) => j ^ 0x5a5a5a5a);
    offsets.push(w.offset);
    arrays.push(big);
    w.writeU32(Uint32Array.of(big.length));
    w.writeU32(big);
    w.close();
    expect(existsSync(dir.file('x.bin'))).toBe(budget < w.offset);
    expect(dir.inMemory).toBe(budget < w.offset ? 0 : w.offset);
    const r = w.reader();
    const same = (x: Uint32Array, y: Uint32Array): boolean => x.length === y.length && Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(Buffer.from(y.buffer, y.byteOffset, y.byteLength));
    let wrong = 0;
    for (const a of arrays) {
      const [n] = r.nextU32(1);
      if (n !== a.length || !same(r.nextU32(n!), a)) wrong++;
    }
    expect(wrong).toBe(0);
    expect(() => r.next(1)).toThrow(/ends early/);
    expect(r.readU32At(offsets[1234]! + 4, arrays[1234]!.length)).toEqual(arrays[1234]);
    expect(r.readU32At(offsets[3000]! + 4, big.length)).toEqual(big);
    r.close();
    w.discard();
    expect(dir.inMemory).toBe(0);
    expect(existsSync(dir.file('x.bin'))).toBe(false);
  });
});

describe('line sketches', () => {
  const text = 'The Example Times\n\nIt’s a “quoted” line, with 3 words.\nSecond line here\n';
  it('keep the text’s tokens, line by line', () => {
    const s = lineSketch(text);
    expect(s.tokens).toEqual(tokenHashes(text));
    expect(Array.from(s.ends)).toEqual([3, 3, 10, 13, 13]);
    expect(s.keys[1]).toBe(0);
    expect(keptTokens(s, Uint8Array.of(0, 1, 1, 0, 1))).toEqual(tokenHashes('It’s a “quoted” line, with 3 words.'));
  });

  it('drop the same template lines as the text rules do', () => {
    const model = new TemplateModel();
    const pages = Array.from({ length: 3 }, (_, i) => ['Masthead of the outlet', `Article ${i} says something new and different each time, at some length, as articles do.`, 'Subscribe to our newsletter today']);
    for (const p of pages) model.add('outlet:x', p);
    const s = lineSketch(pages[0]!.join('\n'));
    const { keep } = model.keepMask('outlet:x', s.keys, s.chars, null);
    expect(Array.from(keep!)).toEqual([0, 1, 0]);
    expect(model.strip('outlet:x', pages[0]!)).toEqual([pages[0]![1]]);
    // Another outlet's counts are its own.
    expect(model.keepMask('outlet:y', s.keys, s.chars, null).keep).toBeNull();
  });

  it('count many distinct lines without mixing them up', () => {
    const model = new TemplateModel();
    for (let p = 0; p < 2000; p++) model.add(`outlet:${p % 7}`, [`unique line ${p}`, `shared footer of outlet ${p % 7}`]);
    for (let o = 0; o < 7; o++) {
      expect(model.isTemplate(`outlet:${o}`, `shared footer of outlet ${o}`)).toBe(true);
      expect(model.isTemplate(`outlet:${o}`, `shared footer of outlet ${(o + 1) % 7}`)).toBe(false);
    }
    expect(model.isTemplate('outlet:3', 'unique line 3')).toBe(false);
  });
});

describe('candidate pairs', () => {
  it('pair documents sharing a key in any band, once, sorted', () => {
    // 4 documents, 2 bands: 0 and 2 share band 0; 1 and 2 share band 1.
    const keys = Uint32Array.of(5, 9, 6, 7, 5, 7, 8, 1);
    const pairs = Array.from(candidatePairs(keys, 4, 2), unpackPair);
    expect(pairs).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  it('keep a huge bucket connected without all its pairs', () => {
    const n = 500;
    const keys = new Uint32Array(n).fill(42);
    const pairs = candidatePairs(keys, n, 1, 64);
    expect(pairs.length).toBeLessThan(2 * n);
    // Every document is paired with the first of the bucket.
    const withFirst = new Set(Array.from(pairs, unpackPair).filter(([a]) => a === 0).map(([, b]) => b));
    expect(withFirst.size).toBe(n - 1);
  });

  it('give every pair a brute-force search gives, on random keys with many collisions', () => {
    let x = 12345;
    const rand = (m: number): number => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 8) % m;
    const n = 3000;
    const bands = 4;
    // keys over the whole 32-bit range, both 16-bit halves varied, colliding often
    const pool = Array.from({ length: 900 }, () => (rand(65536) * 65536 + rand(65536)) >>> 0);
    const keys = Uint32Array.from({ length: n * bands }, () => pool[rand(pool.length)]!);
    const expected: number[][] = [];
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        for (let k = 0; k < bands; k++) {
          if (keys[a * bands + k] === keys[b * bands + k]) {
            expected.push([a, b]);
            break;
          }
        }
      }
    }
    expect(expected.length).toBeGreaterThan(10_000);
    expect(Array.from(candidatePairs(keys, n, bands, Infinity), unpackPair)).toEqual(expected);
  });

  it('cluster past 2^21 documents (a national crawl), where the old packing stopped', () => {
    const n = 2 ** 21 + 5;
    const keys = Uint32Array.from({ length: n }, (_, i) => i * 7 + 1);
    keys[n - 1] = keys[3]!;
    keys[n - 2] = 0xffffffff;
    keys[0] = 0xffffffff;
    expect(Array.from(candidatePairs(keys, n, 1), unpackPair)).toEqual([
      [0, n - 2],
      [3, n - 1],
    ]);
  });
});

describe('forEachPairShingles', () => {
  it.each([
    ['sets on disk, read in blocks', 0],
    ['sets in memory, seen where they lie', 1 << 30],
  ])('visits every candidate pair once with both sets as written, across blocks of first documents and reads of second ones (%s)', (_name, budget) => {
    const dir = new ScratchDir(budget);
    dirs.push(dir);
    const w = dir.writer('shingles.bin');
    // 9,000 sets (about 54 MB: more than one 32 MB block of first documents), some empty, one of
    // 1.2M words (larger than a 4 MB read)
    let seed = 0x5eed;
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const n = 9000;
    const offsets = new Float64Array(n);
    const counts = new Uint32Array(n);
    const word = (doc: number, j: number): number => (Math.imul(doc, 0x9e3779b1) ^ j) >>> 0;
    for (let d = 0; d < n; d++) {
      const count = d === 4321 ? 1_200_000 : d % 97 === 0 ? 0 : Math.floor(rand() * 3000);
      offsets[d] = w.offset;
      counts[d] = count;
      w.writeU32(Uint32Array.from({ length: count }, (_, j) => word(d, j)));
    }
    w.close();
    const wanted = new Set<number>();
    for (let i = 0; i < 40_000; i++) {
      const x = Math.floor(rand() * n);
      const y = Math.floor(rand() * n);
      if (x !== y) wanted.add(Math.min(x, y) * MAX_DOCUMENTS + Math.max(x, y));
    }
    for (let d = 0; d < n - 1; d += 500) wanted.add(4321 * MAX_DOCUMENTS + d + (d === 4321 ? 1 : 0));
    const pairs = Float64Array.from(wanted).sort();
    const r = w.reader();
    expect(r.inMemory).toBe(budget > 0);
    const seen = new Set<number>();
    let wrong = 0;
    const same = (set: Uint32Array, doc: number): boolean => set.length === counts[doc] && (set.length === 0 || (set[0] === word(doc, 0) && set[set.length - 1] === word(doc, set.length - 1) && set[set.length >> 1] === word(doc, set.length >> 1)));
    forEachPairShingles(r, offsets, counts, pairs, (a, b, first, second, index) => {
      const p = a * MAX_DOCUMENTS + b;
      if (seen.has(p) || pairs[index] !== p || !same(first, a) || !same(second, b)) wrong++;
      seen.add(p);
    });
    r.close();
    expect(wrong).toBe(0);
    expect(seen.size).toBe(pairs.length);
    expect([...seen].sort((x, y) => x - y)).toEqual(Array.from(pairs));
  });
});

describe('candidate verification in worker threads', () => {
  // Groups of three near-copies (each a tenth different from the one before) among unrelated
  // sets, on disk: the candidates are every pair in a group and random pairs across groups.
  const RULE = { threshold: 0.5, containment: 0.8, minContainedShingles: 10 };
  function shingleFile(n: number) {
    const dir = new ScratchDir(0);
    dirs.push(dir);
    const w = dir.writer('shingles.bin');
    let seed = 0xc0ffee;
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const offsets = new Float64Array(n);
    const counts = new Uint32Array(n);
    const sets: Uint32Array[] = [];
    for (let d = 0; d < n; d++) {
      const base = d % 3 === 0 || d % 41 === 0 ? Array.from({ length: 20 + Math.floor(rand() * 600) }, () => Math.floor(rand() * 2 ** 32)) : [...sets[d - 1]!];
      if (d % 3 !== 0) for (let j = 0; j < base.length; j += 10) base[j] = Math.floor(rand() * 2 ** 32);
      const set = d % 97 === 5 ? new Uint32Array(0) : Uint32Array.from(new Set(base)).sort();
      sets.push(set);
      offsets[d] = w.offset;
      counts[d] = set.length;
      w.writeU32(set);
    }
    w.close();
    const wanted = new Set<number>();
    for (let d = 0; d + 2 < n; d += 3) for (const [x, y] of [[d, d + 1], [d, d + 2], [d + 1, d + 2]]) wanted.add(x! * MAX_DOCUMENTS + y!);
    for (let i = 0; i < 4 * n; i++) {
      const x = Math.floor(rand() * n);
      const y = Math.floor(rand() * n);
      if (x !== y) wanted.add(Math.min(x, y) * MAX_DOCUMENTS + Math.max(x, y));
    }
    return { w, offsets, counts, sets, pairs: Float64Array.from(wanted).sort() };
  }

  it('cut runs of pairs where the first document changes, covering every pair once', () => {
    const { pairs } = shingleFile(600);
    const runs = pairRuns(pairs, 97);
    expect(runs[0]![0]).toBe(0);
    expect(runs.at(-1)![1]).toBe(pairs.length);
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i]![0]).toBe(runs[i - 1]![1]);
      const [from] = runs[i]!;
      expect(Math.floor(pairs[from - 1]! / MAX_DOCUMENTS)).not.toBe(Math.floor(pairs[from]! / MAX_DOCUMENTS));
    }
  });

  it('gives, read from disk on one thread or in two workers, verifyCandidate’s answer on every pair', async () => {
    const { w, offsets, counts, sets, pairs } = shingleFile(3000);
    const want = Int32Array.from(pairs, (p) => {
      const [a, b] = unpackPair(p);
      if (sets[a]!.length === 0 || sets[b]!.length === 0) return -1;
      return verifyCandidate(sets[a]!, sets[b]!, RULE)?.intersection ?? -1;
    });
    // Copies and non-copies both, and pairs with an empty set.
    expect(want.filter((x) => x >= 0).length).toBeGreaterThan(1000);
    expect(want.filter((x) => x < 0).length).toBeGreaterThan(1000);
    const r = w.reader();
    expect(verifyPairs(r, offsets, counts, pairs, RULE)).toEqual(want);
    r.close();
    expect(w.spilled).toBe(true);
    expect(await verifyPairsInWorkers(w.file, offsets, counts, pairs, RULE, 2)).toEqual(want);
  });
});

describe('SpillWriter.overwriter', () => {
  it('writes over the bytes its reader has read, cuts the rest off, and refuses to pass the reader', () => {
    const dir = new ScratchDir(0);
    dirs.push(dir);
    const w = dir.writer('pages.bin');
    const n = 3_000_000; // 12 MB: several reads of the reader's 4 MB window
    w.writeU32(Uint32Array.from({ length: n }, (_, i) => i));
    w.close();
    const r = w.reader();
    const over = w.overwriter(r)!;
    // Each record of 100 words read gives 60 words written in its place.
    for (let at = 0; at < n; at += 100) {
      const record = r.nextU32(100);
      over.writeU32(record.subarray(0, 60).map((x) => x ^ 0xffffffff));
    }
    r.close();
    over.close();
    const back = over.reader();
    const got = back.readU32At(0, (n / 100) * 60);
    back.close();
    expect(got.length).toBe(1_800_000);
    let wrong = 0;
    for (let k = 0; k < got.length; k++) if (got[k] !== ((Math.floor(k / 60) * 100 + (k % 60)) ^ 0xffffffff) >>> 0) wrong++;
    expect(wrong).toBe(0);
    // Cut off at what was written.
    expect(statSync(w.file).size).toBe(1_800_000 * 4);

    // A writer that outruns its reader throws instead of overwriting unread bytes.
    const w2 = dir.writer('other.bin');
    w2.writeU32(new Uint32Array(3_000_000));
    w2.close();
    const r2 = w2.reader();
    r2.nextU32(10);
    const ahead = w2.overwriter(r2)!;
    expect(() => ahead.write(new Uint8Array(9 << 20))).toThrow(/pass its reader/);
    r2.close();

    // In memory, there is nothing to write over.
    const inMemory = new ScratchDir(1 << 30);
    dirs.push(inMemory);
    const w3 = inMemory.writer('small.bin');
    w3.writeU32(Uint32Array.of(1, 2, 3));
    w3.close();
    expect(w3.overwriter(w3.reader())).toBeNull();
  });
});

describe('a consuming reader', () => {
  it('hands back the chunks it has read past, which the next writer fills, and reads what was written', () => {
    const dir = new ScratchDir(1 << 30);
    dirs.push(dir);
    const w = dir.writer('pages.bin');
    const n = 3_000_000; // 12 MB: three 4 MB chunks
    for (let at = 0; at < n; at += 100) w.writeU32(Uint32Array.from({ length: 100 }, (_, k) => at + k));
    w.close();
    expect(dir.inMemory).toBe(4 * n);
    const r = w.reader({ consume: true });
    const out = dir.writer('shingles.bin');
    // Each record of 100 words read gives 60 words written, as a scan's second pass does.
    let wrong = 0;
    for (let at = 0; at < n; at += 100) {
      const record = r.nextU32(100);
      for (let k = 0; k < 100; k++) if (record[k] !== at + k) wrong++;
      out.writeU32(record.subarray(0, 60).map((x) => x ^ 0xffffffff));
    }
    expect(wrong).toBe(0);
    // The first two chunks (whole 400-byte records each) went back; the last is still the
    // reader's. The writer has filled one (whole 240-byte records) and is on the next.
    const filled = (record: number): number => Math.floor((4 << 20) / record) * record;
    expect(dir.inMemory).toBe(4 * n - 2 * filled(400) + filled(240));
    expect(() => r.readU32At(0, 1)).toThrow(/front to back/);
    expect(() => w.reader()).toThrow(/consuming reader/);
    r.close();
    w.discard();
    out.close();
    expect(dir.inMemory).toBe(out.offset);
    const back = out.reader().readU32At(0, (n / 100) * 60);
    let wrongBack = 0;
    for (let k = 0; k < back.length; k++) if (back[k] !== ((Math.floor(k / 60) * 100 + (k % 60)) ^ 0xffffffff) >>> 0) wrongBack++;
    expect(back.length).toBe(1_800_000);
    expect(wrongBack).toBe(0);
  });

  it('reads a spilled file from disk as any reader does', () => {
    const dir = new ScratchDir(0);
    dirs.push(dir);
    const w = dir.writer('pages.bin');
    w.writeU32(Uint32Array.of(7, 8, 9));
    w.close();
    const r = w.reader({ consume: true });
    expect(r.nextU32(3)).toEqual(Uint32Array.of(7, 8, 9));
    expect(r.readU32At(4, 1)).toEqual(Uint32Array.of(8));
    r.close();
  });
});
