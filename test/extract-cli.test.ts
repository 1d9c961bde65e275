import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

describe('reprint extract', () => {
  it('shows what is compared for each page, with metadata, in input order', () => {
    const r = runCli(['extract', 'fixtures/kazakhstan', 'fixtures/html/steppe-herald-kazakhstan-statement.html']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.schema).toBe('reprint/extract@1');
    expect(report.summary).toMatchObject({ pages: 6, errors: 0 });
    expect(report.pages.map((p: { path: string }) => p.path)).toEqual([
      'fixtures/html/steppe-herald-kazakhstan-statement.html',
      'fixtures/kazakhstan/arab-press-2026-02-03.txt',
      'fixtures/kazakhstan/eurasianet-crackdown-republished.txt',
      'fixtures/kazakhstan/kazakh-president-kill-order.txt',
      'fixtures/kazakhstan/london-daily-2025-05-31.txt',
      'fixtures/kazakhstan/official-statement-bare.txt',
    ]);
    const steppe = report.pages[0];
    expect(steppe).toMatchObject({ outlet: 'The Steppe Herald', published: '2025-06-02', lang: 'en', method: 'readability', url: null });
    expect(steppe.text).toContain("So what's going on?");
    expect(steppe.text).not.toMatch(/Related stories|cookies/i);
    const arab = report.pages[1];
    expect(arab).toMatchObject({ outlet: 'Arab Press', dateline: 'Tuesday, Feb 03, 2026', published: '2026-02-03', method: 'plaintext' });
    expect(arab.words).toBe(767);
    expect(arab.text.startsWith('The story that ran this week')).toBe(true);
  });

  it('reports bad files in errors and goes on', () => {
    const r = runCli(['extract', 'fixtures/bad', '--format', 'ndjson']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.type === 'page').map((l) => l.path)).toEqual(['fixtures/bad/good-statement-copy.txt', 'fixtures/bad/markup-only.html']);
    expect(lines.filter((l) => l.type === 'error')).toHaveLength(6);
    expect(lines.at(-1)).toMatchObject({ type: 'summary', pages: 2, errors: 6 });
    expect(r.stderr).toContain('reprint: fixtures/bad/empty.txt: empty file');
  });

  it('prints readable text blocks', () => {
    const r = runCli(['extract', 'fixtures/kazakhstan/london-daily-2025-05-31.txt', '--format', 'text']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^== fixtures\/kazakhstan\/london-daily-2025-05-31.txt\ntitle +What really happened in Kazakhstan\noutlet +London Daily/m);
    expect(r.stdout).toContain('dateline  Saturday, May 31, 2025');
  });
});
