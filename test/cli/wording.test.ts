/**
 * Text reports count in English ("1 cluster", "1 day", "1 error"), and check lists crawl-record
 * locators in natural order (`feed.jsonl:27` before `feed.jsonl:2627`).
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareNatural } from '../../src/report/natural-order.js';
import type { CheckReport } from '../../src/report/check/types.js';
import { fixture, removeTempDirs, tempDir } from '../helpers.js';
import { json, runMain } from './run.js';

afterAll(removeTempDirs);

/** Two copies of one article a day apart, and one empty file. */
function dayApart(): string {
  const dir = tempDir('reprint-wording-');
  for (const f of ['steppe-courier-2022-01-10.txt', 'caspian-daily-2022-01-11.txt']) copyFileSync(fixture('explain', f), path.join(dir, f));
  copyFileSync(fixture('bad', 'empty.txt'), path.join(dir, 'empty.txt'));
  return dir;
}

describe('counts in text reports', { timeout: 120_000 }, () => {
  it('scan: 1 cluster, 1 duplicate, 1 error, span 1 day', async () => {
    const dir = dayApart();
    const r = await runMain(['scan', '.', '--format', 'text'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(' · 2 copies · earliest 2022-01-10 Steppe Courier · span 1 day\n');
    expect(r.stdout).toContain('\n2 documents, 1 cluster, 1 duplicate, 1 error (');
  });

  it('extract: 1 page, 1 error', async () => {
    const dir = dayApart();
    const r = await runMain(['extract', 'steppe-courier-2022-01-10.txt', 'empty.txt', '--format', 'text'], { cwd: dir });
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 page, 1 error');
  });

  it('check and index add: 1 document, 1 page, 1 duplicate, 1 error', async () => {
    const dir = dayApart();
    const add = await runMain(['index', 'add', 'steppe-courier-2022-01-10.txt', 'empty.txt', '--index', 'index.db', '--format', 'text'], { cwd: dir });
    expect(add.stdout).toBe('index.db: 1 added, 0 replaced, 0 unchanged of 1 page, 1 error\nindex holds 1 document (1 distinct text)\nerror empty.txt: empty file\n');
    const check = await runMain(['check', 'caspian-daily-2022-01-11.txt', '--index', 'index.db', '--format', 'text', '--max-duplicates', '0'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('index index.db (1 document); ');
    expect(check.stdout).toContain('1 page (1 new, 0 unchanged); 1 copying an indexed page, 0 copying only new pages; 1 duplicate of 1 new (100.0%); 0 errors; FAIL: ');
    expect(check.stdout).toContain('1 new page has copies, over --max-duplicates 0');
  });
});

describe('natural order of locators in check', { timeout: 120_000 }, () => {
  it('compares runs of digits as numbers, deterministically', () => {
    const sorted = ['f.jsonl:2627', 'f.jsonl:27', 'f.jsonl:2', 'a.warc.gz#10240', 'a.warc.gz#900', 'page10.html', 'page9.html', 'f.jsonl:07', 'f.jsonl:7'].sort(compareNatural);
    expect(sorted).toEqual(['a.warc.gz#900', 'a.warc.gz#10240', 'f.jsonl:2', 'f.jsonl:07', 'f.jsonl:7', 'f.jsonl:27', 'f.jsonl:2627', 'page9.html', 'page10.html']);
  });

  it('lists findings and their copies by line number, not by characters', async () => {
    const dir = tempDir('reprint-natural-');
    const text = readFileSync(fixture('kazakhstan', 'official-statement-bare.txt'), 'utf8');
    // Copies on lines 2, 27 and 2627; blank lines between them still count as lines.
    const lines = Array.from({ length: 2627 }, (_, i) => ([2, 27, 2627].includes(i + 1) ? JSON.stringify({ text }) : ''));
    writeFileSync(path.join(dir, 'feed.jsonl'), lines.join('\n') + '\n');
    const r = await runMain(['check', 'feed.jsonl', '--index', 'index.db', '--update'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = json<CheckReport>(r);
    expect(report.findings.map((f) => f.path)).toEqual(['feed.jsonl:2', 'feed.jsonl:27', 'feed.jsonl:2627']);
    expect(report.findings[0]!.new.map((c) => c.path)).toEqual(['feed.jsonl:27', 'feed.jsonl:2627']);
    expect(report.findings[2]!.new.map((c) => c.path)).toEqual(['feed.jsonl:2', 'feed.jsonl:27']);
    const text2 = await runMain(['check', 'feed.jsonl', '--index', 'other.db', '--update', '--format', 'text'], { cwd: dir });
    const heads = text2.stdout.split('\n').filter((l) => l.startsWith('feed.jsonl:'));
    expect(heads.map((l) => l.split(' ')[0])).toEqual(['feed.jsonl:2', 'feed.jsonl:27', 'feed.jsonl:2627']);
  });
});
