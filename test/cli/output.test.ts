/** `-o, --output <file>`: the report in a file, replaced whole or not at all; stdout empty; exit codes unchanged. */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/cli/output.js';
import { fixture, removeTempDirs, runCli, tempDir } from '../helpers.js';
import { runMain } from './run.js';

const withoutElapsed = (s: string): string => s.replace(/"elapsedMs":\s*\d+/g, '"elapsedMs":0');

afterAll(removeTempDirs);

describe('reprint --output', () => {
  it('writes the bytes stdout would carry, leaves stdout empty, and leaves no temporary file', async () => {
    const cwd = tempDir('reprint-output-');
    const toStdout = await runMain(['scan', fixture('kazakhstan')], { cwd });
    const toFile = await runMain(['scan', fixture('kazakhstan'), '-o', 'report.json'], { cwd });
    expect(toFile.code, toFile.stderr).toBe(0);
    expect(toFile.stdout).toBe('');
    expect(toFile.stderr).toBe('');
    expect(withoutElapsed(readFileSync(path.join(cwd, 'report.json'), 'utf8'))).toBe(withoutElapsed(toStdout.stdout));
    expect(readdirSync(cwd)).toEqual(['report.json']);
  });

  it('works on explain, in text, byte for byte', async () => {
    const cwd = tempDir('reprint-output-');
    const pages = [fixture('explain', 'caspian-daily-2022-01-11.txt'), fixture('explain', 'steppe-courier-2022-01-10.txt')];
    const toStdout = await runMain(['explain', ...pages, '--format', 'text'], { cwd });
    const toFile = await runMain(['explain', ...pages, '--format', 'text', '--output', 'explain.txt'], { cwd });
    expect(toFile.code, toFile.stderr).toBe(0);
    expect(toFile.stdout).toBe('');
    expect(readFileSync(path.join(cwd, 'explain.txt'), 'utf8')).toBe(toStdout.stdout);
  });

  it('replaces an existing report on success, and keeps its permissions', async () => {
    const cwd = tempDir('reprint-output-');
    const target = path.join(cwd, 'report.json');
    writeFileSync(target, 'old report\n');
    chmodSync(target, 0o640);
    const r = await runMain(['scan', fixture('kazakhstan'), '-o', 'report.json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(target, 'utf8'))).toMatchObject({ schema: expect.stringMatching(/^reprint\/scan@/) });
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(readdirSync(cwd)).toEqual(['report.json']);
  });

  it('leaves the previous report untouched when the run fails (exit 2)', async () => {
    const cwd = tempDir('reprint-output-');
    const target = path.join(cwd, 'report.json');
    writeFileSync(target, 'old report\n');
    const r = await runMain(['scan', path.join(cwd, 'no-such-folder'), '-o', 'report.json'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(readFileSync(target, 'utf8')).toBe('old report\n');
    expect(readdirSync(cwd)).toEqual(['report.json']);
  });

  it('keeps the check gate: exit 1 with the SARIF report in the file', async () => {
    const cwd = tempDir('reprint-output-');
    const add = await runMain(['index', 'add', fixture('kazakhstan'), '--index', 'index.db', '-o', 'add.json'], { cwd });
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toBe('');
    expect(JSON.parse(readFileSync(path.join(cwd, 'add.json'), 'utf8'))).toMatchObject({ index: { documents: 5 } });
    const check = await runMain(['check', fixture('html'), '--index', 'index.db', '--format', 'sarif', '-o', 'check.sarif'], { cwd });
    expect(check.code, check.stderr).toBe(1);
    expect(check.stdout).toBe('');
    const sarif = JSON.parse(readFileSync(path.join(cwd, 'check.sarif'), 'utf8'));
    expect(sarif.runs[0].results.filter((x: { level: string }) => x.level === 'error')).toHaveLength(2);
  });

  it('keeps scan --fail-on-duplicates: exit 1 with the report in the file', async () => {
    const cwd = tempDir('reprint-output-');
    const r = await runMain(['scan', fixture('kazakhstan'), '--fail-on-duplicates', '-o', 'report.json'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(path.join(cwd, 'report.json'), 'utf8')).summary.clusters).toBe(1);
  });

  describe('an unwritable target: one line on stderr, exit 2, checked before the run', () => {
    let cwd: string;
    beforeAll(() => {
      cwd = tempDir('reprint-output-');
      mkdirSync(path.join(cwd, 'a-folder'));
      writeFileSync(path.join(cwd, 'a-file'), 'x');
    });

    it.each([
      ['missing/report.json', 'no such folder missing'],
      ['a-folder', 'it is a folder'],
      ['a-file/report.json', 'a-file is not a folder'],
    ])('-o %s', async (target, reason) => {
      const r = await runMain(['index', 'add', fixture('kazakhstan'), '--index', 'index.db', '-o', target], { cwd });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`reprint: cannot write the report to ${target}: ${reason}\n`);
      // The run never started: the index was not created.
      expect(readdirSync(cwd).sort()).toEqual(['a-file', 'a-folder']);
    });
  });
});

describe('the built CLI, as a process', () => {
  it('writes the report to the file, nothing to stdout, with settings from a config found upwards', () => {
    const root = tempDir('reprint-output-');
    writeFileSync(path.join(root, 'reprint.config.json'), JSON.stringify({ scan: { threshold: 0.6 } }));
    mkdirSync(path.join(root, 'crawls'));
    const r = runCli(['scan', fixture('kazakhstan'), '--output', 'report.json'], { cwd: path.join(root, 'crawls') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    expect(JSON.parse(readFileSync(path.join(root, 'crawls', 'report.json'), 'utf8')).params).toMatchObject({ threshold: 0.6 });
    expect(readdirSync(path.join(root, 'crawls'))).toEqual(['report.json']);
  });
});

describe('writeFileAtomic', () => {
  it('removes its temporary file and changes nothing when the rename fails', () => {
    const dir = tempDir('reprint-output-');
    const target = path.join(dir, 'report.json');
    mkdirSync(target);
    writeFileSync(path.join(target, 'inside'), 'x');
    expect(() => writeFileAtomic(target, '{}')).toThrow();
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(readdirSync(target)).toEqual(['inside']);
  });
});
