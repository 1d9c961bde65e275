/** --quiet: nothing on stderr but a fatal error; bad files are still counted and listed in the report. */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../helpers.js';
import { json, runMain } from './run.js';

afterAll(removeTempDirs);

interface WithErrors {
  summary: { errors: number };
  errors: Array<{ path: string; message: string }>;
}

describe('--quiet', { timeout: 120_000 }, () => {
  it('keeps bad files in the JSON report and says nothing on stderr', async () => {
    const loud = await runMain(['scan', 'fixtures/bad']);
    expect(loud.stderr).toContain('reprint: fixtures/bad/empty.txt: ');
    const quiet = await runMain(['scan', 'fixtures/bad', '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    const report = json<WithErrors>(quiet);
    expect(report.errors).toEqual(json<WithErrors>(loud).errors);
    expect(report.summary.errors).toBe(report.errors.length);
    expect(report.errors.map((e) => e.path)).toContain('fixtures/bad/empty.txt');
  });

  it('is taken by extract, index add, check and explain, with -q as its short form', async () => {
    const db = path.join(tempDir('reprint-quiet-'), 'index.db');
    const extract = await runMain(['extract', 'fixtures/bad', '-q', '--format', 'ndjson']);
    expect(extract).toMatchObject({ code: 0, stderr: '' });
    expect(extract.stdout).toContain('"type":"error","path":"fixtures/bad/empty.txt"');
    const add = await runMain(['index', 'add', 'fixtures/bad', '--index', db, '--quiet']);
    expect(add.code).toBe(0);
    expect(add.stderr).toBe('');
    expect(json<WithErrors>(add).summary.errors).toBeGreaterThan(0);
    const check = await runMain(['check', 'fixtures/bad', '--index', db, '--quiet']);
    expect(check.stderr).toBe('');
    expect(json<WithErrors>(check).errors.length).toBeGreaterThan(0);
    const explain = await runMain(['explain', 'fixtures/explain/steppe-courier-2022-01-10.txt', 'fixtures/explain/caspian-daily-2022-01-11.txt', '-q']);
    expect(explain).toMatchObject({ code: 0, stderr: '' });
  });

  it('still prints a fatal error, with exit 2', async () => {
    const missing = await runMain(['scan', 'fixtures/no-such-folder', '--quiet']);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe('reprint: no such file or folder: fixtures/no-such-folder\n');
    const explain = await runMain(['explain', 'fixtures/bad/empty.txt', 'fixtures/explain/caspian-daily-2022-01-11.txt', '--quiet']);
    expect(explain.code).toBe(2);
    expect(explain.stderr).toMatch(/^reprint: fixtures\/bad\/empty\.txt: .+\n$/);
  });
});
