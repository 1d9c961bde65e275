/**
 * A scan whose scratch files are on disk, as a big crawl's are: the shingle sets written over the
 * page records the second pass has read, and candidate pairs verified in worker threads that read
 * those sets from the file. Everything read back, and the clusters, must be what the same scan
 * gives with its scratch files in memory.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCAN_OPTIONS, sketching } from '../../../src/commands/settings.js';
import { candidatePairs } from '../../../src/match/candidates.js';
import { clusterCandidates, type ClusterSource } from '../../../src/match/cluster.js';
import { listInputs } from '../../../src/runtime/pages.js';
import { sketchStream, type SketchedRun } from '../../../src/runtime/sketch-stream.js';
import { tokensHash64Hex } from '../../../src/text/hash.js';
import { shingleSet, tokenHashes } from '../../../src/text/shingles.js';
import { removeTempDirs, ROOT, tempDir } from '../../helpers.js';

const INPUTS = ['fixtures/kazakhstan', 'fixtures/templates', 'fixtures/explain', 'fixtures/multilingual', 'fixtures/crawl/pages.jsonl', 'fixtures/crawl/sample.warc.gz'];

async function run(onDisk: boolean, inputs: readonly string[] = INPUTS) {
  const options = { ...DEFAULT_SCAN_OPTIONS, jobs: 2, ...(onDisk ? { scratchMemory: 0, minWorkerPairs: 0 } : {}) };
  const { hasher, params, rule } = sketching(options);
  const files = await listInputs(inputs, options, { cwd: ROOT });
  return { run: await sketchStream(files, options, hasher, params, {}), params, rule };
}

const source = (r: SketchedRun): ClusterSource => ({
  count: r.count,
  bandKeys: r.bandKeys,
  shingles: r.shingles,
  shingleCount: r.shingleCount,
  forEachPairShingles: r.forEachPairShingles,
  key: (i) => r.doc(i).path,
  words: r.words,
});

afterAll(removeTempDirs);

/**
 * A JSON Lines export of `pages` pages of made-up prose (1,200 words each) from one seeded
 * generator: page records of some 5 kB each, so that a thousand outgrow the 4 MB window a
 * scratch file is read back through, and a signing batch's tokens outgrow the 1 MB buffer it
 * starts in.
 */
function madeUpExport(pages: number): { file: string; texts: string[] } {
  const words = 'the of council minister said water river city report market week plan road school court health budget farmers energy port'.split(' ');
  let state = 0x2545f491;
  const next = (): number => (state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0);
  const lines: string[] = [];
  const texts: string[] = [];
  for (let p = 0; p < pages; p++) {
    const paragraphs: string[] = [];
    for (let k = 0; k < 6; k++) paragraphs.push(Array.from({ length: 200 }, () => words[next() % words.length]).join(' ') + '.');
    texts.push(paragraphs.join('\n\n'));
    lines.push(JSON.stringify({ url: `https://outlet${p % 7}.example/story-${p}`, title: `Story ${p}`, text: texts[p] }));
  }
  const file = path.join(tempDir(), 'made-up.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  return { file, texts };
}

describe('a scan with its scratch files on disk', () => {
  it('reads every page back whole when its records outgrow the window they are read through', async () => {
    const { file, texts } = madeUpExport(1200);
    const mem = await run(false, [file]);
    const disk = await run(true, [file]);
    try {
      expect(disk.run.count).toBe(1200);
      for (let i = 0; i < disk.run.count; i++) {
        expect(disk.run.doc(i)).toEqual(mem.run.doc(i));
        expect(disk.run.doc(i).url).toBe(`https://outlet${i % 7}.example/story-${i}`);
        // Every word of a page is its own (no template, no furniture): its set is its text's.
        expect(disk.run.shingles(i)).toEqual(shingleSet(tokenHashes(texts[i]!), DEFAULT_SCAN_OPTIONS.shingleSize));
        // The content hash is the tokens' (the signing worker writes the set over them after).
        expect(disk.run.doc(i).contentHash).toBe(tokensHash64Hex(tokenHashes(texts[i]!)));
      }
      // Many records at once, in long reads: all of them; some, out of order and repeated; a few
      // far apart (separate reads); none.
      const all = Array.from({ length: disk.run.count }, (_, i) => i);
      for (const indexes of [all, [1199, 3, 4, 3, 700, 5, 1198], [0, 400, 800, 1199], []]) {
        for (const r of [disk.run, mem.run]) {
          const docs = r.docs(indexes);
          expect([...docs.keys()].sort((x, y) => x - y)).toEqual([...new Set(indexes)].sort((x, y) => x - y));
          for (const i of indexes) expect(docs.get(i)).toEqual(mem.run.doc(i));
        }
      }
    } finally {
      mem.run.close();
      disk.run.close();
    }
  });

  it('reads back the same pages, sets and clusters as in memory, with candidates verified in workers', async () => {
    const mem = await run(false);
    const disk = await run(true);
    try {
      const a = mem.run;
      const b = disk.run;
      expect(b.count).toBe(a.count);
      expect(a.count).toBeGreaterThan(10);
      expect(b.errors).toEqual(a.errors);
      expect(b.bandKeys).toEqual(a.bandKeys);
      for (let i = 0; i < a.count; i++) {
        expect(b.doc(i)).toEqual(a.doc(i));
        expect(b.shingles(i)).toEqual(a.shingles(i));
      }
      const pairs = candidatePairs(a.bandKeys, a.count, mem.params.bands);
      expect(pairs.length).toBeGreaterThan(5);
      // Only sets on disk go to the workers.
      expect(await a.verifyCandidates(pairs, mem.rule)).toBeNull();
      const verified = await b.verifyCandidates(pairs, disk.rule);
      expect(verified).not.toBeNull();
      expect(verified!.filter((x) => x >= 0).length).toBeGreaterThan(3);
      const opts = { ...mem.rule, lsh: mem.params };
      const inMemory = clusterCandidates(source(a), pairs, opts);
      expect(inMemory.clusters.filter((c) => c.members.length > 1).length).toBeGreaterThan(2);
      expect(clusterCandidates(source(b), pairs, opts, verified!)).toEqual(inMemory);
      expect(clusterCandidates(source(b), pairs, opts)).toEqual(inMemory);
    } finally {
      mem.run.close();
      disk.run.close();
    }
  });
});
