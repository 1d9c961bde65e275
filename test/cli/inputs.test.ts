/**
 * Where pages come from: --files-from lists, `-` for a JSON Lines stream on standard input, what a
 * folder walk leaves out, special files met in a walk, and names that are not UTF-8.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExtractReport } from '../../src/report/extract/types.js';
import type { ScanReport } from '../../src/report/scan/types.js';
import { BIN, fixture, removeTempDirs, tempDir } from '../helpers.js';
import { json, runMain } from './run.js';

afterAll(removeTempDirs);

const KAZAKHSTAN = ['arab-press-2026-02-03.txt', 'london-daily-2025-05-31.txt', 'official-statement-bare.txt'];

/** A folder with three copies of one statement. */
function pagesDir(): string {
  const dir = tempDir();
  for (const name of KAZAKHSTAN) copyFileSync(fixture('kazakhstan', name), path.join(dir, name));
  return dir;
}

const memberPaths = (report: ScanReport): string[] => report.clusters.flatMap((c) => c.members.map((m) => m.path)).sort();

describe('--files-from', () => {
  it('reads the paths a list names, a path a line, relative to the working directory', async () => {
    const dir = pagesDir();
    writeFileSync(path.join(dir, 'list.txt'), `${KAZAKHSTAN[0]}\r\n\r\n${KAZAKHSTAN[1]}\r\n`);
    const r = await runMain(['scan', '--files-from', 'list.txt', KAZAKHSTAN[2]!], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(memberPaths(json<ScanReport>(r))).toEqual(KAZAKHSTAN);
  });

  it('reads a NUL-separated list from standard input with -0, as find -print0 writes it', async () => {
    const dir = pagesDir();
    const list = KAZAKHSTAN.map((n) => `./${n}\0`).join('');
    const r = await runMain(['extract', '--files-from', '-', '-0', '-f', 'ndjson'], { cwd: dir, stdin: list });
    expect(r.code).toBe(0);
    const pages = r.stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.type === 'page');
    expect(pages.map((p) => p.path)).toEqual(KAZAKHSTAN);
  });

  it('makes a listed path that is gone an entry in errors and reads the rest (exit 0)', async () => {
    const dir = pagesDir();
    writeFileSync(path.join(dir, 'list.txt'), [...KAZAKHSTAN, 'gone.txt'].join('\n'));
    const r = await runMain(['scan', '--files-from', 'list.txt'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = json<ScanReport>(r);
    expect(report.errors).toEqual([{ path: 'gone.txt', message: 'no such file or folder' }]);
    expect(memberPaths(report)).toEqual(KAZAKHSTAN);
    expect(r.stderr).toBe('reprint: gone.txt: no such file or folder\n');
  });

  it('is a usage error (exit 2) when the list itself cannot be read', async () => {
    const dir = pagesDir();
    const r = await runMain(['scan', '--files-from', 'no-list.txt'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('reprint: cannot read the --files-from list no-list.txt: no such file\n');
  });

  it('works for check and index add, which read pages as scan does', async () => {
    const dir = pagesDir();
    writeFileSync(path.join(dir, 'list.txt'), KAZAKHSTAN.slice(0, 2).join('\n'));
    const add = await runMain(['index', 'add', '--files-from', 'list.txt', '--index', 'idx.sqlite'], { cwd: dir });
    expect(add.code, add.stderr).toBe(0);
    const check = await runMain(['check', '--files-from', '-', '--index', 'idx.sqlite', '-f', 'json'], { cwd: dir, stdin: KAZAKHSTAN[2]! });
    expect(check.code).toBe(1); // the new page copies pages the index holds
    expect(check.stdout).toContain(KAZAKHSTAN[2]);
  });
});

describe('usage errors about inputs (exit 2)', () => {
  const cases: [string, string[], RegExp][] = [
    ['no paths and no list', ['scan'], /^error: no input: name files or folders, - for standard input, or --files-from <list>\n/],
    ['-0 without a list', ['scan', '.', '-0'], /^error: -0\/--null is about the --files-from list, and none is given\n/],
    ['- twice', ['extract', '-', '-'], /^error: - \(standard input\) is named twice\n/],
    ['- and --files-from -', ['scan', '-', '--files-from', '-'], /^error: standard input cannot be both pages \(-\) and the --files-from list \(--files-from -\)\n/],
  ];
  for (const [what, argv, message] of cases) {
    it(what, async () => {
      const r = await runMain(argv, { cwd: pagesDir() });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain('(run with --help for usage)');
    });
  }

  it('a missing path on the command line still ends the run', async () => {
    const r = await runMain(['scan', 'gone.txt'], { cwd: pagesDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('reprint: no such file or folder: gone.txt\n');
  });
});

describe('- reads one JSON Lines stream from standard input', () => {
  const jsonl = readFileSync(fixture('crawl', 'outlets.jsonl'));
  const fromFile = async (): Promise<ExtractReport> => json<ExtractReport>(await runMain(['extract', fixture('crawl', 'outlets.jsonl')]));

  it('names its pages -:<line> and reads them as the same export from a file', async () => {
    const r = await runMain(['extract', '-'], { stdin: jsonl });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const report = json<ExtractReport>(r);
    const file = await fromFile();
    expect(report.pages.map((p) => p.path)).toEqual(file.pages.map((_, i) => `-:${i + 1}`));
    expect(report.pages.map(({ path: _, ...rest }) => rest)).toEqual(file.pages.map(({ path: _, ...rest }) => rest));
  });

  it('tells gzip by its magic bytes', async () => {
    const plain = json<ExtractReport>(await runMain(['extract', '-'], { stdin: jsonl }));
    const r = await runMain(['extract', '-'], { stdin: gzipSync(jsonl) });
    expect(r.code).toBe(0);
    expect(json<ExtractReport>(r).pages).toEqual(plain.pages);
  });

  it('goes with files and folders named beside it', async () => {
    const dir = pagesDir();
    const r = await runMain(['scan', '-', '.', '-f', 'json'], { cwd: dir, stdin: jsonl });
    expect(r.code).toBe(0);
    expect(json<ScanReport>(r).summary.documents).toBe(KAZAKHSTAN.length + (await fromFile()).pages.length);
  });

  it('reports a bad line as <-:line> in errors', async () => {
    const r = await runMain(['extract', '-'], { stdin: `${jsonl.toString().split('\n')[0]}\n{not json\n` });
    expect(r.code).toBe(0);
    const report = json<ExtractReport>(r);
    expect(report.pages.map((p) => p.path)).toEqual(['-:1']);
    expect(report.errors.map((e) => e.path)).toEqual(['-:2']);
  });
});

describe('folder walks', () => {
  it('leave out README, LICENSE, CHANGELOG, robots.txt, urls.txt and sitemaps, unless named or included', async () => {
    const dir = pagesDir();
    mkdirSync(path.join(dir, 'crawl'));
    const statement = readFileSync(fixture('kazakhstan', KAZAKHSTAN[2]!));
    // Each holds the statement: read as a page, it would join the cluster.
    for (const name of ['README.md', 'LICENSE.txt', 'CHANGELOG.md', 'crawl/robots.txt', 'crawl/urls.txt', 'crawl/sitemap.xml']) {
      writeFileSync(path.join(dir, name), statement);
    }
    const walk = await runMain(['scan', '.'], { cwd: dir });
    expect(walk.code).toBe(0);
    expect(memberPaths(json<ScanReport>(walk))).toEqual(KAZAKHSTAN);

    const named = await runMain(['scan', '.', 'README.md', 'crawl/urls.txt'], { cwd: dir });
    expect(memberPaths(json<ScanReport>(named))).toEqual(['README.md', ...KAZAKHSTAN, 'crawl/urls.txt'].sort());

    const included = await runMain(['scan', '.', '--include', '**/*.txt'], { cwd: dir });
    expect(memberPaths(json<ScanReport>(included))).toEqual(['LICENSE.txt', ...KAZAKHSTAN, 'crawl/robots.txt', 'crawl/urls.txt'].sort());
  });

  it('make FIFOs and links to devices entries in errors, and do not hang on them', async () => {
    const dir = pagesDir();
    expect(spawnSync('mkfifo', [path.join(dir, 'pipe.html'), path.join(dir, 'feed.jsonl')]).status).toBe(0);
    symlinkSync('/dev/zero', path.join(dir, 'zero.txt'));
    symlinkSync('/dev/urandom', path.join(dir, 'random.jsonl.gz'));
    const r = await runMain(['scan', '.'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = json<ScanReport>(r);
    expect(report.errors).toEqual([
      { path: 'feed.jsonl', message: 'not a regular file: FIFO' },
      { path: 'pipe.html', message: 'not a regular file: FIFO' },
      { path: 'random.jsonl.gz', message: 'not a regular file: character device' },
      { path: 'zero.txt', message: 'not a regular file: character device' },
    ]);
    expect(memberPaths(report)).toEqual(KAZAKHSTAN);
    expect(r.stderr).toContain('reprint: feed.jsonl: not a regular file: FIFO\n');
    // Named on the command line, a FIFO with a crawl name is not opened either.
    const named = await runMain(['extract', 'feed.jsonl'], { cwd: dir });
    expect(named.code).toBe(0);
    expect(json<ExtractReport>(named).errors).toEqual([{ path: 'feed.jsonl', message: 'not a regular file: FIFO' }]);
  });
});

describe('file names that are not UTF-8', () => {
  /** The statement, in a folder under a name with bytes 0xff and 0xe9 (not UTF-8). */
  function latinDir(): string {
    const dir = pagesDir();
    writeFileSync(Buffer.concat([Buffer.from(path.join(dir, 'caf')), Buffer.from([0xe9, 0xff]), Buffer.from('.txt')]), readFileSync(fixture('kazakhstan', KAZAKHSTAN[0]!)));
    return dir;
  }

  it('are read in a walk and shown with \\xNN for each byte, the same on every run', async () => {
    const dir = latinDir();
    const runs = await Promise.all([1, 2].map(() => runMain(['scan', '.', '-f', 'ndjson'], { cwd: dir })));
    expect(runs[0]!.code).toBe(0);
    expect(runs[0]!.stderr).toBe('');
    expect(runs[0]!.stdout).toContain('"path":"caf\\\\xe9\\\\xff.txt"');
    expect(runs[0]!.stdout.replace(/"elapsedMs":\d+/, '')).toBe(runs[1]!.stdout.replace(/"elapsedMs":\d+/, ''));
  });

  it('are read when named on the command line (the built CLI, bytes passed by the shell)', () => {
    const dir = latinDir();
    const r = spawnSync('sh', ['-c', `exec "$0" "$1" extract -f ndjson "$(printf 'caf\\351\\377.txt')"`, process.execPath, BIN], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('{"type":"page","path":"caf\\\\xe9\\\\xff.txt"');
    expect(r.stdout).toContain('"errors":0');
  });

  it('are read from a --files-from list', async () => {
    const dir = latinDir();
    writeFileSync(path.join(dir, 'list'), Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9, 0xff]), Buffer.from('.txt\n')]));
    const r = await runMain(['extract', '--files-from', 'list', '-f', 'ndjson'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('{"type":"page","path":"caf\\\\xe9\\\\xff.txt"');
  });
});
