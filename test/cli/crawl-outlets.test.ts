/**
 * fixtures/crawl/outlets.jsonl through `reprint scan`, `extract` and `check`, in-process: outlets
 * from a `source` field and from URLs, ids kept, a credit found, each copy's lag and headline.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/report/check/types.js';
import type { ExtractReport } from '../../src/report/extract/types.js';
import type { ScanReport } from '../../src/report/scan/types.js';
import { removeTempDirs, ROOT, tempDir } from '../helpers.js';
import { json, runMain } from './run.js';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const schema = (name: string) => ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'schema', name), 'utf8')));
const validScan = schema('scan.schema.json');
const validCheck = schema('check.schema.json');

const OUTLETS = 'fixtures/crawl/outlets.jsonl';

afterAll(removeTempDirs);

describe('scan of a JSON Lines export with outlet and id fields', () => {
  let report: ScanReport;
  beforeAll(async () => {
    const r = await runMain(['scan', OUTLETS]);
    expect(r.code, r.stderr).toBe(0);
    report = json<ScanReport>(r);
  });

  it('gives a valid report: one cluster of the three copies, the unrelated story left out', () => {
    expect(validScan(report), JSON.stringify(validScan.errors)).toBe(true);
    expect(report.summary).toMatchObject({ documents: 4, clusters: 1, duplicates: 2, errors: 0 });
    expect(report.clusters[0]).toMatchObject({ size: 3, earliest: `${OUTLETS}:1`, dateSpanDays: 3 });
  });

  it("names each member's outlet: the source field (a string, an object's name), else the URL's registrable domain; keeps ids", () => {
    expect(report.clusters[0]!.members).toEqual([
      expect.objectContaining({ path: `${OUTLETS}:1`, id: 'wire-0317', outlet: 'Harbour Wire', lagDays: 0, credit: null, headlineChanged: false }),
      expect.objectContaining({ path: `${OUTLETS}:3`, outlet: 'bayherald.co.uk', lagDays: 2, credit: 'Harbour Wire', headlineChanged: false }),
      expect.objectContaining({ path: `${OUTLETS}:2`, id: '4417', outlet: 'The Coast Times', lagDays: 3, credit: 'Harbour Wire', headlineChanged: true }),
    ]);
    // the line without an id has no id field
    expect(Object.hasOwn(report.clusters[0]!.members[1]!, 'id')).toBe(false);
  });

  it('ndjson carries the same members', async () => {
    const r = await runMain(['scan', OUTLETS, '--format', 'ndjson']);
    const cluster = JSON.parse(r.stdout.split('\n')[0]!);
    expect(cluster.members).toEqual(report.clusters[0]!.members);
  });

  it('--jsonl-fields maps the outlet and id to other fields', async () => {
    const r = await runMain(['scan', OUTLETS, '--jsonl-fields', 'outlet=url,id=title']);
    expect(r.code, r.stderr).toBe(0);
    const members = json<ScanReport>(r).clusters[0]!.members;
    expect(members.map((m) => [m.outlet, m.id])).toEqual([
      ['https://www.harbourwire.example/2026/03/02/ferry-resumes', 'Ferry service to the islands resumes after storm repairs'],
      ['https://www.bayherald.co.uk/news/2026/ferry', 'Ferry service to the islands resumes after storm repairs!'],
      ['https://news.coasttimes.example/local/ferry-returns', 'Island ferry back in service'],
    ]);
    const bad = await runMain(['scan', OUTLETS, '--jsonl-fields', 'publisher=source']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('url|html|text|title|date|outlet|id=name');
  });
});

describe('extract and check of the same export', () => {
  it('extract shows the id, the outlet and the credit of each page, and the credit line is not in the text', async () => {
    const report = json<ExtractReport>(await runMain(['extract', OUTLETS]));
    expect(report.pages.map((p) => [p.path, p.id, p.outlet, p.credit])).toEqual([
      [`${OUTLETS}:1`, 'wire-0317', 'Harbour Wire', null],
      [`${OUTLETS}:2`, '4417', 'The Coast Times', 'Harbour Wire'],
      [`${OUTLETS}:3`, undefined, 'bayherald.co.uk', 'Harbour Wire'],
      [`${OUTLETS}:4`, 'wire-0402', 'Harbour Wire', null],
    ]);
    expect(report.pages.some((p) => /Republished|Source:/.test(p.text))).toBe(false);
    const text = await runMain(['extract', OUTLETS, '--format', 'text']);
    expect(text.stdout).toMatch(/^== fixtures\/crawl\/outlets\.jsonl:2\nid +4417\nurl +https:\/\/news\.coasttimes\.example\/local\/ferry-returns\n/m);
    expect(text.stdout).toMatch(/^credit +Harbour Wire$/m);
  });

  it('check findings and their new copies keep the ids', async () => {
    const db = path.join(tempDir('reprint-outlets-'), 'index.db');
    expect((await runMain(['index', 'add', 'fixtures/kazakhstan/kazakh-president-kill-order.txt', '--index', db])).code).toBe(0);
    const r = await runMain(['check', OUTLETS, '--index', db]);
    const report = json<CheckReport>(r);
    expect(validCheck(report), JSON.stringify(validCheck.errors)).toBe(true);
    const first = report.findings.find((f) => f.path === `${OUTLETS}:1`)!;
    expect(first.id).toBe('wire-0317');
    expect(first.new.map((c) => [c.path, c.id])).toEqual([
      [`${OUTLETS}:2`, '4417'],
      [`${OUTLETS}:3`, undefined],
    ]);
  });
});
