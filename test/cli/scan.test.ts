/** `reprint scan` in-process: fixtures, bad input, limits, determinism, formats, exit codes, folders. */
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/report/scan/types.js';
import { extractPlainText } from '../../src/extract/plaintext.js';
import { replaceWorkerScript } from '../../src/runtime/worker-script.js';
import { fixture, removeTempDirs, ROOT, tempDir } from '../helpers.js';
import { json, runMain, type MainOptions } from './run.js';

const schema = JSON.parse(readFileSync(path.join(ROOT, 'schema', 'scan.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

interface Scan {
  report: ScanReport;
  stderr: string;
  code: number;
  stdout: string;
}

async function scan(args: string[], opts: MainOptions = {}): Promise<Scan> {
  const r = await runMain(['scan', ...args], opts);
  return { report: json<ScanReport>(r), stderr: r.stderr, code: r.code, stdout: r.stdout };
}

const withoutElapsed = (s: string): string => s.replace(/"elapsedMs":\s*\d+/g, '"elapsedMs":0');

afterAll(removeTempDirs);

describe('reprint scan on the Kazakhstan seeds', () => {
  let run: Scan;
  beforeAll(async () => {
    run = await scan(['fixtures/kazakhstan']);
  });

  it('exits 0 with a valid report and nothing on stderr', () => {
    const { report, code, stderr } = run;
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.summary).toMatchObject({ documents: 5, clusters: 1, duplicates: 2, errors: 0 });
  });

  it('finds exactly one cluster: the three copies of the statement', () => {
    const { report } = run;
    expect(report.clusters).toHaveLength(1);
    const c = report.clusters[0]!;
    expect(c.members.map((m) => m.path).sort()).toEqual([
      'fixtures/kazakhstan/arab-press-2026-02-03.txt',
      'fixtures/kazakhstan/london-daily-2025-05-31.txt',
      'fixtures/kazakhstan/official-statement-bare.txt',
    ]);
  });

  it('names outlets, datelines with ISO dates, and London Daily as the earliest', () => {
    const c = run.report.clusters[0]!;
    const byOutlet = Object.fromEntries(c.members.map((m) => [m.outlet ?? '(none)', m]));
    expect(byOutlet['Arab Press']).toMatchObject({ dateline: 'Tuesday, Feb 03, 2026', published: '2026-02-03' });
    expect(byOutlet['London Daily']).toMatchObject({ dateline: 'Saturday, May 31, 2025', published: '2025-05-31' });
    expect(byOutlet['(none)']).toMatchObject({ dateline: null, published: null, path: 'fixtures/kazakhstan/official-statement-bare.txt' });
    expect(c.earliest).toBe('fixtures/kazakhstan/london-daily-2025-05-31.txt');
    expect(c.dateSpanDays).toBe(248);
    for (const m of c.members) {
      expect(m.similarity).toBeGreaterThan(0.9);
      expect(m.containment).toBeGreaterThan(0.95);
    }
  });

  it('leaves the two other articles out of every cluster', () => {
    const paths = run.report.clusters.flatMap((c) => c.members.map((m) => m.path));
    expect(paths).not.toContain('fixtures/kazakhstan/kazakh-president-kill-order.txt');
    expect(paths).not.toContain('fixtures/kazakhstan/eurasianet-crackdown-republished.txt');
  });

  it('lists single pages too with --all', async () => {
    const all = (await scan(['fixtures/kazakhstan', '--all'])).report;
    expect(all.clusters.map((c) => c.size)).toEqual([3, 1, 1]);
    expect(all.summary.clusters).toBe(1);
  });
});

describe('HTML pages of other outlets', () => {
  let run: Scan;
  beforeAll(async () => {
    run = await scan(['fixtures/kazakhstan', 'fixtures/html']);
  });

  it('join the text copies in one cluster, with their outlets and dates from the markup', () => {
    const { report, code } = run;
    expect(code).toBe(0);
    expect(report.summary).toMatchObject({ documents: 8, clusters: 1, duplicates: 4 });
    const c = report.clusters[0]!;
    expect(c.size).toBe(5);
    const steppe = c.members.find((m) => m.path.endsWith('steppe-herald-kazakhstan-statement.html'));
    const caspian = c.members.find((m) => m.path.endsWith('caspian-observer-kazakhstan-statement.html'));
    expect(steppe).toMatchObject({ outlet: 'The Steppe Herald', published: '2025-06-02', title: 'What really happened in Kazakhstan' });
    expect(caspian).toMatchObject({ outlet: 'Caspian Observer', published: '2025-09-14' });
    for (const m of [steppe!, caspian!]) expect(m.similarity).toBeGreaterThan(0.9);
    expect(c.earliest).toBe('fixtures/kazakhstan/london-daily-2025-05-31.txt');
  });

  it('leave an unrelated page out', () => {
    expect(run.report.clusters.flatMap((c) => c.members.map((m) => m.path))).not.toContain('fixtures/html/unrelated-markets-report.html');
  });

  it('give the same clusters over jsdom as over linkedom', async () => {
    const viaJsdom = (await scan(['fixtures/kazakhstan', 'fixtures/html', '--dom', 'jsdom'])).report;
    expect(viaJsdom.params.dom).toBe('jsdom');
    expect(viaJsdom.clusters).toEqual(run.report.clusters);
  });
});

describe('partial copies and digests', () => {
  // Pages built from real article text, each on its own outlet (folder): an article, an excerpt of
  // it, a copy with a new intro in place of its first two paragraphs; and a digest that carries two
  // unrelated articles whole, each of which also has a copy of its own.
  const text = (name: string): string[] =>
    extractPlainText(readFileSync(fixture('kazakhstan', name), 'utf8'))
      .text.split('\n')
      .filter((l) => l.trim().length > 0);
  const A = text('kazakh-president-kill-order.txt');
  const B = text('eurasianet-crackdown-republished.txt');
  const S = text('official-statement-bare.txt');
  const intro =
    'Our correspondent in Almaty sent this report late on Wednesday, after the curfew had been extended to the whole country and the internet had been cut for a second night in several regions.';
  const pageOf = (title: string, paras: string[]): string => [title, '', ...paras.flatMap((p) => [p, ''])].join('\n');
  let run: Scan;
  beforeAll(async () => {
    const dir = tempDir();
    const files: Record<string, string> = {
      'one/original.txt': pageOf('Kazakh President Gives Order To Forces To Kill', A),
      'two/excerpt.txt': pageOf('Kazakhstan orders forces to fire', A.slice(0, 7)),
      'three/new-intro.txt': pageOf('Kill order in Kazakhstan', [intro, ...A.slice(2)]),
      'four/crackdown.txt': pageOf('Dozens killed as government unleashes military crackdown', B),
      'five/crackdown-copy.txt': pageOf('Military crackdown in Kazakhstan', ['Republished with permission.', ...B]),
      'six/statement.txt': pageOf('Statement on the events in Kazakhstan', S),
      'seven/statement-copy.txt': pageOf('What really happened in Kazakhstan', S),
      'eight/digest.txt': pageOf('The week in Central Asia', [...S, ...B]),
    };
    for (const [name, body] of Object.entries(files)) {
      mkdirSync(path.join(dir, path.dirname(name)), { recursive: true });
      writeFileSync(path.join(dir, name), body);
    }
    run = await scan([dir], { cwd: dir });
  });

  const groups = (): string[][] => run.report.clusters.map((c) => c.members.map((m) => m.path).sort());

  it('puts the original, an excerpt and a copy with a new intro in one cluster of three', () => {
    expect(run.code).toBe(0);
    expect(validate(run.report)).toBe(true);
    expect(groups()).toContainEqual(['one/original.txt', 'three/new-intro.txt', 'two/excerpt.txt']);
    const c = run.report.clusters.find((x) => x.members.some((m) => m.path === 'two/excerpt.txt'))!;
    expect(c.representative).toBe('one/original.txt');
  });

  it('keeps the two articles of a digest in two separate clusters', () => {
    const gs = groups();
    const crackdown = gs.find((g) => g.includes('four/crackdown.txt'));
    const statement = gs.find((g) => g.includes('six/statement.txt'));
    expect(crackdown).toEqual(expect.arrayContaining(['four/crackdown.txt', 'five/crackdown-copy.txt']));
    expect(statement).toEqual(expect.arrayContaining(['six/statement.txt', 'seven/statement-copy.txt']));
    expect(crackdown).not.toBe(statement);
    for (const g of gs) expect(g.some((p) => p.startsWith('four/') || p.startsWith('five/')) && g.some((p) => p.startsWith('six/') || p.startsWith('seven/'))).toBe(false);
    expect(run.report.summary.clusters).toBe(3);
  });
});

describe('bad input', () => {
  let good: ScanReport;
  let r: Scan;
  beforeAll(async () => {
    good = (await scan(['fixtures/kazakhstan'])).report;
    r = await scan(['fixtures/bad', 'fixtures/kazakhstan']);
  });
  const bad = {
    'fixtures/bad/binary.html': /binary/,
    'fixtures/bad/empty.txt': /empty/,
    'fixtures/bad/whitespace-only.html': /white space/,
    'fixtures/bad/truncated.html.gz': /corrupt gzip/,
    'fixtures/bad/not-gzip.txt.gz': /not gzip/,
    'fixtures/bad/markup-only.html': /no article text/,
  };

  it('never stops the scan: exit 0, each bad file in errors and on stderr', () => {
    expect(r.code).toBe(0);
    expect(r.report.errors.map((e) => e.path)).toEqual(Object.keys(bad).sort());
    for (const e of r.report.errors) expect(e.message).toMatch(bad[e.path as keyof typeof bad]);
    for (const path of Object.keys(bad)) expect(r.stderr).toContain(`reprint: ${path}: `);
    expect(r.report.summary.errors).toBe(6);
    expect(validate(r.report)).toBe(true);
  });

  it('reads a UTF-8 page with a few broken bytes, with a warning on stderr and not in errors', () => {
    expect(r.stderr).toContain('reprint: fixtures/bad/invalid-utf8.txt: warning: 8 invalid UTF-8 bytes replaced with U+FFFD (first at byte 127)\n');
    expect(r.report.errors.map((e) => e.path)).not.toContain('fixtures/bad/invalid-utf8.txt');
    expect(r.report.summary.documents).toBe(good.summary.documents + 2);
  });

  it('leaves the clusters as they were, plus the good copy in the bad folder', () => {
    expect(r.report.clusters).toHaveLength(1);
    const paths = r.report.clusters[0]!.members.map((m) => m.path);
    expect(paths).toEqual(expect.arrayContaining(good.clusters[0]!.members.map((m) => m.path)));
    expect(paths).toContain('fixtures/bad/good-statement-copy.txt');
  });

  it('reports files over --max-bytes, unreadable files and dangling links', async () => {
    const dir = tempDir();
    copyFileSync(fixture('kazakhstan', 'official-statement-bare.txt'), path.join(dir, 'big.txt'));
    mkdirSync(path.join(dir, 'folder.txt'));
    symlinkSync(path.join(dir, 'nowhere.txt'), path.join(dir, 'dangling.txt'));
    const out = await scan(['big.txt', 'dangling.txt', '--max-bytes', '1k'], { cwd: dir });
    expect(out.code).toBe(0);
    expect(out.report.errors).toEqual([
      { path: 'big.txt', message: expect.stringMatching(/over the 1024-byte limit/) },
      { path: 'dangling.txt', message: expect.stringMatching(/cannot read file: ENOENT/) },
    ]);
  });

  it('measures a JSON Lines record against --max-bytes by its text in UTF-8, not by its line', async () => {
    const dir = tempDir();
    const statement = readFileSync(fixture('kazakhstan', 'official-statement-bare.txt'), 'utf8');
    const body = statement.slice(0, 1500);
    // Escaped, each é is six bytes of line and two of text: the line is over the limit, the text under it.
    const escaped = JSON.stringify({ url: 'https://a.example/1', text: `${body}\n${'é'.repeat(200)}` }).replace(/é/g, '\\u00e9');
    const over = { url: 'https://b.example/2', text: `${body}\n${'é'.repeat(300)}` };
    writeFileSync(path.join(dir, 'pages.jsonl'), `${escaped}\n${JSON.stringify(over)}\n`);
    const size = Buffer.byteLength(over.text);
    expect(escaped.length).toBeGreaterThan(2048);
    expect(Buffer.byteLength(`${body}\n${'é'.repeat(200)}`)).toBeLessThanOrEqual(2048);
    expect(size).toBeGreaterThan(2048);
    const out = await scan(['pages.jsonl', '--max-bytes', '2k', '--all'], { cwd: dir });
    expect(out.code).toBe(0);
    expect(out.report.summary.documents).toBe(1);
    expect(out.report.errors).toEqual([{ path: 'pages.jsonl:2', message: `page is ${size} bytes, over the 2048-byte limit (--max-bytes)` }]);
  });

  it('stops a page whose extraction never ends at --timeout, replaces the worker and goes on with the rest', async () => {
    const dir = tempDir();
    // The page itself is ordinary; the worker (test/cli/never-ends-worker.ts) spins on it forever,
    // as Readability can on a pathological page. The limit is generous: nothing else comes near it.
    writeFileSync(path.join(dir, 'never-ends.html'), readFileSync(fixture('html', 'unrelated-markets-report.html')));
    for (const name of ['arab-press-2026-02-03.txt', 'london-daily-2025-05-31.txt', 'official-statement-bare.txt']) {
      copyFileSync(fixture('kazakhstan', name), path.join(dir, name));
    }
    const restore = replaceWorkerScript('extract-worker', new URL('./never-ends-worker.ts', import.meta.url));
    let out: Scan;
    try {
      // One worker: the pages after the endless one are only read once its worker is replaced.
      out = await scan(['.', '--timeout', '10s', '--jobs', '1', '--all'], { cwd: dir });
    } finally {
      restore();
    }
    expect(out.code).toBe(0);
    expect(out.report.errors).toEqual([{ path: 'never-ends.html', message: 'extraction timed out after 10000 ms (--timeout)' }]);
    expect(out.stderr).toBe('reprint: never-ends.html: extraction timed out after 10000 ms (--timeout)\n');
    expect(out.report.summary.documents).toBe(3);
    expect(out.report.clusters.map((c) => c.size)).toEqual([3]);
  }, 120_000);

  it('bounds what a gzip bomb can expand to', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'bomb.txt.gz'), gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x61)));
    const out = await scan(['.', '--max-bytes', '1M'], { cwd: dir });
    expect(out.code).toBe(0);
    expect(out.report.errors[0]!.message).toMatch(/expands past the 1048576-byte limit/);
  });
});

