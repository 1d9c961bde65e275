/**
 * `reprint index add | stats | remove` and `reprint check` on an SQLite index, in-process: real
 * fixtures, stdout, stderr and exit codes. The two tests of the index file's safety need real
 * processes (one SIGKILLed mid-write, two writing at once) and spawn the built CLI. The same
 * store contract runs against every store in test/contract; the CLI against Redis in
 * test/unit/stores/check-redis.test.ts.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/report/check/types.js';
import type { IndexAddReport, IndexRemoveReport, IndexStatsReport } from '../../src/report/index/types.js';
import { MINHASH_SCHEME } from '../../src/sketch/minhash.js';
import { BIN, killAtFault, removeTempDirs, ROOT, tempDir } from '../helpers.js';
import { json, runMain, type MainResult } from './run.js';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;
const readJson = (...parts: string[]): object => JSON.parse(readFileSync(path.join(ROOT, ...parts), 'utf8')) as object;
const validateCheck = new Ajv2020({ allErrors: true, strict: false }).compile(readJson('schema', 'check.schema.json'));
const validateSarif = addFormats(new Ajv2020({ allErrors: true, strict: false })).compile(readJson('test', 'fixtures-schema', 'sarif-schema-2.1.0.json'));

afterAll(removeTempDirs);

/** Distinct articles of plain prose, deterministic. */
function writeArticles(dir: string, count: number, seed: number, prefix = 'page'): string[] {
  mkdirSync(dir, { recursive: true });
  const vocab = Array.from({ length: 3000 }, (_, i) => `w${(i * 7919) % 100003}x${i % 37}`);
  let x = seed >>> 0 || 1;
  const next = (): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const words = Array.from({ length: 180 }, () => vocab[Math.floor(next() * vocab.length)]!);
    const file = path.join(dir, `${prefix}-${String(i).padStart(4, '0')}.txt`);
    writeFileSync(file, `The Example Times\n\n${words.join(' ')}.\n`);
    files.push(file);
  }
  return files;
}

