/**
 * Reporters of the check report: JSON/NDJSON against schema/check.schema.json, SARIF against the
 * SARIF 2.1.0 schema, JUnit through a real XML parser, GitHub workflow-command escaping, text.
 *
 * test/fixtures-schema/sarif-schema-2.1.0.json is the SARIF 2.1.0 JSON schema as Microsoft's
 * SARIF SDK ships it: the file `sarif-2.1.0.json` from the npm package
 * @microsoft/sarif-multitool-linux 5.7.0 (licence MIT, per its package.json; repository
 * github.com/microsoft/sarif-sdk), copied unchanged (sha256 1c49a0f2b604…ed798c). Its content is
 * the OASIS SARIF 2.1.0 schema; the SDK's copy declares JSON Schema 2020-12, so it is compiled
 * with Ajv2020 (its $refs are plain #/definitions/… pointers, which every draft reads alike).
 * It is shipped so this test runs offline.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers.js';
import type { CheckReport } from '../../../src/report/check/types.js';
import { formatCheckJson } from '../../../src/report/check/json.js';
import { formatCheckNdjson } from '../../../src/report/check/ndjson.js';
import { formatCheckText } from '../../../src/report/check/text.js';
import { pageLocation } from '../../../src/report/check/wording.js';
import { formatCheckSarif } from '../../../src/report/check/sarif.js';
import { formatCheckJunit } from '../../../src/report/check/junit.js';
import { escapeData, escapeProperty, formatCheckGithub } from '../../../src/report/check/github.js';
import { ANSI, PLAIN } from '../../../src/report/style.js';

// ajv-formats is CommonJS: its default export arrives as the module object or the function.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

const readJson = (...p: string[]): object => JSON.parse(readFileSync(path.join(ROOT, ...p), 'utf8')) as object;

const checkAjv = new Ajv2020({ allErrors: true, strict: false });
checkAjv.addSchema(readJson('schema', 'check.schema.json'));
const CHECK_ID = 'https://reprint.invalid/schema/check@1.json';
const validateCheck = checkAjv.getSchema(CHECK_ID)!;
const validateFinding = checkAjv.compile({ $ref: `${CHECK_ID}#/$defs/finding` });
const validateError = checkAjv.compile({ $ref: `${CHECK_ID}#/$defs/error` });
const validateSummaryLine = checkAjv.compile({ $ref: `${CHECK_ID}#/$defs/summaryLine` });

const sarifAjv = new Ajv2020({ allErrors: true, strict: false });
addFormats(sarifAjv);
const validateSarif = sarifAjv.compile(readJson('test', 'fixtures-schema', 'sarif-schema-2.1.0.json'));

const params = { scheme: 'reprint-minhash/1', seed: 1, numPerm: 128, shingleSize: 5, bands: 32, rows: 4, threshold: 0.8, containment: 0.9, minWords: 50, dom: 'linkedom', templates: true };

/** A failing check: a copy of an indexed page (a crawl record), two new pages copying each other, a read error. */
function failingReport(): CheckReport {
  return {
    schema: 'reprint/check@1',
    params,
    index: { location: 'reprint-index.sqlite', documents: 1200 },
    summary: {
      pages: 6,
      new: 5,
      unchanged: 1,
      copiesOfIndexed: 1,
      copiesAmongNew: 2,
      duplicates: 3,
      ratio: 0.6,
      errors: 1,
      failed: true,
      reasons: ['1 new page copies an indexed page'],
      update: null,
      elapsedMs: 1234,
    },
    findings: [
      {
        path: 'crawls/2024-03.warc.gz#1234',
        url: 'https://example.com/news/ports?id=1,2',
        outlet: 'Example Times',
        title: 'Ports <&"> reopen\u0001 after \u001b[31mstrike',
        dateline: 'March 2, 2024',
        published: '2024-03-02',
        words: 640,
        contentHash: '0123456789abcdef',
        indexed: [
          {
            locator: 'https://wire.example/story/ports',
            path: 'crawls/2024-02.warc.gz#99',
            url: 'https://wire.example/story/ports',
            outlet: 'Wire Service',
            title: 'Ports reopen after strike',
            dateline: null,
            published: '2024-03-01',
            label: 'feb',
            addedAt: '2024-02-03T10:00:00.000Z',
            similarity: 0.9688,
            containment: 1,
          },
          {
            locator: 'archive/ports-copy.html',
            path: 'archive/ports-copy.html',
            url: null,
            outlet: null,
            title: null,
            dateline: null,
            published: null,
            label: null,
            addedAt: '2024-02-04T08:30:00.000Z',
            similarity: 0.85,
            containment: 0.93,
          },
        ],
        new: [],
        earliest: 'https://wire.example/story/ports',
        indexedEarlier: true,
      },
      {
        path: 'pages/b 100%.html',
        url: null,
        outlet: 'Daily: News, Ltd',
        title: 'Second, with: colon\nand newline',
        dateline: null,
        published: null,
        words: 300,
        contentHash: 'fedcba9876543210',
        indexed: [],
        new: [{ path: 'pages/c.html', url: null, outlet: 'Courier', published: '2024-03-03', similarity: 0.91, containment: 0.95 }],
        earliest: null,
        indexedEarlier: false,
      },
      {
        path: 'pages/c.html',
        url: null,
        outlet: 'Courier',
        title: 'Third',
        dateline: null,
        published: '2024-03-03',
        words: 310,
        contentHash: 'fedcba9876543211',
        indexed: [],
        new: [{ path: 'pages/b 100%.html', url: null, outlet: 'Daily: News, Ltd', published: null, similarity: 0.91, containment: 0.95 }],
        earliest: null,
        indexedEarlier: false,
      },
    ],
    errors: [{ path: 'crawls/bad.warc.gz#5000', message: 'truncated record,\nmissing 20 bytes: 100%' }],
  };
}

