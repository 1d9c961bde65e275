/** `reprint explain` in-process: what two copies of the Kazakhstan statement share and what each has alone. */
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExplainReport } from '../../src/report/explain/types.js';
import { fixture, removeTempDirs, ROOT, tempDir } from '../helpers.js';
import { json, runMain } from './run.js';

afterAll(removeTempDirs);

const schema = JSON.parse(readFileSync(path.join(ROOT, 'schema', 'explain.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

const WITH_NOTE = 'fixtures/explain/steppe-courier-2022-01-10.txt';
const ABRIDGED = 'fixtures/explain/caspian-daily-2022-01-11.txt';
const BARE = 'fixtures/kazakhstan/official-statement-bare.txt';
const ADDED = 'Our correspondent in Almaty, who witnessed the clashes outside the city administration, says shops in the centre stayed shut all week and mobile internet was cut for days.';
const DROPPED = 'Their criminal activities caused riots, looting, rape and mass violence.';

async function explain(...args: string[]): Promise<ExplainReport> {
  const r = await runMain(['explain', ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const report = json<ExplainReport>(r);
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  return report;
}

describe('reprint explain', () => {
  it('the added paragraph is in one page only, the dropped one in the other only, the rest shared', async () => {
    const added = await explain(BARE, WITH_NOTE);
    expect(added.onlyA).toEqual([]);
    expect(added.onlyB.map((p) => p.text)).toEqual([ADDED]);
    const dropped = await explain(BARE, ABRIDGED);
    expect(dropped.onlyA.map((p) => p.text)).toEqual([DROPPED]);
    expect(dropped.onlyB).toEqual([]);

    const both = await explain(WITH_NOTE, ABRIDGED);
    expect(both.onlyA.map((p) => p.text)).toEqual([ADDED, DROPPED]);
    expect(both.onlyB).toEqual([]);
    // Every other word of each page is in a shared passage; the typo the note's outlet corrected is a change.
    const sharedWords = both.shared.reduce((n, p) => n + p.words + p.changes.length, 0);
    expect(sharedWords).toBe(both.b.words);
    expect(sharedWords + both.onlyA.reduce((n, p) => n + p.words, 0)).toBe(both.a.words);
    expect(both.shared.flatMap((p) => p.changes)).toMatchObject([{ a: 'ensuring', b: 'ensureing' }]);
    expect(both.a).toMatchObject({ path: WITH_NOTE, outlet: 'Steppe Courier', published: '2022-01-10' });
    expect(both.b).toMatchObject({ path: ABRIDGED, outlet: 'Caspian Daily', dateline: '11.01.2022', published: '2022-01-11' });
    expect(both.jaccard).toBeGreaterThan(0.9);
    expect(both.jaccard).toBeLessThan(1);
    expect(both.containment).toBeGreaterThan(both.jaccard);
  });

  it('shared passages cover the same words in both pages, in order', async () => {
    const r = await explain(WITH_NOTE, ABRIDGED);
    for (const p of r.shared) expect(p.a![1] - p.a![0]).toBe(p.b![1] - p.b![0]);
    const starts = r.shared.map((p) => [p.a![0], p.b![0]]);
    expect(starts).toEqual([...starts].sort((x, y) => x[0]! - y[0]!));
    expect(starts.map((s) => s[1])).toEqual(starts.map((s) => s[1]).sort((x, y) => x! - y!));
  });

  it('jaccard follows the shingle size', async () => {
    const five = await explain(WITH_NOTE, ABRIDGED);
    const two = await explain(WITH_NOTE, ABRIDGED, '-k', '2');
    expect(two.shingleSize).toBe(2);
    expect(two.jaccard).toBeGreaterThan(five.jaccard);
  });

  it('reads HTML and gzipped pages as extract does', async () => {
    const dir = tempDir();
    const gz = path.join(dir, 'abridged.txt.gz');
    writeFileSync(gz, gzipSync(readFileSync(fixture('explain', 'caspian-daily-2022-01-11.txt'))));
    const r = await explain('fixtures/html/steppe-herald-kazakhstan-statement.html', gz);
    expect(r.a.method).toBe('readability');
    expect(r.b.outlet).toBe('Caspian Daily');
    expect(r.shared.length).toBeGreaterThan(0);
  });

  it('text: both pages with outlet, dateline and date, then the passages in reading order, changes marked', async () => {
    const r = await runMain(['explain', WITH_NOTE, ABRIDGED]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout;
    expect(out).toContain('Steppe Courier · Monday, January 10, 2022 · 2022-01-10');
    expect(out).toContain('Caspian Daily · 11.01.2022 · 2022-01-11');
    expect(out).toContain('[-ensuring-]{+ensureing+}');
    const headings = out.split('\n').filter((l) => l.startsWith('── '));
    expect(headings.map((h) => h.split('  ')[0])).toEqual(['── shared', '── only in A', '── shared', '── only in A', '── shared']);
    expect(out.indexOf(ADDED)).toBeLessThan(out.indexOf(DROPPED));
    expect(out).not.toContain('\u001b[');
  });

  it('colour on a terminal, none with NO_COLOR', async () => {
    const tty = await runMain(['explain', WITH_NOTE, ABRIDGED], { isTTY: true, env: { NO_COLOR: undefined } });
    expect(tty.stdout).toContain('\u001b[');
    const plain = await runMain(['explain', WITH_NOTE, ABRIDGED], { isTTY: true, env: { NO_COLOR: '1' } });
    expect(plain.stdout).not.toContain('\u001b[');
    expect(plain.stdout).toBe(tty.stdout.replace(/\u001b\[\d+m/g, ''));
  });

  it('usage errors exit 2', async () => {
    const one = await runMain(['explain', WITH_NOTE]);
    expect(one.code).toBe(2);
    expect(one.stdout).toBe('');
    const format = await runMain(['explain', WITH_NOTE, ABRIDGED, '--format', 'csv']);
    expect(format.code).toBe(2);
    expect(format.stdout).toBe('');
  });

  it('a missing file, a folder or a page without article text: one line on stderr, exit 2', async () => {
    const missing = await runMain(['explain', WITH_NOTE, 'fixtures/explain/nowhere.txt']);
    expect(missing).toMatchObject({ code: 2, stdout: '', stderr: 'reprint: fixtures/explain/nowhere.txt: no such file\n' });
    const folder = await runMain(['explain', 'fixtures/explain', WITH_NOTE]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/^reprint: fixtures\/explain: is a folder[^\n]*\n$/);
    const unreadable = await runMain(['explain', 'fixtures/bad/not-gzip.txt.gz', WITH_NOTE]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stdout).toBe('');
    expect(unreadable.stderr).toMatch(/^reprint: fixtures\/bad\/not-gzip\.txt\.gz: [^\n]+\n$/);
    const dir = tempDir();
    writeFileSync(path.join(dir, 'rules.txt'), '* * *\n---\n');
    const blank = await runMain(['explain', path.join(ROOT, WITH_NOTE), 'rules.txt'], { cwd: dir });
    expect(blank).toMatchObject({ code: 2, stdout: '', stderr: 'reprint: rules.txt: no article text found\n' });
  });
});
