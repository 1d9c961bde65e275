/**
 * `index clusters`: shards added to one index (by one process after another into SQLite, by four
 * processes at once into a real three-master Redis Cluster) give the clusters one `scan` gives
 * over the union of the shards.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/report/scan/types.js';
import { BIN, removeTempDirs, ROOT, tempDir } from '../helpers.js';
import { writePlantedCorpus, type PlantedCorpus } from '../helpers/planted-corpus.js';
import { startRedisCluster, type RedisClusterServers } from '../helpers/redis-servers.js';
import { json, runMain } from './run.js';

afterAll(removeTempDirs);

const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(path.join(ROOT, 'schema', 'scan.schema.json'), 'utf8')));

/** The report's clusters with what differs between two runs of anything (elapsed time) left out. */
function clustersOf(r: { stdout: string; stderr: string; code: number }): ScanReport {
  expect(r.code, r.stderr).toBe(0);
  return json<ScanReport>(r);
}

/** Each planted group is one cluster, and nothing else clusters: the corpus is what it claims. */
function expectPlanted(report: ScanReport, corpus: PlantedCorpus): void {
  const found = report.clusters.map((c) => c.members.map((m) => m.path).sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  const planted = corpus.groups.map((g) => [...g].sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  expect(found).toEqual(planted);
}

describe('index clusters over an SQLite index built shard by shard', () => {
  let corpus: PlantedCorpus;
  let scan: ScanReport;
  beforeAll(async () => {
    corpus = writePlantedCorpus(tempDir());
    scan = clustersOf(await runMain(['scan', ...corpus.shards, '--jobs', '2'], { cwd: corpus.root }));
    for (const shard of corpus.shards) {
      const r = await runMain(['index', 'add', shard, '--index', 'exact.sqlite', '--label', shard, '--jobs', '2'], { cwd: corpus.root });
      expect(r.code, r.stderr).toBe(0);
    }
  }, 120_000);

  it('gives the clusters scan gives over the union, with the same members, shares and dates', async () => {
    expectPlanted(scan, corpus);
    const r = await runMain(['index', 'clusters', '--index', 'exact.sqlite'], { cwd: corpus.root });
    expect(r.stderr).toBe('');
    const report = clustersOf(r);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.clusters).toEqual(scan.clusters);
    expect({ ...report.summary, elapsedMs: 0 }).toEqual({ ...scan.summary, elapsedMs: 0 });
    expect(report.params).toEqual(scan.params);
  });

  it('in every scan format, byte for byte where the format carries no run time', async () => {
    for (const format of ['csv', 'gexf', 'graphml']) {
      const fromIndex = await runMain(['index', 'clusters', '--index', 'exact.sqlite', '-f', format], { cwd: corpus.root });
      const fromScan = await runMain(['scan', ...corpus.shards, '-f', format], { cwd: corpus.root });
      expect(fromIndex.code).toBe(0);
      expect(fromIndex.stdout, format).toBe(fromScan.stdout);
    }
  });

  it('limits itself to some crawls with --label, as a scan of those shards alone', async () => {
    const two = corpus.shards.slice(0, 2);
    const fromScan = clustersOf(await runMain(['scan', ...two], { cwd: corpus.root }));
    const fromIndex = clustersOf(await runMain(['index', 'clusters', '--index', 'exact.sqlite', ...two.flatMap((s) => ['--label', s])], { cwd: corpus.root }));
    expect(fromIndex.clusters).toEqual(fromScan.clusters);
    expect(fromIndex.summary.documents).toBe(fromScan.summary.documents);
    expect(fromIndex.summary.documents).toBeLessThan(scan.summary.documents);
  });

  it('lists documents without copies too with --all, as scan does', async () => {
    const fromScan = clustersOf(await runMain(['scan', ...corpus.shards, '--all'], { cwd: corpus.root }));
    const fromIndex = clustersOf(await runMain(['index', 'clusters', '--index', 'exact.sqlite', '--all'], { cwd: corpus.root }));
    expect(fromIndex.clusters).toEqual(fromScan.clusters);
    expect(fromIndex.clusters.filter((c) => c.size === 1).length).toBe(corpus.pages - scan.clusters.reduce((n, c) => n + c.size, 0));
    expect(fromIndex.clusters.length).toBeGreaterThan(scan.clusters.length);
  });

  it('takes --threshold and --containment as scan does', async () => {
    const strict = ['--threshold', '0.95', '--containment', '0.99'];
    const fromScan = clustersOf(await runMain(['scan', ...corpus.shards, ...strict], { cwd: corpus.root }));
    const fromIndex = clustersOf(await runMain(['index', 'clusters', '--index', 'exact.sqlite', ...strict], { cwd: corpus.root }));
    expect(fromIndex.clusters).toEqual(fromScan.clusters);
    expect(fromIndex.summary.clusters).toBeLessThan(scan.summary.clusters);
  });

  it('verifies on signatures, and says so, for contents stored without shingle sets', async () => {
    for (const shard of corpus.shards) {
      const r = await runMain(['index', 'add', shard, '--index', 'sketches.sqlite', '--no-shingle-sets', '--label', shard], { cwd: corpus.root });
      expect(r.code, r.stderr).toBe(0);
    }
    const r = await runMain(['index', 'clusters', '--index', 'sketches.sqlite'], { cwd: corpus.root });
    const report = clustersOf(r);
    expect(r.stderr).toMatch(/^reprint: \d+ documents were stored without shingle sets \(--no-shingle-sets\): their pairs were verified on signatures\n$/);
    // The same groups, found on estimates; shares are estimates, so only membership is compared.
    expectPlanted(report, corpus);
  });

  it('check measures a copy of an indexed page exactly where the index kept its shingle set', async () => {
    interface Finding {
      path: string;
      indexed: { path: string; similarity: number; containment: number }[];
    }
    const shard = corpus.shards[0]!;
    const other = corpus.shards[1]!;
    // What scan measured between a member and its representative, when the two sit in these shards.
    const exact = new Map<string, number>();
    for (const c of scan.clusters) {
      if (!c.representative.startsWith(`${shard}/`)) continue;
      for (const m of c.members) if (m.path.startsWith(`${other}/`)) exact.set(`${m.path} ${c.representative}`, m.similarity);
    }
    expect(exact.size).toBeGreaterThan(10);
    const compared = async (index: string): Promise<{ same: number; differ: number }> => {
      const r = await runMain(['check', other, '--index', index, '--jobs', '1'], { cwd: corpus.root });
      expect(r.code, r.stderr).toBe(1);
      let same = 0;
      let differ = 0;
      for (const f of json<{ findings: Finding[] }>(r).findings) {
        for (const copy of f.indexed) {
          const want = exact.get(`${f.path} ${copy.path}`);
          if (want === undefined) continue;
          if (copy.similarity === want) same++;
          else differ++;
        }
      }
      expect(same + differ).toBe(exact.size);
      return { same, differ };
    };
    for (const [name, extra] of [
      ['shard-exact.sqlite', []],
      ['shard-sketches.sqlite', ['--no-shingle-sets']],
    ] as const) {
      const r = await runMain(['index', 'add', shard, '--index', name, ...extra], { cwd: corpus.root });
      expect(r.code, r.stderr).toBe(0);
    }
    expect(await compared('shard-exact.sqlite')).toEqual({ same: exact.size, differ: 0 });
    // Signatures alone give estimates: some shares come out otherwise.
    expect((await compared('shard-sketches.sqlite')).differ).toBeGreaterThan(0);
  });

  it('shows its steps on a terminal only, and never with --no-progress or --quiet', async () => {
    const onTty = await runMain(['index', 'clusters', '--index', 'sketches.sqlite', '-f', 'csv'], { cwd: corpus.root, isTTY: true });
    expect(onTty.code).toBe(0);
    expect(onTty.stderr).toContain('\r\u001b[2Kreprint: listing documents');
    expect(onTty.stderr).toContain(`reprint: reading band keys: ${corpus.pages}/${corpus.pages} documents`);
    expect(onTty.stderr).toMatch(/reprint: verifying \d+ candidate pairs/);
    // The line is cleared before the one message that stays.
    expect(onTty.stderr).toMatch(/\r\u001b\[2Kreprint: \d+ documents were stored without shingle sets/);
    const plain = await runMain(['index', 'clusters', '--index', 'sketches.sqlite', '-f', 'csv', '--no-progress'], { cwd: corpus.root, isTTY: true });
    expect(plain.stderr).toMatch(/^reprint: \d+ documents were stored without shingle sets[^\r]*\n$/);
    expect(plain.stdout).toBe(onTty.stdout);
    const quiet = await runMain(['index', 'clusters', '--index', 'sketches.sqlite', '-f', 'csv', '--quiet'], { cwd: corpus.root, isTTY: true });
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe(onTty.stdout);
  });

  it('fails with exit 1 under --fail-on-duplicates, and exit 2 on a missing index', async () => {
    expect((await runMain(['index', 'clusters', '--index', 'exact.sqlite', '--fail-on-duplicates', '-f', 'csv'], { cwd: corpus.root })).code).toBe(1);
    const missing = await runMain(['index', 'clusters', '--index', 'nothing-here.sqlite'], { cwd: corpus.root });
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^reprint: .*no index at nothing-here\.sqlite/);
  });
});

/** Runs the built CLI as its own process, as a crawl machine would. */
function runProcess(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('four machines fill one Redis Cluster at once', () => {
  let cluster: RedisClusterServers;
  let corpus: PlantedCorpus;
  beforeAll(async () => {
    cluster = await startRedisCluster();
    corpus = writePlantedCorpus(tempDir(), { seed: 11, size: 300 });
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 30_000);

  it('loses and duplicates nothing, and index clusters equals one scan over the union', async () => {
    const url = `${cluster.url}?prefix=machines`;
    const adds = await Promise.all(
      corpus.shards.map((shard) => runProcess(['index', 'add', shard, '--index', url, '--label', shard, '--jobs', '1'], corpus.root)),
    );
    for (const a of adds) expect(a.code, a.stderr).toBe(0);
    const added = adds.map((a) => json<{ summary: { added: number; pages: number } }>({ ...a, code: a.code ?? -1 }).summary);
    expect(added.reduce((n, s) => n + s.added, 0)).toBe(corpus.pages);

    const stats = json<{ documents: number; labels: { label: string; documents: number }[] }>(await runMain(['index', 'stats', '--index', url]));
    expect(stats.documents).toBe(corpus.pages);
    expect(stats.labels.map((l) => l.label)).toEqual(corpus.shards);

    // Two machines send the same shard again at once: nothing new, nothing twice.
    const again = await Promise.all([0, 0].map(() => runProcess(['index', 'add', corpus.shards[1]!, '--index', url, '--label', corpus.shards[1]!], corpus.root)));
    for (const a of again) expect(json<{ summary: { added: number; replaced: number } }>({ ...a, code: a.code ?? -1 }).summary).toMatchObject({ added: 0, replaced: 0 });
    expect(json<{ documents: number }>(await runMain(['index', 'stats', '--index', url])).documents).toBe(corpus.pages);

    const scan = clustersOf(await runMain(['scan', ...corpus.shards], { cwd: corpus.root }));
    expectPlanted(scan, corpus);
    const fromIndex = await runProcess(['index', 'clusters', '--index', url], corpus.root);
    const report = clustersOf({ ...fromIndex, code: fromIndex.code ?? -1 });
    expect(report.clusters).toEqual(scan.clusters);
    expect(report.summary.documents).toBe(corpus.pages);
    expect(path.isAbsolute(report.clusters[0]!.members[0]!.path)).toBe(false);
  }, 180_000);
});