/** A passing check with --update and nothing found. */
function cleanReport(): CheckReport {
  return {
    schema: 'reprint/check@1',
    params,
    index: { location: 'redis://localhost:6379/0', documents: 0 },
    summary: {
      pages: 3,
      new: 3,
      unchanged: 0,
      copiesOfIndexed: 0,
      copiesAmongNew: 0,
      duplicates: 0,
      ratio: 0,
      errors: 0,
      failed: false,
      reasons: [],
      update: { added: 3, replaced: 0, unchanged: 0 },
      elapsedMs: 20,
    },
    findings: [],
    errors: [],
  };
}

/** A JSON Lines record and a page outside the working directory (absolute display path). */
function oddPathsReport(): CheckReport {
  const r = failingReport();
  r.summary = { ...r.summary, copiesOfIndexed: 2, copiesAmongNew: 0, duplicates: 2, ratio: 0.4, errors: 0 };
  r.errors = [];
  const base = r.findings[0]!;
  r.findings = [
    { ...base, path: '/srv/outside/story.html', url: null, earliest: base.indexed[0]!.locator },
    { ...base, path: 'feeds/export.jsonl:12', url: 'https://example.org/x', contentHash: '00000000000000aa' },
  ];
  return r;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } };
    logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[];
  }[];
  partialFingerprints: Record<string, string>;
  properties: { similarity: number; containment: number; earliest: string | null; indexedEarlier: boolean };
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri?: string; rules: { id: string; defaultConfiguration: { level: string } }[] } };
    invocations?: { executionSuccessful: boolean; toolExecutionNotifications?: { message: { text: string }; locations: SarifResult['locations'] }[] }[];
    results: SarifResult[];
  }[];
}

const sarifOf = (r: CheckReport, uri?: string): SarifLog =>
  JSON.parse(formatCheckSarif(r, { toolVersion: '0.1.0', ...(uri !== undefined ? { informationUri: uri } : {}) })) as SarifLog;

