/** `reprint extract` in-process: what is compared for each page, bad files, text blocks, outlet templates. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countTokens } from '../../src/text/tokens.js';
import { normalizeText } from '../../src/text/normalize.js';
import { removeTempDirs, tempDir } from '../helpers.js';
import { runMain } from './run.js';

afterAll(removeTempDirs);

describe('reprint extract', () => {
  it('shows what is compared for each page, with metadata, in input order', async () => {
    const r = await runMain(['extract', 'fixtures/kazakhstan', 'fixtures/html/steppe-herald-kazakhstan-statement.html']);
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

  it('reports bad files in errors and goes on', async () => {
    const r = await runMain(['extract', 'fixtures/bad', '--format', 'ndjson']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    // invalid-utf8.txt has 8 broken bytes of 517: read with U+FFFD and a warning, not an error.
    expect(lines.filter((l) => l.type === 'page').map((l) => l.path)).toEqual([
      'fixtures/bad/good-statement-copy.txt',
      'fixtures/bad/invalid-utf8.txt',
      'fixtures/bad/markup-only.html',
    ]);
    expect(lines.filter((l) => l.type === 'error')).toHaveLength(5);
    expect(lines.at(-1)).toMatchObject({ type: 'summary', pages: 3, errors: 5 });
    expect(r.stderr).toContain('reprint: fixtures/bad/empty.txt: empty file');
    expect(r.stderr).toContain('reprint: fixtures/bad/invalid-utf8.txt: warning: 8 invalid UTF-8 bytes replaced with U+FFFD');
  });

  it('prints readable text blocks', async () => {
    const r = await runMain(['extract', 'fixtures/kazakhstan/london-daily-2025-05-31.txt', '--format', 'text']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^== fixtures\/kazakhstan\/london-daily-2025-05-31.txt\ntitle +What really happened in Kazakhstan\noutlet +London Daily/m);
    expect(r.stdout).toContain('dateline  Saturday, May 31, 2025');
  });
});

describe('outlet templates end to end', () => {
  const appeal = 'Support independent journalism from the steppe: become a member of The Steppe Herald today.';
  const page = (date: string, body: string) => `The Steppe Herald\n\n${date}\n\nA Headline For This Story\n\n${body}\n\n${appeal}\n`;
  const bodies = [
    'Parliament passed the budget on Tuesday after a long debate in the chamber, with the opposition walking out before the final vote was taken.',
    'Floods closed the northern highway for a second day, officials said, as crews worked through the night to clear mud from the road near the river.',
    'The central bank held its main rate steady on Thursday, citing slowing inflation and a stronger currency over the past three months.',
  ];

  function setup(): string {
    const dir = tempDir('reprint-tpl-');
    bodies.forEach((b, i) => writeFileSync(path.join(dir, `herald-${i}.txt`), page(`May ${i + 10}, 2025`, b)));
    return dir;
  }

  it("removes a line recurring across one outlet's pages, and keeps it with --no-templates", async () => {
    const dir = setup();
    const withTemplates = JSON.parse((await runMain(['extract', dir])).stdout);
    expect(withTemplates.pages).toHaveLength(3);
    for (const p of withTemplates.pages) {
      expect(p.outlet).toBe('The Steppe Herald');
      expect(p.text).not.toContain('Support independent journalism');
    }
    const without = JSON.parse((await runMain(['extract', dir, '--no-templates'])).stdout);
    for (const p of without.pages) expect(p.text).toContain('Support independent journalism');
    // Words are those of the text as reported, the template line's with it and not without.
    const appealWords = countTokens(normalizeText(appeal));
    expect(appealWords).toBe(14);
    for (const [i, p] of withTemplates.pages.entries()) {
      expect(p.words).toBe(countTokens(normalizeText(p.text)));
      expect(without.pages[i].words).toBe(countTokens(normalizeText(without.pages[i].text)));
      expect(without.pages[i].words - p.words).toBe(appealWords);
    }
  });
});
