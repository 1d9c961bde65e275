/**
 * A scan whose scratch files are on disk, as a big crawl's are: the shingle sets written over the
 * page records the second pass has read, and candidate pairs verified in worker threads that read
 * those sets from the file. Everything read back, and the clusters, must be what the same scan
 * gives with its scratch files in memory.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCAN_OPTIONS, sketching } from '../../../src/commands/settings.js';
import { candidatePairs } from '../../../src/match/candidates.js';
import { clusterCandidates, type ClusterSource } from '../../../src/match/cluster.js';
import { listInputs } from '../../../src/runtime/pages.js';
import { sketchStream, type SketchedRun } from '../../../src/runtime/sketch-stream.js';
import { ROOT } from '../../helpers.js';

const INPUTS = ['fixtures/kazakhstan', 'fixtures/templates', 'fixtures/explain', 'fixtures/multilingual', 'fixtures/crawl/pages.jsonl', 'fixtures/crawl/sample.warc.gz'];

async function run(onDisk: boolean) {
  const options = { ...DEFAULT_SCAN_OPTIONS, jobs: 2, ...(onDisk ? { scratchMemory: 0, minWorkerPairs: 0 } : {}) };
  const { hasher, params, rule } = sketching(options);
  const files = await listInputs(INPUTS, options, { cwd: ROOT });
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

describe('a scan with its scratch files on disk', () => {
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
