/** Crawl formats (WARC, JSON Lines) through `reprint scan` and `reprint extract`, in-process. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, removeTempDirs, ROOT, tempDir } from '../helpers.js';
import { runMain } from './run.js';

afterAll(removeTempDirs);

/** A WARC response record, as crawlers write them (one gzip member per record for .warc.gz). */
function warcResponse(url: string, html: string, date: string): Buffer {
  const body = Buffer.from(html, 'utf8');
  const http = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n`), body]);
  const head = `WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: ${url}\r\nWARC-Date: ${date}\r\nWARC-Record-ID: <urn:uuid:${url.length}-${date}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${http.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), http, Buffer.from('\r\n\r\n')]);
}

function warcRequest(url: string): Buffer {
  const http = Buffer.from(`GET / HTTP/1.1\r\nHost: ${new URL(url).host}\r\n\r\n`);
  return Buffer.concat([Buffer.from(`WARC/1.0\r\nWARC-Type: request\r\nWARC-Target-URI: ${url}\r\nContent-Length: ${http.length}\r\n\r\n`), http, Buffer.from('\r\n\r\n')]);
}

describe('crawl formats end to end', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('reprint-crawl-');
    const steppe = readFileSync(fixture('html', 'steppe-herald-kazakhstan-statement.html'), 'utf8');
    const caspian = readFileSync(fixture('html', 'caspian-observer-kazakhstan-statement.html'), 'utf8');
    const unrelated = readFileSync(fixture('html', 'unrelated-markets-report.html'), 'utf8');
    const members = [
      warcRequest('https://steppeherald.example/a'),
      warcResponse('https://steppeherald.example/a', steppe, '2025-06-02T09:00:00Z'),
      warcResponse('https://caspianobserver.example/b', caspian, '2025-09-14T11:00:00Z'),
      warcResponse('https://harbourledger.example/c', unrelated, '2025-07-01T00:00:00Z'),
    ];
    writeFileSync(path.join(dir, 'crawl.warc.gz'), Buffer.concat(members.map((m) => gzipSync(m))));
    const bare = readFileSync(fixture('kazakhstan', 'official-statement-bare.txt'), 'utf8');
    const lines = [
      JSON.stringify({ url: 'https://wire.example/statement', text: bare, title: 'Statement', date: '2025-05-20' }),
      '{"url": "https://broken.example/", "text": "cut off',
      JSON.stringify({ link: 'https://other.example/x', body: bare }),
    ];
    writeFileSync(path.join(dir, 'export.jsonl.gz'), gzipSync(lines.join('\n') + '\n'));
  });

  it('reads each HTML response record and each JSON line as a page, with its URL', async () => {
    const r = await runMain(['scan', '.', path.join(ROOT, 'fixtures', 'kazakhstan'), '--jsonl-fields', 'url=url|link,text=text|body'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.clusters).toHaveLength(1);
    const c = report.clusters[0];
    const byPath = Object.fromEntries(c.members.map((m: { path: string }) => [m.path, m]));
    const warc = Object.keys(byPath).filter((p) => p.startsWith('crawl.warc.gz#'));
    expect(warc).toHaveLength(2);
    const steppeMember = c.members.find((m: { url: string | null }) => m.url === 'https://steppeherald.example/a');
    expect(steppeMember).toMatchObject({ outlet: 'The Steppe Herald', published: '2025-06-02' });
    expect(byPath['export.jsonl.gz:1']).toMatchObject({ url: 'https://wire.example/statement', title: 'Statement', published: '2025-05-20' });
    expect(byPath['export.jsonl.gz:3']).toMatchObject({ url: 'https://other.example/x' });
    // The JSON Lines copy is dated before every outlet copy.
    expect(c.earliest).toBe('export.jsonl.gz:1');
    expect(c.size).toBe(7);
    // The unrelated page is read but stays alone; the broken line is an error, the rest is read.
    expect(report.summary.documents).toBe(10);
    expect(report.errors).toEqual([{ path: 'export.jsonl.gz:2', message: expect.stringMatching(/^line 2: invalid JSON/) }]);
    expect(r.stderr).toContain('reprint: export.jsonl.gz:2: line 2: invalid JSON');
  });

  it('streams JSON Lines whatever their size: --max-archive-bytes bounds only a WARC, which is read whole', async () => {
    const r = await runMain(['scan', '.', '--jsonl-fields', 'url=url|link,text=text|body', '--max-archive-bytes', '1K'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.errors).toEqual([
      { path: 'crawl.warc.gz', message: expect.stringMatching(/^file is \d+ bytes, over the 1024-byte limit \(--max-archive-bytes\)$/) },
      { path: 'export.jsonl.gz:2', message: expect.stringMatching(/^line 2: invalid JSON/) },
    ]);
    // both readable lines (each over 1 KiB of text) are read, and they are one cluster
    expect(report.summary.documents).toBe(2);
    expect(report.clusters.map((c: { members: { path: string }[] }) => c.members.map((m) => m.path))).toEqual([['export.jsonl.gz:1', 'export.jsonl.gz:3']]);
  });

  it('names a WARC page by file and record offset: the bytes there start the record', async () => {
    const report = JSON.parse((await runMain(['extract', 'crawl.warc.gz'], { cwd: dir })).stdout);
    expect(report.pages).toHaveLength(3);
    const bytes = readFileSync(path.join(dir, 'crawl.warc.gz'));
    for (const p of report.pages) {
      const offset = Number(/#(\d+)$/.exec(p.path)![1]);
      expect(bytes[offset]).toBe(0x1f);
      expect(bytes[offset + 1]).toBe(0x8b);
    }
  });
});
