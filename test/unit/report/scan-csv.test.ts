/** `scan --format csv`: a row per member, RFC 4180 quoting, the earliest copy and each copy's lag. */
import { describe, expect, it } from 'vitest';
import { formatCsv } from '../../../src/report/scan/csv.js';
import { cluster, member, report } from './scan-report-builders.js';

/**
 * RFC 4180 read back (csv-parse is not installed): commas and LF end fields and records outside
 * quotes, a doubled quote inside quotes is one quote, everything else is kept as is.
 */
function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') (field += '"'), i++;
      else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') record.push(field), (field = '');
    else if (ch === '\n') record.push(field), records.push(record), (record = []), (field = '');
    else field += ch;
  }
  expect(quoted, 'unterminated quote').toBe(false);
  expect(field === '' && record.length === 0, 'last record ends in LF').toBe(true);
  return records;
}

const HEADER = [
  'cluster_id', 'cluster_size', 'path', 'url', 'outlet', 'title', 'dateline', 'published',
  'words', 'similarity', 'containment', 'earliest', 'lag_days',
];

describe('formatCsv', () => {
  it('quotes commas, quotes, line breaks, and keeps non-ASCII text as UTF-8', () => {
    const awkward = {
      outlet: 'Smith, Jones & Co',
      title: 'He said "no"\nthen left',
      dateline: 'Tuesday, Feb 03, 2026\r',
      url: 'https://example.com/a?x=1,2',
    };
    const arabic = { outlet: 'الأفق اليوم', title: 'Что случилось — 日本語 🙂' };
    const csv = formatCsv(
      report([
        cluster('abc123def456', [
          member('a,b/one.txt', { ...awkward, published: '2025-05-31' }),
          member('two.txt', { ...arabic, published: '2025-06-02' }),
        ]),
      ]),
    );
    const lines = csv.split('\n');
    expect(lines[0]).toBe(HEADER.join(','));
    expect(lines[1]).toBe(
      'abc123def456,2,"a,b/one.txt","https://example.com/a?x=1,2","Smith, Jones & Co","He said ""no""',
    );
    expect(csv).toContain(',"Tuesday, Feb 03, 2026\r",2025-05-31,300,1,1,yes,0\n');

    const [header, first, second, ...rest] = readCsv(csv);
    expect(header).toEqual(HEADER);
    expect(rest).toEqual([]);
    expect(first!.slice(2, 7)).toEqual(['a,b/one.txt', awkward.url, awkward.outlet, awkward.title, awkward.dateline]);
    expect(second!.slice(4, 6)).toEqual([arabic.outlet, arabic.title]);
    expect(second!.slice(11)).toEqual(['no', '2']);
    // Written as is, not as escapes: the CLI's stdout encodes it as UTF-8.
    expect(csv).toContain(',الأفق اليوم,Что случилось — 日本語 🙂,');
  });

  it('marks the earliest copy and measures each dated copy from it; empty where a date is missing', () => {
    const csv = formatCsv(
      report([
        cluster('c00000000001', [
          member('late.txt', { outlet: 'Arab Press', published: '2026-02-03', similarity: 0.9731, containment: 0.99 }),
          member('first.txt', { outlet: 'London Daily', published: '2025-05-31' }),
          member('bare.txt'),
        ]),
        cluster('c00000000002', [member('x.txt'), member('y.txt')]),
      ]),
    );
    const rows = readCsv(csv).slice(1);
    expect(rows.map((r) => [r[0], r[1], r[2], r[4], r[7], r[9], r[10], r[11], r[12]])).toEqual([
      ['c00000000001', '3', 'first.txt', 'London Daily', '2025-05-31', '1', '1', 'yes', '0'],
      ['c00000000001', '3', 'late.txt', 'Arab Press', '2026-02-03', '0.9731', '0.99', 'no', '248'],
      ['c00000000001', '3', 'bare.txt', '', '', '1', '1', 'no', ''],
      // No dated copy: no earliest, no lag.
      ['c00000000002', '2', 'x.txt', '', '', '1', '1', 'no', ''],
      ['c00000000002', '2', 'y.txt', '', '', '1', '1', 'no', ''],
    ]);
  });

  it('writes no row for an error, and only the header when nothing clustered', () => {
    const csv = formatCsv(report([], [{ path: 'bad/empty.txt', message: 'empty file' }]));
    expect(csv).toBe(HEADER.join(',') + '\n');
  });
});
