/**
 * The last edges of everyday input, through main() as the bin runs it: UTF-8 with a few broken
 * bytes (read, with a warning) against mostly broken UTF-8 (an error), Redis URLs that name no
 * usable database, a Redis server that goes away during `index add`, and pathological pages that
 * get the same answer whatever the number of workers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAGE_ELEMENTS } from '../../src/extract/readability.js';
import type { ExtractReport } from '../../src/report/extract/types.js';
import { fixture, removeTempDirs, tempDir } from '../helpers.js';
import { startRedis, type StandaloneRedisServer } from '../helpers/redis-servers.js';
import { json, runMain } from './run.js';

afterAll(() => removeTempDirs());

describe('UTF-8 with broken bytes', () => {
  it('reads a page with a few broken bytes, U+FFFD in their place, with a warning on stderr and no error', async () => {
    const r = await runMain(['extract', 'fixtures/bad/invalid-utf8.txt', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('reprint: fixtures/bad/invalid-utf8.txt: warning: 8 invalid UTF-8 bytes replaced with U+FFFD (first at byte 127)\n');
    const report = json<ExtractReport>(r);
    expect(report.errors).toEqual([]);
    expect(report.pages).toHaveLength(1);
    expect(report.pages[0]!.text).toContain('\uFFFD');
    expect(report.pages[0]!.text).toContain(new TextDecoder().decode(readFileSync(fixture('bad', 'invalid-utf8.txt'))).split('\n').find((l) => l.includes('\uFFFD'))!.trim().slice(0, 40));
  });

  it('refuses mostly broken UTF-8 (a windows-1251 page declared UTF-8) and binary files, as errors', async () => {
    const dir = tempDir();
    const body = readFileSync(fixture('encodings', 'russian-windows-1251.txt'));
    const head = '<!doctype html><meta charset="utf-8"><pre>\n';
    writeFileSync(path.join(dir, 'declared-utf8.html'), Buffer.concat([Buffer.from(head, 'latin1'), body]));
    writeFileSync(path.join(dir, 'binary.html'), readFileSync(fixture('bad', 'binary.html')));
    const r = await runMain(['extract', '.', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = json<ExtractReport>(r);
    expect(report.pages).toEqual([]);
    expect(report.errors).toEqual([
      { path: 'binary.html', message: 'binary file (NUL bytes)' },
      { path: 'declared-utf8.html', message: expect.stringMatching(new RegExp(`^invalid UTF-8 at byte ${head.length} \\(\\d+ of ${head.length + body.length} bytes invalid\\)$`)) },
    ]);
    expect(r.stderr).not.toMatch(/warning/);
  });
});

describe('Redis URLs', () => {
  let server: StandaloneRedisServer;
  let noConfig: StandaloneRedisServer;
  beforeAll(async () => {
    // The second server has 2 databases and no CONFIG command (as managed services often do):
    // only SELECT can tell that a database is out of range.
    [server, noConfig] = await Promise.all([startRedis(), startRedis(['--databases', '2', '--rename-command', 'CONFIG', '""'])]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([server?.stop(), noConfig?.stop()]);
  });

  const stats = (index: string) => runMain(['index', 'stats', '--index', index]);

  it('refuses a database past the server\'s range instead of writing to database 0', async () => {
    const r = await stats(`${server.url}/16?prefix=edges`);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `reprint: cannot open the index at ${server.url}/16?prefix=edges: database 16 is out of range (the server has databases 0 to 15)\n` });
    const ok = await stats(`${server.url}/15?prefix=edges`);
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('reports a refused SELECT when the server hides its settings', async () => {
    const r = await stats(`${noConfig.url}/2`);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`reprint: cannot open the index at ${noConfig.url}/2: SELECT 2 failed (ERR DB index is out of range)\n`);
    expect((await stats(`${noConfig.url}/1`)).code).toBe(0);
  });

  it('refuses malformed URLs with one line each, exit 2, before connecting', async () => {
    const cases: [string, string][] = [
      ['redis://127.0.0.1:1/-1', "redis://127.0.0.1:1/-1: the path must be a database number (0, 1, 2, ...), not '-1'"],
      ['redis://127.0.0.1:1/1.5', "redis://127.0.0.1:1/1.5: the path must be a database number (0, 1, 2, ...), not '1.5'"],
      ['redis://127.0.0.1:1/db3', "redis://127.0.0.1:1/db3: the path must be a database number (0, 1, 2, ...), not 'db3'"],
      ['redis://127.0.0.1:1/3/x', "redis://127.0.0.1:1/3/x: the path must be a database number (0, 1, 2, ...), not '3/x'"],
      ['redis://127.0.0.1:1/99999999999', 'redis://127.0.0.1:1/99999999999: database 99999999999 is out of range'],
      ['redis://127.0.0.1:0', 'redis://127.0.0.1:0: the port must be from 1 to 65535'],
      ['redis://127.0.0.1:70000', 'not a Redis URL: redis://127.0.0.1:70000'],
      ['redis://127.0.0.1:1?prefx=a', "redis://127.0.0.1:1?prefx=a: unknown parameter 'prefx' (only ?prefix= is read)"],
      ['redis://127.0.0.1:1?db=3', "redis://127.0.0.1:1?db=3: unknown parameter 'db' (only ?prefix= is read)"],
      ['redis://127.0.0.1:1?prefix=a&prefix=b', 'redis://127.0.0.1:1?prefix=a&prefix=b: prefix is given more than once'],
      ['redis://127.0.0.1:1#x', 'redis://127.0.0.1:1#x: a Redis URL has no #fragment'],
      ['redis://user:s3cret@127.0.0.1:1/x', "redis://127.0.0.1:1/x: the path must be a database number (0, 1, 2, ...), not 'x'"],
    ];
    for (const [url, message] of cases) {
      expect(await stats(url), url).toEqual({ code: 2, stdout: '', stderr: `reprint: ${message}\n` });
    }
  });
});

describe('a Redis server lost during index add', () => {
  let server: StandaloneRedisServer;
  beforeAll(async () => {
    server = await startRedis();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('ends the run with one line naming the server, exit 2, no stack trace', async () => {
    const port = new URL(server.url).port;
    let stopped = 0;
    const r = await runMain(['index', 'add', 'fixtures/kazakhstan', '--index', `${server.url}?prefix=lost`], {
      // Everything is staged, nothing committed: the server goes away before the commit is sent.
      context: {
        storeHooks: {
          beforeCommit: () => {
            server.stopNow();
            stopped++;
          },
        },
      },
    });
    expect(stopped).toBe(1);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`reprint: index: lost connection to Redis at 127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port})\n`);
  });
});

describe('pathological pages', () => {
  /** A page of n elements: nested `depth` deep at most, the rest side by side. */
  const page = (elements: number, depth: number): string => {
    const unit = '<div>'.repeat(depth) + 'x' + '</div>'.repeat(depth);
    return `<!doctype html><html><head><title>Pathological</title></head><body>${unit.repeat(Math.ceil(elements / depth))}</body></html>`;
  };

  it('are refused before any DOM is built, with the same output for --jobs 1 and --jobs 2', async () => {
    const dir = tempDir();
    // Deep nesting, and a flat flood of elements: each over the limit by one tag or more.
    writeFileSync(path.join(dir, 'a-deep.html'), page(MAX_PAGE_ELEMENTS + 1, MAX_PAGE_ELEMENTS + 1));
    writeFileSync(path.join(dir, 'b-flat.html'), page(4 * MAX_PAGE_ELEMENTS, 1));
    writeFileSync(path.join(dir, 'c-news.html'), readFileSync(fixture('html', 'steppe-herald-kazakhstan-statement.html')));
    writeFileSync(path.join(dir, 'd-deep.html'), page(4 * MAX_PAGE_ELEMENTS, 300));
    const runs = await Promise.all(['1', '2'].map((jobs) => runMain(['extract', '.', '--format', 'json', '--jobs', jobs], { cwd: dir })));
    const [one, two] = runs.map((r) => {
      expect(r.code, r.stderr).toBe(0);
      const { summary, ...rest } = json<ExtractReport>(r);
      return { ...rest, summary: { ...summary, elapsedMs: 0 }, stderr: r.stderr };
    });
    expect(two).toEqual(one);
    const limit = (n: number) => `page has ${n} elements, over the ${MAX_PAGE_ELEMENTS}-element limit`;
    expect(one!.errors).toEqual([
      { path: 'a-deep.html', message: limit(MAX_PAGE_ELEMENTS + 1 + 4) },
      { path: 'b-flat.html', message: limit(4 * MAX_PAGE_ELEMENTS + 4) },
      { path: 'd-deep.html', message: limit(300 * Math.ceil((4 * MAX_PAGE_ELEMENTS) / 300) + 4) },
    ]);
    expect(one!.pages.map((p) => p.path)).toEqual(['c-news.html']);
  });
});