describe('check SARIF', () => {
  it('validates against the SARIF 2.1.0 schema, for every report', () => {
    for (const r of [failingReport(), cleanReport(), oddPathsReport()]) {
      const log = sarifOf(r, 'https://example.invalid/reprint');
      expect(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
    }
    // And the validator is not vacuous.
    const bad = sarifOf(failingReport()) as unknown as { runs: { results: { level: string }[] }[] };
    bad.runs[0]!.results[0]!.level = 'fatal';
    expect(validateSarif(bad)).toBe(false);
  });

  it('has one run of reprint with both rules under stable ids', () => {
    const log = sarifOf(failingReport());
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0]!.tool.driver;
    expect(driver.name).toBe('reprint');
    expect(driver.version).toBe('0.1.0');
    expect(driver.rules.map((r) => [r.id, r.defaultConfiguration.level])).toEqual([
      ['reprint/copies-indexed-page', 'error'],
      ['reprint/copies-new-page', 'warning'],
    ]);
    expect(sarifOf(failingReport(), 'https://example.invalid/reprint').runs[0]!.tool.driver.informationUri).toBe('https://example.invalid/reprint');
  });

  it('gives one result per finding, with rule, level and the copies in the message', () => {
    const run = sarifOf(failingReport()).runs[0]!;
    expect(run.results.map((r) => [r.ruleId, r.level])).toEqual([
      ['reprint/copies-indexed-page', 'error'],
      ['reprint/copies-new-page', 'warning'],
      ['reprint/copies-new-page', 'warning'],
    ]);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    const first = run.results[0]!;
    expect(first.message.text).toContain('Wire Service');
    expect(first.message.text).toContain('https://wire.example/story/ports');
    expect(first.message.text).toContain('similarity 0.97');
    expect(first.message.text).toContain('offset 1234');
    expect(first.message.text).toContain('https://example.com/news/ports?id=1,2');
    expect(first.properties).toMatchObject({ similarity: 0.9688, containment: 1, earliest: 'https://wire.example/story/ports', indexedEarlier: true });
    expect(run.results[1]!.message.text).toContain('pages/c.html');
  });

  it('locates pages by relative file URIs without the record part', () => {
    const run = sarifOf(failingReport()).runs[0]!;
    const locs = run.results.map((r) => r.locations[0]!);
    expect(locs.map((l) => l.physicalLocation.artifactLocation)).toEqual([
      { uri: 'crawls/2024-03.warc.gz', uriBaseId: '%SRCROOT%' },
      { uri: 'pages/b%20100%25.html', uriBaseId: '%SRCROOT%' },
      { uri: 'pages/c.html', uriBaseId: '%SRCROOT%' },
    ]);
    for (const l of locs) {
      expect(l.physicalLocation.artifactLocation.uri).not.toMatch(/#|^\//);
      expect(l.physicalLocation.region.startLine).toBe(1);
    }
    expect(locs[0]!.logicalLocations).toEqual([{ name: 'https://example.com/news/ports?id=1,2', fullyQualifiedName: 'crawls/2024-03.warc.gz#1234', kind: 'resource' }]);

    const odd = sarifOf(oddPathsReport()).runs[0]!.results.map((r) => r.locations[0]!.physicalLocation);
    expect(odd[0]!.artifactLocation).toEqual({ uri: 'file:///srv/outside/story.html' });
    expect(odd[1]!.artifactLocation).toEqual({ uri: 'feeds/export.jsonl', uriBaseId: '%SRCROOT%' });
    expect(odd[1]!.region.startLine).toBe(12);
  });

  it('reports read errors as tool notifications of a successful invocation', () => {
    const inv = sarifOf(failingReport()).runs[0]!.invocations!;
    expect(inv).toHaveLength(1);
    expect(inv[0]!.executionSuccessful).toBe(true);
    const n = inv[0]!.toolExecutionNotifications!;
    expect(n).toHaveLength(1);
    expect(n[0]!.message.text).toContain('truncated record');
    expect(n[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('crawls/bad.warc.gz');
    expect(sarifOf(cleanReport()).runs[0]!.invocations![0]!.toolExecutionNotifications).toBeUndefined();
  });

  it('is deterministic, with partial fingerprints stable across runs and distinct across findings', () => {
    const a = formatCheckSarif(failingReport(), { toolVersion: '0.1.0' });
    expect(formatCheckSarif(failingReport(), { toolVersion: '0.1.0' })).toBe(a);
    expect(a).not.toContain('elapsedMs');
    // A later run that differs only in timing and in the order the copies come in.
    const later = failingReport();
    later.summary.elapsedMs = 99999;
    later.findings[0]!.indexed.reverse();
    const fp = (log: SarifLog): string[] => log.runs[0]!.results.map((r) => r.partialFingerprints['reprintCopy/v1']!);
    const first = fp(JSON.parse(a) as SarifLog);
    expect(fp(sarifOf(later))).toEqual(first);
    for (const f of first) expect(f).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(first).size).toBe(first.length);
    // What the page copies is part of its identity.
    const other = failingReport();
    other.findings[0]!.indexed.pop();
    expect(fp(sarifOf(other))[0]).not.toBe(first[0]);
  });
});

describe('check JUnit', () => {
  const parse = (xml: string): Document => {
    const doc = new new JSDOM('').window.DOMParser().parseFromString(xml, 'application/xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    return doc;
  };

  it('is well-formed XML with a failing case per finding, one for clean pages, and errors', () => {
    const xml = formatCheckJunit(failingReport());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    expect(xml.endsWith('</testsuites>\n')).toBe(true);
    const doc = parse(xml);
    const suites = doc.getElementsByTagName('testsuite');
    expect(suites).toHaveLength(1);
    const suite = suites[0]!;
    expect(suite.getAttribute('name')).toBe('reprint check');
    const cases = [...suite.getElementsByTagName('testcase')];
    // 3 findings + "without copies" (5 new - 3 findings) + 1 error.
    expect(cases).toHaveLength(5);
    expect(suite.getAttribute('tests')).toBe('5');
    expect(suite.getAttribute('failures')).toBe('3');
    expect(suite.getAttribute('errors')).toBe('1');
    expect(doc.documentElement.getAttribute('tests')).toBe('5');

    const failures = [...suite.getElementsByTagName('failure')];
    expect(failures.map((f) => f.getAttribute('type'))).toEqual([
      'reprint/copies-indexed-page',
      'reprint/copies-new-page',
      'reprint/copies-new-page',
    ]);
    expect(cases[0]!.getAttribute('classname')).toBe('Example Times');
    expect(cases[0]!.getAttribute('name')).toBe('crawls/2024-03.warc.gz#1234');
    expect(cases[1]!.getAttribute('name')).toBe('pages/b 100%.html');
    expect(cases[3]!.getAttribute('name')).toBe('new pages without copies (2)');
    expect(cases[3]!.children).toHaveLength(0);
    const props = Object.fromEntries([...suite.getElementsByTagName('property')].map((p) => [p.getAttribute('name'), p.getAttribute('value')]));
    expect(props).toMatchObject({ verdict: 'FAIL', reason: '1 new page copies an indexed page', index: 'reprint-index.sqlite' });
    const err = suite.getElementsByTagName('error');
    expect(err).toHaveLength(1);
    expect(err[0]!.getAttribute('message')).toBe('truncated record,\nmissing 20 bytes: 100%');
    expect(err[0]!.parentElement!.getAttribute('name')).toBe('crawls/bad.warc.gz#5000');
  });

  it('escapes markup and drops characters XML 1.0 forbids', () => {
    const r = failingReport();
    r.findings[0]!.path = 'crawls/<&"\'>\u0000\ud800.warc.gz#1';
    r.findings[0]!.outlet = 'A & B "quoted" <outlet>';
    const xml = formatCheckJunit(r);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(xml).toContain('name="crawls/&lt;&amp;&quot;&apos;&gt;.warc.gz#1"');
    const doc = parse(xml);
    const c = doc.getElementsByTagName('testcase')[0]!;
    expect(c.getAttribute('classname')).toBe('A & B "quoted" <outlet>');
    expect(c.getAttribute('name')).toBe('crawls/<&"\'>.warc.gz#1');
  });

  it('passes a clean check', () => {
    const doc = parse(formatCheckJunit(cleanReport()));
    const suite = doc.getElementsByTagName('testsuite')[0]!;
    expect([suite.getAttribute('tests'), suite.getAttribute('failures'), suite.getAttribute('errors')]).toEqual(['1', '0', '0']);
    expect([...suite.getElementsByTagName('testcase')].map((c) => c.getAttribute('name'))).toEqual(['new pages without copies (3)']);
  });
});

describe('check GitHub workflow commands', () => {
  const unescape = (s: string): string => s.replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');

  it('escapes data and properties as @actions/core does', () => {
    expect(escapeData('100%\r\nnext: a,b')).toBe('100%25%0D%0Anext: a,b');
    expect(escapeProperty('100%\r\nnext: a,b')).toBe('100%25%0D%0Anext%3A a%2Cb');
  });

  it('annotates each finding and error on one line, then a notice', () => {
    const out = formatCheckGithub(failingReport(), { stepSummary: false });
    expect(out.endsWith('\n')).toBe(true);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines.map((l) => /^::(\w+) /.exec(l)?.[1])).toEqual(['error', 'warning', 'warning', 'warning', 'notice']);
    for (const l of lines) expect(l).not.toMatch(/[\r\u0000-\u001f]/);

    expect(lines[0]!.startsWith('::error file=crawls/2024-03.warc.gz,line=1,title=reprint%3A copies an indexed page (Ports <&"> reopen  after  [31mstrike)::')).toBe(true);
    const [, props, message] = /^::\w+ (.*?)::(.*)$/.exec(lines[1]!)!;
    // Property values never hold a raw , or : (they would end the value).
    const values = props!.split(',').map((kv) => kv.split('=') as [string, string]);
    expect(values.map(([k]) => k)).toEqual(['file', 'line', 'title']);
    for (const [, v] of values) expect(v).not.toMatch(/[,:]/);
    expect(unescape(values[0]![1])).toBe('pages/b 100%.html');
    expect(values[0]![1]).toBe('pages/b 100%25.html');
    expect(unescape(values[2]![1])).toBe('reprint: copies a new page (Second, with: colon and newline)');
    expect(unescape(message!)).toContain('\n- new: Courier, pages/c.html: similarity 0.91');

    const error = lines[3]!;
    expect(error.startsWith('::warning file=crawls/bad.warc.gz,line=1,title=reprint%3A unreadable page::')).toBe(true);
    expect(error.endsWith('::crawls/bad.warc.gz#5000: truncated record,%0Amissing 20 bytes: 100%25')).toBe(true);

    expect(lines[4]!).toMatch(/^::notice title=reprint check::6 pages .*FAIL: 1 new page copies an indexed page$/);
    expect(formatCheckGithub(cleanReport(), { stepSummary: false }).trimEnd().split('\n')).toEqual([expect.stringMatching(/^::notice title=reprint check::.*PASS$/)]);
  });

  it('points a JSON Lines record at its line', () => {
    expect(formatCheckGithub(oddPathsReport(), { stepSummary: false }).split('\n')[1]).toMatch(/^::error file=feeds\/export.jsonl,line=12,/);
  });
});

describe('check JSON and NDJSON', () => {
  it('JSON validates against schema/check.schema.json and round-trips', () => {
    for (const r of [failingReport(), cleanReport(), oddPathsReport()]) {
      const out = formatCheckJson(r);
      expect(out.endsWith('}\n')).toBe(true);
      expect(out).toContain('\n  "schema": "reprint/check@1"');
      const parsed = JSON.parse(out) as unknown;
      expect(validateCheck(parsed), JSON.stringify(validateCheck.errors, null, 2)).toBe(true);
      expect(parsed).toEqual(r);
    }
  });

  it('the schema rejects what the contract does not allow', () => {
    const extra = { ...failingReport(), extra: 1 };
    expect(validateCheck(extra)).toBe(false);
    const r = failingReport() as unknown as { summary: Record<string, unknown>; findings: Record<string, unknown>[] };
    r.summary.type = 'summary';
    expect(validateCheck(r)).toBe(false);
    const h = failingReport();
    h.findings[0]!.contentHash = 'XYZ';
    expect(validateCheck(h)).toBe(false);
  });

  it('NDJSON has a line per finding, per error, and the summary last', () => {
    const r = failingReport();
    const out = formatCheckNdjson(r);
    expect(out.endsWith('\n')).toBe(true);
    const lines = out.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.type)).toEqual(['finding', 'finding', 'finding', 'error', 'summary']);
    for (const l of lines.slice(0, 3)) expect(validateFinding(l), JSON.stringify(validateFinding.errors)).toBe(true);
    expect(validateError(lines[3])).toBe(true);
    const last = lines.at(-1)!;
    expect(validateSummaryLine(last), JSON.stringify(validateSummaryLine.errors)).toBe(true);
    expect(last).toMatchObject({ type: 'summary', schema: 'reprint/check@1', params, index: r.index, ...r.summary });
    expect(lines[0]).toMatchObject({ path: 'crawls/2024-03.warc.gz#1234' });
    expect(formatCheckNdjson(cleanReport()).trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('check text', () => {
  it('shows each page with its copies, the earliest marked, and the verdict', () => {
    const out = formatCheckText(failingReport(), PLAIN);
    expect(out).not.toMatch(/\u001b/);
    expect(out.endsWith('\n')).toBe(true);
    const lines = out.split('\n');
    const head = lines.findIndex((l) => l.startsWith('crawls/2024-03.warc.gz#1234'));
    expect(head).toBeGreaterThanOrEqual(0);
    expect(lines[head]).toContain('copies indexed page');
    expect(lines[head + 1]).toMatch(/^\s+copy\s+published\s+outlet\s+label\s+jaccard\s+contain\s+path\s+url$/);
    expect(lines[head + 2]).toMatch(/^\s+this\s+2024-03-02\s+Example Times/);
    expect(lines[head + 3]).toMatch(/^\s+\*\s+index\s+2024-03-01\s+Wire Service\s+feb\s+0\.97\s+1\.00\s+crawls\/2024-02\.warc\.gz#99\s+https:\/\/wire\.example\/story\/ports$/);
    expect(lines[head + 4]).toMatch(/^\s+index\s+-\s+-\s+-\s+0\.85\s+0\.93\s+archive\/ports-copy\.html/);
    expect(out).toMatch(/\n\s+new\s+2024-03-03\s+Courier\s+-\s+0\.91\s+0\.95\s+pages\/c\.html/);
    expect(out).toContain('crawls/bad.warc.gz#5000: truncated record, missing 20 bytes: 100%');
    const last = lines.at(-2)!;
    expect(last).toContain('6 pages (5 new, 1 unchanged)');
    expect(last).toContain('(60.0%)');
    expect(last).toMatch(/FAIL: 1 new page copies an indexed page$/);
    expect(formatCheckText(cleanReport(), PLAIN)).toMatch(/3 pages \(3 new, 0 unchanged\).*PASS\n$/);
    expect(formatCheckText(cleanReport(), PLAIN)).toContain('updated: 3 added, 0 replaced, 0 unchanged');
  });

  it('styles with ANSI only when asked', () => {
    const out = formatCheckText(failingReport(), ANSI);
    expect(out).toContain('\u001b[1m');
    // The page's own escape sequence is not passed through.
    expect(out).not.toContain('\u001b[31m');
  });
});

describe('page locations', () => {
  it('splits crawl records and JSON Lines records off the file', () => {
    expect(pageLocation('crawls/a.warc.gz#1234')).toEqual({ file: 'crawls/a.warc.gz', line: 1, record: '1234' });
    expect(pageLocation('crawls/a.warc.gz#1234+56')).toEqual({ file: 'crawls/a.warc.gz', line: 1, record: '1234+56' });
    expect(pageLocation('feeds/a.jsonl.gz:7')).toEqual({ file: 'feeds/a.jsonl.gz', line: 7, record: null });
    expect(pageLocation('notes/odd:7')).toEqual({ file: 'notes/odd:7', line: 1, record: null });
    expect(pageLocation('pages/a#b.html')).toEqual({ file: 'pages/a#b.html', line: 1, record: null });
  });
});
