/**
 * Progress on stderr whenever stderr is a terminal, in every format: by pages when the files say
 * how many, by input bytes (with a share of the total and an ETA) when crawl files hide it. Never
 * on stdout, never off a terminal, never with --no-progress or --quiet.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatBytes, progressText } from '../../src/cli/progress.js';
import { readJsonlFile } from '../../src/input/jsonl.js';
import { readWarc } from '../../src/input/warc/read.js';
import { measureInputs } from '../../src/runtime/input-bytes.js';
import { BIN, fixture, removeTempDirs, ROOT, tempDir } from '../helpers.js';
import { runMain } from './run.js';

afterAll(removeTempDirs);

const PROGRESS = /reprint: .*pages\/s/;

/**
 * The built CLI under a pseudo-terminal (util-linux `script`) with stdout sent to a file: stderr
 * is the terminal, as when a user pipes or redirects the report. Returns what the terminal showed
 * (stderr) and what the file got (stdout).
 */
function stderrOnTty(args: string): { terminal: string; stdout: string; status: number | null } {
  const out = path.join(tempDir('reprint-progress-'), 'stdout');
  const r = spawnSync('script', ['-qec', `${process.execPath} ${BIN} ${args} > ${out}`, '/dev/null'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', TERM: 'xterm' },
  });
  return { terminal: r.stdout, stdout: readFileSync(out, 'utf8'), status: r.status };
}

const onTerminal = (args: string[]) => runMain(args, { isTTY: true, env: { NO_COLOR: '', TERM: 'xterm' } });

describe('progress', { timeout: 120_000 }, () => {
  it('is drawn on stderr in ndjson format under a pseudo-terminal, and stdout stays valid NDJSON', () => {
    const r = stderrOnTty('scan fixtures/kazakhstan --format ndjson');
    expect(r.status).toBe(0);
    expect(r.terminal).toMatch(/reprint: 5\/5 pages, \d+ pages\/s, 0 errors, ETA \d+s/);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(lines.map((l) => l.type)).toEqual(['cluster', 'summary']);
    expect(r.stdout).not.toContain('\u001b');
  });

  it('is drawn in every format of every page-reading command when stderr is a terminal', async () => {
    const db = path.join(tempDir('reprint-progress-'), 'index.db');
    for (const args of [
      ['scan', 'fixtures/kazakhstan'],
      ['scan', 'fixtures/kazakhstan', '--format', 'csv'],
      ['extract', 'fixtures/kazakhstan', '--format', 'ndjson'],
      ['index', 'add', 'fixtures/kazakhstan', '--index', db],
      ['check', 'fixtures/kazakhstan', '--index', db, '--format', 'sarif'],
    ]) {
      const r = await onTerminal(args);
      expect(r.stderr, args.join(' ')).toMatch(/reprint: 5\/5 pages, \d+ pages\/s, 0 errors/);
      expect(r.stdout, args.join(' ')).not.toMatch(PROGRESS);
    }
  });

  it('shows a share of the input bytes and an ETA for a JSON Lines export', async () => {
    const r = await onTerminal(['scan', 'fixtures/crawl/pages.jsonl', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/reprint: \d+ pages?, \d{1,3}% of \d+(\.\d)? kB, \d+ pages\/s, \d+ errors?, ETA \d+s/);
    expect(JSON.parse(r.stdout).schema).toBe('reprint/scan@1');
  });

  it('is not drawn when stderr is not a terminal, or with --no-progress or --quiet', async () => {
    const piped = await runMain(['scan', 'fixtures/kazakhstan', '--format', 'text']);
    expect(piped.stderr).toBe('');
    for (const flag of ['--no-progress', '--quiet']) {
      for (const format of ['text', 'ndjson']) {
        const r = await onTerminal(['scan', 'fixtures/crawl/pages.jsonl', '--format', format, flag]);
        expect(r.stderr, `${format} ${flag}`).not.toMatch(PROGRESS);
      }
    }
  });

  it('is never drawn by the built CLI when stderr is a pipe', () => {
    const r = spawnSync(process.execPath, [BIN, 'scan', 'fixtures/crawl', '--format', 'ndjson'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(PROGRESS);
    expect(r.stderr).toContain('reprint: fixtures/crawl/damaged.warc#');
  });
});

describe('the progress line', () => {
  const p = { pages: 120, errors: 1 };

  it('counts pages against their total when the files give one', () => {
    expect(progressText({ ...p, totalPages: 480, bytes: null }, 10)).toBe('120/480 pages, 12 pages/s, 1 error, ETA 30s');
  });

  it('counts input bytes against their total for crawl files, with an ETA by bytes', () => {
    const bytes = { read: 12_000_000, total: 48_000_000 };
    expect(progressText({ ...p, totalPages: null, bytes }, 10)).toBe('120 pages, 25% of 48 MB, 12 pages/s, 1 error, ETA 30s');
  });

  it('shows bytes read without a share or ETA when the total is unknown (a pipe)', () => {
    expect(progressText({ ...p, totalPages: null, bytes: { read: 3_100_000, total: null } }, 10)).toBe('120 pages, 3.1 MB read, 12 pages/s, 1 error');
  });

  it('writes sizes in decimal units', () => {
    expect([512, 4_100, 12_345_678, 1_300_000_000].map(formatBytes)).toEqual(['512 B', '4.1 kB', '12 MB', '1.3 GB']);
  });
});

describe('input bytes read', () => {
  it('a .jsonl.gz reader reports compressed bytes, up to the size of the file', async () => {
    const file = fixture('crawl', 'export.jsonl.gz');
    const seen: number[] = [];
    for await (const _ of readJsonlFile(file, 'export.jsonl.gz', { maxLineBytes: 1 << 20, onBytesRead: (n) => seen.push(n) }));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe(statSync(file).size);
  });

  it('a .warc.gz reader reports how far into the file it is, ending at its size', () => {
    const bytes = readFileSync(fixture('crawl', 'sample.warc.gz'));
    const seen: number[] = [];
    const items = [...readWarc(bytes, 'sample.warc.gz', { maxBytes: 1 << 20, onBytesRead: (n) => seen.push(n) })];
    expect(items.length).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(bytes.length);
    expect(new Set(seen).size).toBeGreaterThan(2);
  });

  it('totals the input files, counting plain files whole and crawl files as read', async () => {
    const files = ['kazakhstan/arab-press-2026-02-03.txt', 'crawl/pages.jsonl'].map((f) => ({ absPath: fixture(...f.split('/')), displayPath: f }));
    const [plain, crawl] = files.map((f) => statSync(f.absPath).size) as [number, number];
    const bytes = await measureInputs(files);
    expect(bytes.total).toBe(plain + crawl);
    bytes.begin(files[0]!);
    bytes.within(Infinity);
    expect(bytes.read).toBe(plain);
    bytes.begin(files[1]!);
    bytes.within(100);
    expect(bytes.read).toBe(plain + 100);
    bytes.within(crawl + 1000);
    expect(bytes.read).toBe(plain + crawl);
  });
});