describe('index add, stats and check on the Kazakhstan seeds', () => {
  let db: string;
  let add: MainResult;
  beforeAll(async () => {
    db = path.join(tempDir('reprint-check-'), 'index.db');
    add = await runMain(['index', 'add', 'fixtures/kazakhstan', '--index', db, '--label', 'spring-crawl']);
  });

  it('adds every page once and reports what it did', () => {
    expect(add.code, add.stderr).toBe(0);
    const r = json<IndexAddReport>(add);
    expect(r.summary).toMatchObject({ pages: 5, added: 5, replaced: 0, unchanged: 0, errors: 0 });
    // The two outlet copies and the bare statement are one text once furniture is gone: stored once.
    expect(r.index).toMatchObject({ documents: 5, contents: 3 });
    // Bands tuned for the default thresholds (t 0.5, c 0.7: candidates from Jaccard 0.212).
    expect(r.params).toMatchObject({ scheme: MINHASH_SCHEME, numPerm: 128, shingleSize: 5, bands: 25, rows: 2 });
  });

  it('adding the same pages again stores nothing new', async () => {
    const again = json<IndexAddReport>(await runMain(['index', 'add', 'fixtures/kazakhstan', '--index', db, '--label', 'spring-crawl']));
    expect(again.summary).toMatchObject({ added: 0, replaced: 0, unchanged: 5 });
    const stats = json<IndexStatsReport>(await runMain(['index', 'stats', '--index', db]));
    expect(stats).toMatchObject({ documents: 5, contents: 3, format: 'reprint-index/1' });
    expect(stats.labels).toEqual([expect.objectContaining({ label: 'spring-crawl', documents: 5 })]);
  });

  it('check flags the HTML copies of the statement, names the indexed copies and the earliest, and exits 1', async () => {
    const r = await runMain(['check', 'fixtures/html', '--index', db]);
    expect(r.code, r.stderr).toBe(1);
    const report = json<CheckReport>(r);
    expect(validateCheck(report), JSON.stringify(validateCheck.errors)).toBe(true);
    expect(report.summary).toMatchObject({ pages: 3, new: 3, unchanged: 0, copiesOfIndexed: 2, duplicates: 2, failed: true, update: null });
    expect(report.findings.map((f) => f.path)).toEqual([
      'fixtures/html/caspian-observer-kazakhstan-statement.html',
      'fixtures/html/steppe-herald-kazakhstan-statement.html',
    ]);
    for (const f of report.findings) {
      expect(f.indexed.map((c) => c.path).sort()).toEqual([
        'fixtures/kazakhstan/arab-press-2026-02-03.txt',
        'fixtures/kazakhstan/london-daily-2025-05-31.txt',
        'fixtures/kazakhstan/official-statement-bare.txt',
      ]);
      expect(f.indexed.every((c) => c.label === 'spring-crawl')).toBe(true);
      expect(f.earliest).toBe('fixtures/kazakhstan/london-daily-2025-05-31.txt');
      // The two HTML pages copy each other too.
      expect(f.new).toHaveLength(1);
    }
    const london = report.findings[0]!.indexed.find((c) => c.outlet === 'London Daily')!;
    expect(london).toMatchObject({ published: '2025-05-31' });
    expect(london.similarity).toBeGreaterThan(0.8);
    expect(report.summary.reasons[0]).toMatch(/2 new pages copy indexed pages/);
  });

  it('pages already in the index unchanged are not new, and pass', async () => {
    const r = await runMain(['check', 'fixtures/kazakhstan', '--index', db, '--format', 'text']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/PASS/);
    const report = json<CheckReport>(await runMain(['check', 'fixtures/kazakhstan', '--index', db]));
    expect(report.summary).toMatchObject({ pages: 5, new: 0, unchanged: 5, duplicates: 0, failed: false });
  });

  it('output is byte-identical between runs and across --jobs', async () => {
    const strip = (s: string): string => s.replace(/"elapsedMs":\s*\d+/g, '');
    const a = await runMain(['check', 'fixtures/html', '--index', db, '--jobs', '1']);
    const b = await runMain(['check', 'fixtures/html', '--index', db, '--jobs', '2']);
    expect(strip(a.stdout)).toBe(strip(b.stdout));
    const s1 = await runMain(['check', 'fixtures/html', '--index', db, '--format', 'sarif']);
    const s2 = await runMain(['check', 'fixtures/html', '--index', db, '--format', 'sarif']);
    expect(s1.code).toBe(1);
    expect(s1.stdout).toBe(s2.stdout);
  }, 120_000);

  it('CI formats: SARIF, JUnit and GitHub annotations name the copying pages', async () => {
    const sarif = JSON.parse((await runMain(['check', 'fixtures/html', '--index', db, '--format', 'sarif'])).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    const uris = sarif.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(['fixtures/html/caspian-observer-kazakhstan-statement.html', 'fixtures/html/steppe-herald-kazakhstan-statement.html']);
    const junit = await runMain(['check', 'fixtures/html', '--index', db, '--format', 'junit']);
    expect(junit.code).toBe(1);
    expect(junit.stdout).toMatch(/^<\?xml/);
    expect(junit.stdout.match(/<failure /g)).toHaveLength(2);
    const gh = await runMain(['check', 'fixtures/html', '--index', db, '--format', 'github']);
    expect(gh.stdout.split('\n').filter((l) => l.startsWith('::error file=fixtures/html/'))).toHaveLength(2);
  }, 120_000);

  it('other sketch settings are an error that names both', async () => {
    const r = await runMain(['check', 'fixtures/html', '--index', db, '--num-perm', '64']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/numPerm: index has 128, this run uses 64/);
  });

  it('a threshold of its own is fine: bands belong to the index', async () => {
    const r = await runMain(['check', 'fixtures/html', '--index', db, '--threshold', '0.9']);
    expect(r.code, r.stderr).toBe(1);
  });
});

describe('check --update, replacement, removal', () => {
  it('--update adds the new pages in one go; the next check of them passes', async () => {
    const dir = tempDir('reprint-check-');
    const db = path.join(dir, 'ci.db');
    expect((await runMain(['index', 'add', 'fixtures/kazakhstan', '--index', db])).code).toBe(0);
    const first = await runMain(['check', 'fixtures/html', '--index', db, '--update', '--label', 'nov-24']);
    expect(first.code).toBe(1);
    expect(json<CheckReport>(first).summary.update).toEqual({ added: 3, replaced: 0, unchanged: 0 });
    const stats = json<IndexStatsReport>(await runMain(['index', 'stats', '--index', db]));
    expect(stats.documents).toBe(8);
    expect(stats.labels.map((l) => [l.label, l.documents])).toEqual([
      ['nov-24', 3],
      [null, 5],
    ]);
    const second = await runMain(['check', 'fixtures/html', '--index', db]);
    expect(second.code).toBe(0);
    expect(json<CheckReport>(second).summary).toMatchObject({ new: 0, unchanged: 3 });
  });

  it('a missing index is an error without --update, and is created with it', async () => {
    const dir = tempDir('reprint-check-');
    const r = await runMain(['check', 'fixtures/html', '--index', path.join(dir, 'none.db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no index at/);
    const created = await runMain(['check', 'fixtures/html', '--index', path.join(dir, 'new.db'), '--update']);
    // Nothing indexed yet; the two HTML copies of each other are reported but do not fail the check.
    expect(created.code, created.stderr).toBe(0);
    const report = json<CheckReport>(created);
    expect(report.summary).toMatchObject({ new: 3, copiesOfIndexed: 0, copiesAmongNew: 2, duplicates: 2, failed: false });
    expect(report.summary.update).toEqual({ added: 3, replaced: 0, unchanged: 0 });
  });

  it('--max-duplicates and --max-ratio gate copies among the new pages', async () => {
    const dir = tempDir('reprint-check-');
    const db = path.join(dir, 'gate.db');
    writeArticles(path.join(dir, 'old'), 3, 11);
    expect((await runMain(['index', 'add', path.join(dir, 'old'), '--index', db])).code).toBe(0);
    expect((await runMain(['check', 'fixtures/html', '--index', db, '--max-duplicates', '2'])).code).toBe(0);
    const over = await runMain(['check', 'fixtures/html', '--index', db, '--max-duplicates', '1']);
    expect(over.code).toBe(1);
    expect(json<CheckReport>(over).summary.reasons).toEqual(['2 new pages have copies, over --max-duplicates 1']);
    expect((await runMain(['check', 'fixtures/html', '--index', db, '--max-ratio', '0.7'])).code).toBe(0);
    expect((await runMain(['check', 'fixtures/html', '--index', db, '--max-ratio', '0.5'])).code).toBe(1);
    expect((await runMain(['check', 'fixtures/html', '--index', db, '--max-ratio', '2'])).code).toBe(2);
  }, 120_000);

  it('a changed page replaces its entry; remove takes paths and folders', async () => {
    const dir = tempDir('reprint-check-');
    const db = path.join(dir, 'r.db');
    const pages = path.join(dir, 'pages');
    const files = writeArticles(pages, 4, 5);
    expect(json<IndexAddReport>(await runMain(['index', 'add', 'pages', '--index', db], { cwd: dir })).summary.added).toBe(4);
    writeArticles(path.join(dir, 'tmp'), 1, 99);
    copyFileSync(path.join(dir, 'tmp', 'page-0000.txt'), files[0]!);
    const changed = json<IndexAddReport>(await runMain(['index', 'add', 'pages', '--index', db], { cwd: dir }));
    expect(changed.summary).toMatchObject({ added: 0, replaced: 1, unchanged: 3 });
    expect(changed.index).toMatchObject({ documents: 4, contents: 4 });

    const one = json<IndexRemoveReport>(await runMain(['index', 'remove', 'pages/page-0001.txt', '--index', db], { cwd: dir }));
    expect(one.removed).toEqual(['pages/page-0001.txt']);
    const rest = await runMain(['index', 'remove', 'pages', '--index', db, '--format', 'text'], { cwd: dir });
    expect(rest.code).toBe(0);
    expect(rest.stdout).toMatch(/3 removed; index holds 0 documents/);
    const none = await runMain(['index', 'remove', 'pages/gone.txt', '--index', db], { cwd: dir });
    expect(none.code).toBe(0);
    expect(none.stderr).toMatch(/nothing in the index matched/);
  });

  it('a file that is not an index, or an unreachable Redis, is exit 2', async () => {
    const dir = tempDir('reprint-check-');
    const junk = path.join(dir, 'junk.db');
    writeFileSync(junk, 'this is not SQLite, just a text file long enough to look like a header of one.');
    const r = await runMain(['index', 'stats', '--index', junk]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/junk\.db/);
    const redis = await runMain(['index', 'stats', '--index', 'redis://127.0.0.1:1']);
    expect(redis.code).toBe(2);
    expect(redis.stderr).toMatch(/redis:\/\/127\.0\.0\.1:1/);
  });
});

describe('safety of the SQLite index (real processes)', () => {
  function countDocs(db: string): { docs: number; integrity: string } {
    const d = new Database(db, { readonly: true });
    try {
      return {
        docs: d.prepare('SELECT count(*) FROM documents').pluck().get() as number,
        integrity: d.pragma('integrity_check', { simple: true }) as string,
      };
    } finally {
      d.close();
    }
  }

  it('SIGKILL in the middle of an add leaves the index exactly as before it', async () => {
    const dir = tempDir('reprint-check-');
    const db = path.join(dir, 'kill.db');
    writeArticles(path.join(dir, 'before'), 20, 1);
    writeArticles(path.join(dir, 'batch'), 120, 2);
    expect((await runMain(['index', 'add', 'before', '--index', db], { cwd: dir })).code).toBe(0);
    const snapshot = readFileSync(db).length > 0 && countDocs(db);

    // Every row of the batch is written, the transaction is open: killed there.
    expect(await killAtFault(['index', 'add', 'batch', '--index', db], dir)).toBe('SIGKILL');

    expect(countDocs(db)).toEqual(snapshot);
    expect(snapshot).toEqual({ docs: 20, integrity: 'ok' });
    // And the index works: the same add now lands whole.
    const redo = json<IndexAddReport>(await runMain(['index', 'add', 'batch', '--index', db], { cwd: dir }));
    expect(redo.summary).toMatchObject({ added: 120 });
    expect(countDocs(db)).toEqual({ docs: 140, integrity: 'ok' });
  }, 120_000);

  it('two index add processes on one file at once both land, nothing lost', async () => {
    const dir = tempDir('reprint-check-');
    const db = path.join(dir, 'two.db');
    writeArticles(path.join(dir, 'a'), 150, 3, 'a');
    writeArticles(path.join(dir, 'b'), 150, 4, 'b');
    const run = (folder: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const c = spawn(process.execPath, [BIN, 'index', 'add', folder, '--index', db, '--label', folder, '--jobs', '1'], { cwd: dir });
        let stdout = '';
        let stderr = '';
        c.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
        c.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
        c.on('exit', (code) => resolve({ code, stdout, stderr }));
      });
    const [a, b] = await Promise.all([run('a'), run('b')]);
    for (const r of [a, b]) {
      expect(r.code, r.stderr).toBe(0);
      const report = json<IndexAddReport>(r);
      // Every page read and signed, and every one added. A page lost before it reaches the store
      // (index add exits 0 on page errors: an extract worker that failed to load, say while dist/
      // was rebuilt under the test) fails here as errors: 1, with its message, not as a lost document.
      expect(report.summary, JSON.stringify(report.errors)).toMatchObject({ pages: 150, added: 150, replaced: 0, unchanged: 0, errors: 0 });
    }
    expect(countDocs(db)).toEqual({ docs: 300, integrity: 'ok' });
    const stats = json<IndexStatsReport>(await runMain(['index', 'stats', '--index', db]));
    expect(stats.labels.map((l) => [l.label, l.documents])).toEqual([
      ['a', 150],
      ['b', 150],
    ]);
  }, 120_000);
});

describe('usage', () => {
  it('--index is required', async () => {
    const r = await runMain(['check', 'fixtures/html']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--index/);
  });
  it('help lists the index commands', async () => {
    const r = await runMain(['index', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/add[\s\S]*stats[\s\S]*remove/);
  });
});
