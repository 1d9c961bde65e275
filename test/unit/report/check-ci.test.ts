/**
 * The check report on CI platforms: GitHub annotations capped at ten per level with a pointer to
 * the job summary, the job summary's Markdown, SARIF rule help, and GitLab Code Quality (validated
 * against test/fixtures-schema/gitlab-codequality.schema.json, written from GitLab's docs).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { readmeUrlOf } from '../../../src/cli/version.js';
import { formatCheckCodeClimate } from '../../../src/report/check/codeclimate.js';
import { ANNOTATIONS_PER_LEVEL, formatCheckGithub } from '../../../src/report/check/github.js';
import { formatCheckGithubSummary, markdownCell } from '../../../src/report/check/github-summary.js';
import { CHECK_README_ANCHOR, formatCheckSarif } from '../../../src/report/check/sarif.js';
import type { CheckFinding, CheckReport } from '../../../src/report/check/types.js';
import { ROOT } from '../../helpers.js';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;
const readJson = (...p: string[]): object => JSON.parse(readFileSync(path.join(ROOT, ...p), 'utf8')) as object;
const validateSarif = addFormats(new Ajv2020({ allErrors: true, strict: false })).compile(readJson('test', 'fixtures-schema', 'sarif-schema-2.1.0.json'));
const validateCodeQuality = new Ajv2020({ allErrors: true, strict: false }).compile(readJson('test', 'fixtures-schema', 'gitlab-codequality.schema.json'));

const params = { scheme: 'reprint-minhash/1', seed: 1, numPerm: 128, shingleSize: 5, bands: 32, rows: 4, threshold: 0.8, containment: 0.9, minWords: 50, dom: 'linkedom', templates: true };

/**
 * 25 findings: pages 1..13 copy an indexed page, 14..25 only new pages; similarities rise and fall
 * with the page number so neither path order nor report order is the order of importance.
 */
function manyFindings(): CheckReport {
  const findings: CheckFinding[] = [];
  for (let i = 1; i <= 25; i++) {
    const similarity = 0.5 + ((i * 7) % 25) / 50;
    const base = { path: `crawl/page-${i}.html`, url: null, outlet: `Outlet | ${i}`, title: `Title ${i}\nwith *stars* and |pipes|`, dateline: null, published: null, words: 300, contentHash: i.toString(16).padStart(16, '0'), earliest: null, indexedEarlier: false };
    if (i <= 13) {
      findings.push({
        ...base,
        indexed: [{ locator: `https://wire.example/${i}`, path: `old/${i}.html`, url: `https://wire.example/${i}`, outlet: 'Wire', title: null, dateline: null, published: null, label: 'jan', addedAt: '2024-01-01T00:00:00.000Z', similarity, containment: 1 }],
        new: [],
      });
    } else {
      findings.push({ ...base, indexed: [], new: [{ path: `crawl/page-${i === 25 ? 14 : i + 1}.html`, url: null, outlet: 'Other', published: null, similarity, containment: 0.95 }] });
    }
  }
  findings.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
  return {
    schema: 'reprint/check@1',
    params,
    index: { location: 'index.db', documents: 500 },
    summary: { pages: 40, new: 40, unchanged: 0, copiesOfIndexed: 13, copiesAmongNew: 12, duplicates: 25, ratio: 0.625, errors: 1, failed: true, reasons: ['13 new pages copy indexed pages'], update: null, elapsedMs: 5 },
    findings,
    errors: [{ path: 'crawl/broken.warc.gz#77', message: 'truncated | record' }],
  };
}

const similarityOf = (f: CheckFinding): number => Math.max(...[...f.indexed, ...f.new].map((c) => c.similarity));
const fileOf = (line: string): string => /file=([^,]+)/.exec(line)![1]!;