describe('determinism', () => {
  it('gives byte-identical output with one worker or four', async () => {
    const one = await runMain(['scan', 'fixtures/kazakhstan', 'fixtures/html', 'fixtures/bad', '--jobs', '1']);
    const four = await runMain(['scan', 'fixtures/kazakhstan', 'fixtures/html', 'fixtures/bad', '--jobs', '4']);
    expect(withoutElapsed(four.stdout)).toBe(withoutElapsed(one.stdout));
    expect(four.stderr).toBe(one.stderr);
  }, 120_000);

  it('gives byte-identical output across runs, argument order and working directory', async () => {
    const a = await runMain(['scan', 'fixtures/kazakhstan']);
    const b = await runMain(['scan', 'fixtures/kazakhstan']);
    expect(withoutElapsed(a.stdout)).toBe(withoutElapsed(b.stdout));
    // Files named in reverse order, cluster ids unchanged.
    const files = ['official-statement-bare.txt', 'london-daily-2025-05-31.txt', 'arab-press-2026-02-03.txt'].map((f) => `fixtures/kazakhstan/${f}`);
    const c = (await scan(files)).report;
    const d = (await scan([...files].reverse())).report;
    expect(c.clusters[0]!.id).toBe((await scan(['fixtures/kazakhstan'])).report.clusters[0]!.id);
    expect(withoutElapsed(JSON.stringify(c))).toBe(withoutElapsed(JSON.stringify(d)));
  }, 120_000);

  it('derives cluster ids from content, not paths', async () => {
    const dir = tempDir();
    for (const [from, to] of [
      ['arab-press-2026-02-03.txt', 'z1.txt'],
      ['london-daily-2025-05-31.txt', 'a9.txt'],
      ['official-statement-bare.txt', 'm5.txt'],
    ] as const) {
      copyFileSync(fixture('kazakhstan', from), path.join(dir, to));
    }
    const renamed = (await scan([dir])).report;
    expect(renamed.clusters[0]!.id).toBe((await scan(['fixtures/kazakhstan'])).report.clusters[0]!.id);
  });

  it('prints paths relative to the working directory, or absolute outside it', async () => {
    const inside = (await scan(['kazakhstan'], { cwd: path.join(ROOT, 'fixtures') })).report;
    expect(inside.clusters[0]!.members.map((m) => m.path)).toContain('kazakhstan/official-statement-bare.txt');
    const outside = (await scan([fixture('kazakhstan')], { cwd: tempDir() })).report;
    expect(outside.clusters[0]!.members[0]!.path).toBe(path.join(ROOT, 'fixtures', 'kazakhstan', path.basename(outside.clusters[0]!.members[0]!.path)));
  });
});

