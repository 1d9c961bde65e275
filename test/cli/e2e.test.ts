/**
 * The built CLI (bin/reprint.js over dist/) as a user runs it: a process per run, with its real
 * exit code, streams and environment. One or two runs per command; everything else about the
 * commands is tested in-process (the other files here). Needs the build (npm run build).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/report/check/types.js';
import type { ExtractReport } from '../../src/report/extract/types.js';
import type { IndexAddReport, IndexRemoveReport, IndexStatsReport } from '../../src/report/index/types.js';
import type { ScanReport } from '../../src/report/scan/types.js';
import { removeTempDirs, ROOT, runCli, tempDir } from '../helpers.js';
import { json } from './run.js';

const schema = (name: string): object => JSON.parse(readFileSync(path.join(ROOT, 'schema', name), 'utf8')) as object;

afterAll(removeTempDirs);

describe('the built CLI', { timeout: 120_000 }, () => {
  it('scan: exits 0 with a valid report and nothing on stderr; 1 with --fail-on-duplicates', () => {
    const r = runCli(['scan', 'fixtures/kazakhstan']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const report = json<ScanReport>(r);
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema('scan.schema.json'));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.summary).toMatchObject({ documents: 5, clusters: 1, duplicates: 2, errors: 0 });
    expect(runCli(['scan', 'fixtures/kazakhstan', '--fail-on-duplicates']).code).toBe(1);
  });

  it('scan: reports bad files on stderr and goes on', () => {
    const r = runCli(['scan', 'fixtures/bad', '--format', 'text']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('reprint: fixtures/bad/empty.txt: empty file');
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('extract: prints readable text blocks', () => {
    const r = runCli(['extract', 'fixtures/kazakhstan/london-daily-2025-05-31.txt', '--format', 'text']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^== fixtures\/kazakhstan\/london-daily-2025-05-31.txt\ntitle +What really happened in Kazakhstan\noutlet +London Daily/m);
    const report = json<ExtractReport>(runCli(['extract', 'fixtures/kazakhstan']));
    expect(report.summary).toMatchObject({ pages: 5, errors: 0 });
  });

  it('index add, stats, check and remove on an SQLite index', () => {
    const db = path.join(tempDir('reprint-e2e-'), 'index.db');
    const add = runCli(['index', 'add', 'fixtures/kazakhstan', '--index', db, '--label', 'spring-crawl']);
    expect(add.code, add.stderr).toBe(0);
    expect(json<IndexAddReport>(add).summary).toMatchObject({ pages: 5, added: 5, replaced: 0, unchanged: 0, errors: 0 });
    const stats = json<IndexStatsReport>(runCli(['index', 'stats', '--index', db]));
    expect(stats).toMatchObject({ documents: 5, contents: 3, format: 'reprint-index/1' });

    const check = runCli(['check', 'fixtures/html', '--index', db]);
    expect(check.code, check.stderr).toBe(1);
    expect(json<CheckReport>(check).summary).toMatchObject({ pages: 3, new: 3, copiesOfIndexed: 2, failed: true });
    const pass = runCli(['check', 'fixtures/kazakhstan', '--index', db, '--format', 'text']);
    expect(pass.code, pass.stderr).toBe(0);
    expect(pass.stdout).toMatch(/PASS/);

    const removed = json<IndexRemoveReport>(runCli(['index', 'remove', 'fixtures/kazakhstan', '--index', db]));
    expect(removed.removed).toHaveLength(5);
    const none = runCli(['index', 'remove', 'fixtures/kazakhstan/gone.txt', '--index', db]);
    expect(none.code).toBe(0);
    expect(none.stderr).toMatch(/nothing in the index matched/);
  });

  it('exit codes: 2 on usage errors and bad paths, 0 for --help and --version', () => {
    for (const args of [['scan', 'fixtures/kazakhstan', '--threshold', '1.5'], ['check', 'fixtures/html'], ['frobnicate'], []]) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.length).toBeGreaterThan(0);
    }
    const missing = runCli(['scan', 'fixtures/no-such-folder']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or folder: fixtures/no-such-folder');
    const h = runCli(['scan', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('--threshold');
    expect(runCli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