describe('check --format github with many findings', () => {
  it('prints the 10 closest errors and 10 warnings, then how many more, then the verdict', () => {
    const report = manyFindings();
    const lines = formatCheckGithub(report, { stepSummary: true }).trimEnd().split('\n');
    const kinds = lines.map((l) => /^::(\w+)/.exec(l)![1]);
    expect(ANNOTATIONS_PER_LEVEL).toBe(10);
    expect(kinds).toEqual([...Array(10).fill('error'), ...Array(10).fill('warning'), 'notice', 'notice']);

    // Errors: the ten indexed copies with the highest similarity, highest first.
    const indexed = report.findings.filter((f) => f.indexed.length > 0);
    const expected = [...indexed].sort((a, b) => similarityOf(b) - similarityOf(a)).slice(0, 10).map((f) => f.path);
    expect(lines.slice(0, 10).map(fileOf)).toEqual(expected);
    const sims = lines.slice(0, 10).map((l) => report.findings.find((f) => f.path === fileOf(l))!).map(similarityOf);
    expect(sims).toEqual([...sims].sort((a, b) => b - a));
    // Warnings: ten of the twelve copies among new pages; the unreadable page comes after them.
    expect(lines.slice(10, 20).every((l) => l.includes('title=reprint%3A copies a new page'))).toBe(true);

    expect(lines[20]).toBe(
      '::notice title=reprint%3A more findings::6 more not annotated, as GitHub shows 10 errors and 10 warnings per step: ' +
        '3 copying indexed pages (errors), 2 copying only new pages (warnings), 1 unreadable page; the job summary lists them all.',
    );
    expect(lines[21]).toMatch(/^::notice title=reprint check::40 pages .*FAIL: 13 new pages copy indexed pages$/);
  });

  it('without a job summary the notice points at --format json, and a small report has no notice', () => {
    const out = formatCheckGithub(manyFindings(), { stepSummary: false });
    expect(out).toContain('; `--format json` lists them all.');
    const small = manyFindings();
    small.findings = small.findings.slice(0, 3);
    expect(formatCheckGithub(small, { stepSummary: true })).not.toContain('more findings');
  });

  it('ties in similarity keep the natural path order of the report', () => {
    const r = manyFindings();
    for (const f of r.findings) for (const c of [...f.indexed, ...f.new]) c.similarity = 0.9;
    const files = formatCheckGithub(r, { stepSummary: true }).split('\n').filter((l) => l.startsWith('::error')).map(fileOf);
    expect(files).toEqual(['crawl/page-1.html', 'crawl/page-2.html', 'crawl/page-3.html', 'crawl/page-4.html', 'crawl/page-5.html', 'crawl/page-6.html', 'crawl/page-7.html', 'crawl/page-8.html', 'crawl/page-9.html', 'crawl/page-10.html']);
  });
});

describe('GitHub job summary', () => {
  it('has the verdict, the counts and a row for each of the 25 findings and the unreadable page', () => {
    const md = formatCheckGithubSummary(manyFindings());
    expect(md.startsWith('### reprint check: FAIL\n')).toBe(true);
    expect(md).toContain('| 40 | 40 | 0 | 13 | 12 | 25 (62.5%) | 1 |');
    const rows = md.split('\n').filter((l) => /^\| \d+ \| copies/.test(l));
    expect(rows).toHaveLength(25);
    expect(rows.map((r) => Number(/^\| (\d+) /.exec(r)![1]))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    // Same order as the annotations: the annotated errors head the table.
    const annotated = formatCheckGithub(manyFindings(), { stepSummary: true }).split('\n').slice(0, 10).map(fileOf);
    expect(rows.slice(0, 10).map((r) => r.split(' | ')[2]!.replace(/\\/g, ''))).toEqual(annotated);
    expect(md).toContain('#### Unreadable pages (1)');
    expect(md).toContain('| crawl/broken.warc.gz#77 | truncated \\| record |');
  });

  it('keeps every row one table row: pipes and Markdown escaped, newlines gone', () => {
    expect(markdownCell('a | b\nc *d* [x](y) <b> `z` \\')).toBe('a \\| b c \\*d\\* \\[x\\](y) \\<b\\> \\`z\\` \\\\');
    expect(markdownCell(null)).toBe('-');
    const md = formatCheckGithubSummary(manyFindings());
    const table = md.split('\n').filter((l) => l.startsWith('| ') && /^\| \d+ \| copies/.test(l));
    // 11 columns: the unescaped pipes are exactly the 12 borders.
    for (const row of table) expect(row.match(/(?<!\\)\|/g)).toHaveLength(12);
    expect(md).toContain('Title 1 with \\*stars\\* and \\|pipes\\|');
  });

  it('stays under the byte budget and says how many rows it left out', () => {
    const md = formatCheckGithubSummary(manyFindings(), 2500);
    expect(Buffer.byteLength(md)).toBeLessThan(2500 + 300);
    const shown = md.split('\n').filter((l) => /^\| \d+ \| copies/.test(l)).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(25);
    expect(md).toContain(`${26 - shown} more rows left out: GitHub takes at most 1 MiB of summary per step.`);
  });
});

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
}
const rulesOf = (out: string): SarifRule[] => (JSON.parse(out) as { runs: { tool: { driver: { rules: SarifRule[] } } }[] }).runs[0]!.tool.driver.rules;