describe('output formats', () => {
  it('ndjson: one cluster a line, then one summary line', async () => {
    const r = await runMain(['scan', 'fixtures/kazakhstan', '--format', 'ndjson']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(['cluster', 'summary']);
    expect(lines[0].size).toBe(3);
    expect(lines[1]).toMatchObject({ type: 'summary', schema: 'reprint/scan@1', documents: 5, clusters: 1 });
    const { type: _t, ...cluster } = lines[0];
    expect(validate({ ...(await scan(['fixtures/kazakhstan'])).report, clusters: [cluster] })).toBe(true);
  });

  it('text: a table a researcher can read, without colour under NO_COLOR', async () => {
    const r = await runMain(['scan', 'fixtures/kazakhstan', '--format', 'text']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/cluster [0-9a-f]{12} · 3 copies · earliest 2025-05-31 London Daily · span 248 days/);
    expect(r.stdout).toContain('Saturday, May 31, 2025');
    expect(r.stdout).toContain('Tuesday, Feb 03, 2026');
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('text: colour only when forced or on a terminal', async () => {
    const r = await runMain(['scan', 'fixtures/kazakhstan', '--format', 'text'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(r.stdout).toContain('\u001b[1m');
  });
});

describe('exit codes', () => {
  it('1 with --fail-on-duplicates when a cluster is found, 0 when none is', async () => {
    expect((await runMain(['scan', 'fixtures/kazakhstan', '--fail-on-duplicates'])).code).toBe(1);
    expect(
      (await runMain(['scan', 'fixtures/kazakhstan/kazakh-president-kill-order.txt', 'fixtures/kazakhstan/eurasianet-crackdown-republished.txt', '--fail-on-duplicates'])).code,
    ).toBe(0);
  });

  it('2 on usage errors, with a message on stderr and nothing on stdout', async () => {
    for (const args of [
      ['scan', 'fixtures/kazakhstan', '--threshold', '1.5'],
      ['scan', 'fixtures/kazakhstan', '--format', 'xml'],
      ['scan', 'fixtures/kazakhstan', '--no-such-option'],
      ['scan'],
      ['frobnicate'],
      [],
    ]) {
      const r = await runMain(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.length).toBeGreaterThan(0);
    }
  });

  it('2 for a path that does not exist', async () => {
    const r = await runMain(['scan', 'fixtures/no-such-folder']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no such file or folder: fixtures/no-such-folder');
  });

  it('0 for --help and --version', async () => {
    const h = await runMain(['scan', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('--threshold');
    expect((await runMain(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('walking folders', () => {
  it('skips hidden folders and node_modules, honours --include and --exclude, reads .gz', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, '.cache'));
    mkdirSync(path.join(dir, 'node_modules'));
    mkdirSync(path.join(dir, 'pages'));
    const bare = fixture('kazakhstan', 'official-statement-bare.txt');
    copyFileSync(bare, path.join(dir, '.cache', 'hidden.txt'));
    copyFileSync(bare, path.join(dir, 'node_modules', 'dep.txt'));
    copyFileSync(fixture('kazakhstan', 'arab-press-2026-02-03.txt'), path.join(dir, 'pages', 'arab.txt'));
    copyFileSync(fixture('kazakhstan', 'london-daily-2025-05-31.txt'), path.join(dir, 'pages', 'london.TXT'));
    copyFileSync(bare, path.join(dir, 'pages', 'notes.json'));
    const gz = gzipSync(readFileSync(bare));
    writeFileSync(path.join(dir, 'pages', 'bare.txt.gz'), gz);

    const r = await scan([dir], { cwd: dir });
    expect(r.report.summary.documents).toBe(3);
    expect(r.report.clusters[0]!.members.map((m) => m.path).sort()).toEqual(['pages/arab.txt', 'pages/bare.txt.gz', 'pages/london.TXT']);

    const only = (await scan(['.', '--include', '**/*.json', '--include', '**/arab.txt'], { cwd: dir })).report;
    expect(only.summary.documents).toBe(2);
    const excl = (await scan(['.', '--exclude', '**/*.gz'], { cwd: dir })).report;
    expect(excl.summary.documents).toBe(2);
  });

  it('cannot be hung by a symlink loop, and reads a linked file once', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'a'));
    copyFileSync(fixture('kazakhstan', 'official-statement-bare.txt'), path.join(dir, 'a', 'bare.txt'));
    symlinkSync('..', path.join(dir, 'a', 'loop'));
    symlinkSync(path.join(dir, 'a', 'bare.txt'), path.join(dir, 'link.txt'));
    const r = await scan([dir], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.report.summary.documents).toBe(1);
  });
});