describe('SARIF rule help', () => {
  it('every rule has descriptions, text and Markdown help, and helpUri at the README check section', () => {
    const out = formatCheckSarif(manyFindings(), { toolVersion: '0.1.0', informationUri: 'https://github.com/o/reprint', readmeUrl: 'https://github.com/o/reprint' });
    expect(validateSarif(JSON.parse(out)), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
    const rules = rulesOf(out);
    expect(rules.map((r) => r.id)).toEqual(['reprint/copies-indexed-page', 'reprint/copies-new-page']);
    for (const r of rules) {
      expect(r.shortDescription.text).not.toBe('');
      expect(r.fullDescription.text.length).toBeGreaterThan(r.shortDescription.text.length);
      expect(r.help.text).toContain(r.fullDescription.text);
      expect(r.help.markdown).toContain(`**${r.shortDescription.text}**`);
      expect(r.help.markdown).toContain('](https://github.com/o/reprint#reprint-index-and-reprint-check-earlier-crawls-and-a-ci-gate)');
      expect(r.helpUri).toBe('https://github.com/o/reprint#reprint-index-and-reprint-check-earlier-crawls-and-a-ci-gate');
    }
  });

  it('without a known README URL leaves helpUri out (SARIF wants it absolute) and names the section', () => {
    const out = formatCheckSarif(manyFindings(), { toolVersion: '0.1.0' });
    expect(validateSarif(JSON.parse(out))).toBe(true);
    for (const r of rulesOf(out)) {
      expect(r.helpUri).toBeUndefined();
      expect(r.help.text).toContain('See README.md, section "reprint index and reprint check".');
    }
    // The schema does hold helpUri to an absolute URI: a relative link would not pass.
    const relative = JSON.parse(out) as { runs: { tool: { driver: { rules: SarifRule[] } } }[] };
    relative.runs[0]!.tool.driver.rules[0]!.helpUri = `README.md#${CHECK_README_ANCHOR}`;
    expect(validateSarif(relative)).toBe(false);
  });

  it('the anchor is the one GitHub gives the README heading of the check', () => {
    const heading = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
      .split('\n')
      .find((l) => /^#+ `reprint index` and `reprint check`/.test(l))!;
    // GitHub's slug: lower case, punctuation but - and _ dropped, spaces to hyphens.
    const slug = heading
      .replace(/^#+ /, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\- _]/gu, '')
      .replace(/ /g, '-');
    expect(slug).toBe(CHECK_README_ANCHOR);
  });

  it('the README URL comes from package.json repository or homepage', () => {
    expect(readmeUrlOf({ repository: 'github:o/reprint' })).toBe('https://github.com/o/reprint');
    expect(readmeUrlOf({ repository: { url: 'git+https://github.com/o/reprint.git' } })).toBe('https://github.com/o/reprint');
    expect(readmeUrlOf({ repository: 'git@github.com:o/reprint.git' })).toBe('https://github.com/o/reprint');
    expect(readmeUrlOf({ repository: 'https://gitlab.com/o/reprint.git', homepage: 'https://reprint.example/#readme' })).toBe('https://reprint.example/');
    expect(readmeUrlOf({})).toBeNull();
  });
});

interface Issue {
  check_name: string;
  description: string;
  severity: string;
  fingerprint: string;
  location: { path: string; lines: { begin: number } };
}

describe('check --format codeclimate (GitLab Code Quality)', () => {
  it('validates against the schema from GitLab docs: one issue per finding and unreadable page', () => {
    const issues = JSON.parse(formatCheckCodeClimate(manyFindings())) as Issue[];
    expect(validateCodeQuality(issues), JSON.stringify(validateCodeQuality.errors, null, 2)).toBe(true);
    expect(issues).toHaveLength(26);
    expect(issues.filter((i) => i.check_name === 'reprint/copies-indexed-page').every((i) => i.severity === 'major')).toBe(true);
    expect(issues.filter((i) => i.check_name === 'reprint/copies-new-page')).toHaveLength(12);
    expect(issues.filter((i) => i.check_name === 'reprint/copies-new-page').every((i) => i.severity === 'minor')).toBe(true);
    expect(issues.at(-1)).toMatchObject({ check_name: 'reprint/unreadable-page', severity: 'info', location: { path: 'crawl/broken.warc.gz', lines: { begin: 1 } } });
    expect(issues[0]!.description).toBe('crawl/page-1.html copies 1 indexed page.');
    // And the validator is not vacuous.
    expect(validateCodeQuality([{ ...issues[0], severity: 'error' }])).toBe(false);
    expect(validateCodeQuality([{ ...issues[0], location: { path: 'a' } }])).toBe(false);
    expect(validateCodeQuality([{ description: 'x', check_name: 'y', severity: 'info', location: { path: 'a', lines: { begin: 1 } } }])).toBe(false);
  });

  it('fingerprints are unique per finding, stable across runs, and change with what the page copies', () => {
    const a = JSON.parse(formatCheckCodeClimate(manyFindings())) as Issue[];
    const b = JSON.parse(formatCheckCodeClimate(manyFindings())) as Issue[];
    expect(new Set(a.map((i) => i.fingerprint)).size).toBe(a.length);
    expect(b.map((i) => i.fingerprint)).toEqual(a.map((i) => i.fingerprint));
    // Stable under report order and elapsed time; changed when the copies change.
    const shuffled = manyFindings();
    shuffled.findings.reverse();
    shuffled.summary.elapsedMs = 99999;
    const byPath = new Map((JSON.parse(formatCheckCodeClimate(shuffled)) as Issue[]).map((i) => [i.description, i.fingerprint]));
    for (const i of a) expect(byPath.get(i.description)).toBe(i.fingerprint);
    const changed = manyFindings();
    changed.findings[0]!.indexed[0]!.locator = 'https://other.example/1';
    expect((JSON.parse(formatCheckCodeClimate(changed)) as Issue[])[0]!.fingerprint).not.toBe(a[0]!.fingerprint);
  });

  it('a JSON Lines record points at its line; same-path errors still get distinct fingerprints', () => {
    const r = manyFindings();
    r.findings = [{ ...r.findings[0]!, path: 'feeds/export.jsonl:12' }];
    r.errors = [
      { path: 'feeds/bad.jsonl:3', message: 'not JSON' },
      { path: 'feeds/bad.jsonl:3', message: 'not JSON' },
    ];
    const issues = JSON.parse(formatCheckCodeClimate(r)) as Issue[];
    expect(validateCodeQuality(issues)).toBe(true);
    expect(issues[0]!.location).toEqual({ path: 'feeds/export.jsonl', lines: { begin: 12 } });
    expect(issues[1]!.location).toEqual({ path: 'feeds/bad.jsonl', lines: { begin: 3 } });
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(3);
  });
});
