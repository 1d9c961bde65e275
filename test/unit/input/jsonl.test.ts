import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fixture, removeTempDirs, tempDir } from '../../helpers.js';
import { collect, type CrawlItem, type CrawlRecord, type CrawlStats } from '../../../src/input/records.js';
import { DEFAULT_JSONL_FIELDS, isJsonlName, JsonlFileError, jsonlLineItem, readJsonl, readJsonlBytes, readJsonlFile, readJsonlFileLines } from '../../../src/input/jsonl.js';

type Doc = { type: 'record' } & CrawlRecord;

// A JSON Lines record carries its payload as the field's text, never as bytes.
const text = (d: CrawlItem): string => (d.type === 'record' ? (d.body === undefined ? d.text : 'BYTES') : `ERROR ${d.message}`);

function summary(items: CrawlItem[]): Array<[string, string, string | null, string | null | undefined, string | null | undefined]> {
  return items.map((i) =>
    i.type === 'record' ? [i.id, i.kind, i.url, i.title, i.date] : [i.id, 'error', i.message, undefined, undefined],
  );
}

const PAGES = fixture('crawl', 'pages.jsonl');

describe('isJsonlName', () => {
  it('accepts .jsonl and .ndjson, gzipped or not, in any case', () => {
    for (const n of ['a.jsonl', 'a.JSONL.gz', 'b.ndjson', 'b.ndjson.GZ']) expect(isJsonlName(n), n).toBe(true);
    for (const n of ['a.json', 'a.jsonl.bz2', 'jsonl', 'a.gz', 'a.jsonlines']) expect(isJsonlName(n), n).toBe(false);
  });
});

describe('readJsonl', () => {
  it('reads fixtures/crawl/pages.jsonl: good, malformed and odd-field lines, each error naming its line', () => {
    const { items, stats } = collect(readJsonl(fs.readFileSync(PAGES, 'utf8'), 'pages.jsonl'));
    expect(summary(items)).toEqual([
      ['pages.jsonl:1', 'html', 'https://a.example/1', 'One', '2024-03-01'],
      ['pages.jsonl:2', 'text', 'https://b.example/2', null, '2024-03-02T10:00:00Z'], // date from `published`
      ['pages.jsonl:3', 'html', 'https://c.example/3', null, null], // HTML in a text field is sniffed
      ['pages.jsonl:4', 'error', expect.stringMatching(/^line 4: invalid JSON/), undefined, undefined],
      // line 5 is blank: not a record
      ['pages.jsonl:6', 'text', null, null, null], // URL only under meta.url; title 42 is not a string
      ['pages.jsonl:7', 'error', 'line 7: not a JSON object', undefined, undefined],
      // line 8 has no html or text: skipped
      ['pages.jsonl:9', 'html', 'https://g.example/7', null, '2024-03-07'], // raw_html + date_published, CRLF
      ['pages.jsonl:10', 'text', 'https://h.example/8', null, '2024-03-08'], // content_original
      ['pages.jsonl:11', 'text', 'https://i.example/9', null, null], // decoded by the caller (with U+FFFD)
    ]);
    expect(stats).toEqual({ records: 10, documents: 7, skipped: { 'no-content': 1 }, errors: 2 });
    expect(text(items[4]!)).toBe('Fifth page, paragraph one.\n\nParagraph two.'); // array joined
    expect(text(items[6]!)).toBe('<!doctype html><title>Seven</title><p>Seventh page.</p>'); // html wins over text
    expect(text(items[8]!)).toBe('Caf\ufffd latin-1');
    const docs = items.filter((i): i is Doc => i.type === 'record');
    expect(docs.every((d) => d.charset === 'utf-8' && d.offset === undefined)).toBe(true);
  });

  it('takes field options: one name, a dotted path or a list of candidates per field', () => {
    const { items } = collect(
      readJsonl(fs.readFileSync(PAGES, 'utf8'), 'p', { url: ['meta.url', 'url'], date: 'meta.published', title: [] }),
    );
    const docs = items.filter((i): i is Doc => i.type === 'record');
    expect(docs.map((d) => [d.id, d.url, d.date, d.title])).toEqual([
      ['p:1', 'https://a.example/1', null, null],
      ['p:2', 'https://b.example/2', null, null],
      ['p:3', 'https://c.example/3', null, null],
      ['p:6', 'https://e.example/5', '1709251200', null], // a numeric date is given as a string
      ['p:9', 'https://g.example/7', null, null],
      ['p:10', 'https://h.example/8', null, null],
      ['p:11', 'https://i.example/9', null, null],
    ]);
    // a field given replaces the defaults: lines 6 (content), 8 (nothing) and 10 (content_original)
    // have no content, and line 9's raw_html is not looked at, so its text field is read
    const only = collect(readJsonl(fs.readFileSync(PAGES, 'utf8'), 'p', { html: 'html', text: 'text' }));
    expect(only.stats.skipped['no-content']).toBe(3);
    expect(summary(only.items).find((r) => r[0] === 'p:9')?.slice(0, 2)).toEqual(['p:9', 'text']);
    expect(text(only.items.find((i) => i.id === 'p:9')!)).toBe('ignored: html wins');
  });

  it('handles empty input, a BOM, CRLF line ends and a last line without a newline', () => {
    expect(collect(readJsonl('', 'e')).stats).toEqual({ records: 0, documents: 0, skipped: {}, errors: 0 });
    const { items } = collect(readJsonl('\ufeff{"url":"u1","text":"a"}\r\n\r\n{"url":"u2","html":"<p>b</p>"}', 'x'));
    expect(summary(items)).toEqual([
      ['x:1', 'text', 'u1', null, null],
      ['x:3', 'html', 'u2', null, null],
    ]);
  });

  it('has defaults for the common exporters field names', () => {
    expect(DEFAULT_JSONL_FIELDS.url[0]).toBe('url');
    expect(DEFAULT_JSONL_FIELDS.html).toEqual(expect.arrayContaining(['html', 'raw_html']));
    expect(DEFAULT_JSONL_FIELDS.text).toEqual(expect.arrayContaining(['text', 'content', 'content_original', 'body']));
    expect(DEFAULT_JSONL_FIELDS.date).toEqual(expect.arrayContaining(['date', 'published', 'date_published']));
  });
});

describe('readJsonl: outlet and id fields', () => {
  const one = (line: object, fields?: Parameters<typeof readJsonl>[2]): Doc => collect(readJsonl(JSON.stringify(line), 'x', fields)).items[0] as Doc;

  it('takes the outlet from `outlet`, `source`, `site_name`, `publisher`, `domain`, and the id from `id`, `ID`, `_id`, `uuid`, `doc_id`', () => {
    expect(one({ text: 't', source: 'Harbour Wire', ID: '00FTGIZEd6B8zQ4U' })).toMatchObject({ outlet: 'Harbour Wire', recordId: '00FTGIZEd6B8zQ4U' });
    expect(one({ text: 't', site_name: 'The Coast Times', _id: 'a1' })).toMatchObject({ outlet: 'The Coast Times', recordId: 'a1' });
    expect(one({ text: 't', publisher: ' Bay Herald ', uuid: 'u-1' })).toMatchObject({ outlet: 'Bay Herald', recordId: 'u-1' });
    expect(one({ text: 't', domain: 'bayherald.co.uk', doc_id: 'd-7' })).toMatchObject({ outlet: 'bayherald.co.uk', recordId: 'd-7' });
    // `outlet` comes before `source`; a numeric id is written out
    expect(one({ text: 't', outlet: 'First', source: 'Second', id: 4417 })).toMatchObject({ outlet: 'First', recordId: '4417' });
    expect(one({ text: 't' })).toMatchObject({ outlet: null, recordId: null });
    expect(DEFAULT_JSONL_FIELDS.outlet).toEqual(['outlet', 'source', 'site_name', 'siteName', 'publisher', 'source_name', 'domain']);
    expect(DEFAULT_JSONL_FIELDS.id).toEqual(['id', 'ID', '_id', 'uuid', 'doc_id', 'article_id']);
  });

  it('reads an outlet object by its name (news APIs), and passes over one without a name or an id that is not a scalar', () => {
    expect(one({ text: 't', source: { id: 'coast-times', name: 'The Coast Times' } }).outlet).toBe('The Coast Times');
    expect(one({ text: 't', publisher: { '@type': 'Organization', title: 'Bay Herald' } }).outlet).toBe('Bay Herald');
    expect(one({ text: 't', source: { id: 'coast-times' }, domain: 'coasttimes.example' }).outlet).toBe('coasttimes.example');
    expect(one({ text: 't', source: ['a', 'b'] }).outlet).toBeNull();
    expect(one({ text: 't', id: { $oid: '65f0' }, _id: 'fallback' }).recordId).toBe('fallback');
    expect(one({ text: 't', id: true }).recordId).toBeNull();
  });

  it('takes field options for both: a dotted path replaces the defaults', () => {
    const line = { text: 't', source: 'Default', meta: { site: 'Configured', guid: 'g-9' }, id: 'default-id' };
    expect(one(line, { outlet: 'meta.site', id: 'meta.guid' })).toMatchObject({ outlet: 'Configured', recordId: 'g-9' });
    expect(one(line, { outlet: [], id: [] })).toMatchObject({ outlet: null, recordId: null });
  });

  it('reads fixtures/crawl/outlets.jsonl: a source string and object, two kinds of id, a line with neither', () => {
    const { items } = collect(readJsonl(fs.readFileSync(fixture('crawl', 'outlets.jsonl'), 'utf8'), 'outlets.jsonl'));
    expect(items.map((i) => (i.type === 'record' ? [i.id, i.outlet, i.recordId] : i.message))).toEqual([
      ['outlets.jsonl:1', 'Harbour Wire', 'wire-0317'],
      ['outlets.jsonl:2', 'The Coast Times', '4417'],
      ['outlets.jsonl:3', null, null],
      ['outlets.jsonl:4', 'Harbour Wire', 'wire-0402'],
    ]);
  });
});

describe('readJsonlBytes', () => {
  it('reads the bytes of pages.jsonl: a line that is not UTF-8 is an error item', () => {
    const { items, stats } = collect(readJsonlBytes(fs.readFileSync(PAGES), 'pages.jsonl', { maxBytes: 1 << 20 }));
    expect(items.at(-1)).toEqual({ type: 'error', id: 'pages.jsonl:11', message: 'line 11: invalid UTF-8' });
    expect(stats).toEqual({ records: 10, documents: 6, skipped: { 'no-content': 1 }, errors: 3 });
  });

  it('gunzips export.jsonl.gz (told by the magic bytes) and reads other exporters field names', () => {
    const gz = fs.readFileSync(fixture('crawl', 'export.jsonl.gz'));
    expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b]);
    const { items, stats } = collect(readJsonlBytes(gz, 'export.jsonl.gz', { maxBytes: 1 << 20 }));
    expect(summary(items)).toEqual([
      ['export.jsonl.gz:1', 'text', 'https://news.example/x1', 'X1', '2024-04-01 08:00:00'], // maintext, date_publish
      ['export.jsonl.gz:2', 'html', 'https://news.example/x2', 'X2', '2024-04-02'], // body holding HTML, datePublished
      ['export.jsonl.gz:3', 'text', 'https://news.example/x3', 'X3', null], // link, headline, article
      ['export.jsonl.gz:4', 'text', 'https://news.example/x4', 'X4', '2024-04-04'],
    ]);
    expect(stats).toEqual({ records: 4, documents: 4, skipped: {}, errors: 0 });
  });

  it('a truncated .jsonl.gz yields the whole lines before the cut and one error naming the first missing line', () => {
    const result = collect(readJsonlBytes(halfOfGzippedExport(40, 30), 't.jsonl.gz', { maxBytes: 1 << 20 }));
    expectCutAfterWholeLines(result, 't.jsonl.gz', 40);
  });

  it('bounds the gunzip by maxBytes: an error item, not a crash', () => {
    const gz = zlib.gzipSync(Buffer.from(`${JSON.stringify({ url: 'u', text: 'x'.repeat(5000) })}\n`));
    const { items, stats } = collect(readJsonlBytes(gz, 'big.jsonl.gz', { maxBytes: 1000 }));
    expect(items).toEqual([{ type: 'error', id: 'big.jsonl.gz:1', message: expect.stringContaining('1000-byte limit') as unknown as string }]);
    expect(stats.documents).toBe(0);
  });
});

describe('readJsonlFile (streamed)', () => {
  const gather = async (gen: AsyncGenerator<CrawlItem, CrawlStats, undefined>): Promise<{ items: CrawlItem[]; stats: CrawlStats }> => {
    const items: CrawlItem[] = [];
    for (;;) {
      const next = await gen.next();
      if (next.done) return { items, stats: next.value };
      items.push(next.value);
    }
  };
  const LIMIT = { maxLineBytes: 64 << 20 };
  afterAll(removeTempDirs);

  it('gives what readJsonlBytes gives on the fixtures, plain and gzipped (CRLF, blank and bad lines included)', async () => {
    for (const file of [PAGES, fixture('crawl', 'export.jsonl.gz')]) {
      const whole = collect(readJsonlBytes(fs.readFileSync(file), path.basename(file), { maxBytes: 1 << 20 }));
      const streamed = await gather(readJsonlFile(file, path.basename(file), LIMIT));
      expect(streamed.items.map(summary1)).toEqual(whole.items.map(summary1));
      expect(streamed.stats).toEqual(whole.stats);
    }
  });

  it('streams a generated 3 MiB export, lines cut across its 1 MiB reads, to what readJsonlBytes gives, plain and gzipped', async () => {
    // line lengths from a fixed pseudo-random sequence (1 byte to 200 KB), multi-byte UTF-8 text,
    // CRLF endings on some lines: many lines and some characters straddle the read boundaries
    let seed = 0x72657072;
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const lines: string[] = [];
    let size = 0;
    for (let i = 1; size < 3 << 20; i++) {
      const words = Math.floor(rand() ** 4 * 20_000) + 1;
      const line = JSON.stringify({ url: `https://gen.example/${i}`, title: `Article ${i}`, text: `Αρθρο ${i} — ${'naïve café '.repeat(words)}` });
      lines.push(i % 7 === 0 ? `${line}\r` : line);
      size += Buffer.byteLength(line) + 1;
    }
    const plain = Buffer.from(lines.join('\n') + '\n');
    const dir = tempDir();
    for (const [name, bytes] of [['gen.jsonl', plain], ['gen.jsonl.gz', zlib.gzipSync(plain)]] as const) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      const whole = collect(readJsonlBytes(bytes, name, { maxBytes: 64 << 20 }));
      const streamed = await gather(readJsonlFile(file, name, LIMIT));
      expect(whole.stats).toEqual<CrawlStats>({ records: lines.length, documents: lines.length, skipped: {}, errors: 0 });
      expect(streamed.stats).toEqual(whole.stats);
      expect(streamed.items.map(summary1)).toEqual(whole.items.map(summary1));
    }
  });

  it('a truncated .gz: the whole lines before the cut, then one error naming the first missing line', async () => {
    const file = path.join(tempDir(), 't.jsonl.gz');
    fs.writeFileSync(file, halfOfGzippedExport(400, 300));
    expectCutAfterWholeLines(await gather(readJsonlFile(file, 't.jsonl.gz', LIMIT)), 't.jsonl.gz', 400);
  });

  it('a line over the limit is one error item, never held; the lines after it are read', async () => {
    const file = path.join(tempDir(), 'long.jsonl');
    const line = (i: number, n: number): string => JSON.stringify({ url: `u${i}`, text: 'x'.repeat(n) });
    fs.writeFileSync(file, [line(1, 100), line(2, 5 << 20), line(3, 100)].join('\n'));
    const { items, stats } = await gather(readJsonlFile(file, 'long.jsonl', { maxLineBytes: 1 << 20 }));
    expect(summary(items)).toEqual([
      ['long.jsonl:1', 'text', 'u1', null, null],
      ['long.jsonl:2', 'error', `line 2: ${line(2, 5 << 20).length} bytes, over the 1048576-byte limit for one line`, undefined, undefined],
      ['long.jsonl:3', 'text', 'u3', null, null], // the last line has no newline
    ]);
    expect(stats).toEqual<CrawlStats>({ records: 3, documents: 2, skipped: {}, errors: 1 });
  });

  it('split on one thread and parsed line by line (as the workers of a scan parse them), the same items as the streamed reader', async () => {
    // fixtures with CRLF, blank, malformed and odd-field lines; a line over the limit; a cut .gz;
    // a line of invalid UTF-8 and blank lines a byte scan does not see as blank (no-break space)
    const dir = tempDir();
    const odd = path.join(dir, 'odd.jsonl');
    const good = (i: number): string => JSON.stringify({ url: `https://odd.example/${i}`, text: `Text ${i} with some words.`, source: { name: 'Odd' }, id: i });
    fs.writeFileSync(odd, Buffer.concat([Buffer.from(`\ufeff${good(1)}\n \u00a0 \n\n${good(2)}\r\n`), Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]), Buffer.from(`${'x'.repeat(3000)}\n${good(3)}`)]));
    const cut = path.join(dir, 'cut.jsonl.gz');
    fs.writeFileSync(cut, halfOfGzippedExport(400, 300));
    for (const file of [PAGES, fixture('crawl', 'export.jsonl.gz'), odd, cut]) {
      const opts = { maxLineBytes: 2048 };
      const streamed = await gather(readJsonlFile(file, path.basename(file), opts));
      const split: CrawlItem[] = [];
      for await (const line of readJsonlFileLines(file, path.basename(file), opts)) {
        if (line.type === 'error') {
          split.push({ type: 'error', id: line.id, message: line.message });
          continue;
        }
        const item = jsonlLineItem(Uint8Array.from(line.bytes), line.lineNo, line.id, undefined);
        if (item !== null) split.push(item);
      }
      expect(split.length, file).toBeGreaterThan(1);
      expect(split, file).toEqual(streamed.items);
    }
  });

  it('a file that cannot be opened throws JsonlFileError before any item', async () => {
    await expect(gather(readJsonlFile(path.join(tempDir(), 'none.jsonl'), 'none.jsonl', LIMIT))).rejects.toThrow(new JsonlFileError('cannot read file: ENOENT'));
    await expect(gather(readJsonlFile(tempDir(), 'dir.jsonl', LIMIT))).rejects.toThrow(new JsonlFileError('not a regular file'));
  });
});

function summary1(i: CrawlItem): unknown {
  return i.type === 'record' ? [i.id, i.kind, i.url, i.title, i.date, i.text ?? 'BYTES'] : [i.id, i.message];
}

/** The first half of a gzipped export of `lines` lines, each `repeat` words long. */
function halfOfGzippedExport(lines: number, repeat: number): Buffer {
  const plain = Buffer.from(
    Array.from({ length: lines }, (_, i) => JSON.stringify({ url: `https://t.example/${i + 1}`, text: `line ${i + 1} `.repeat(repeat) })).join('\n') + '\n',
  );
  const gz = zlib.gzipSync(plain);
  return gz.subarray(0, Math.floor(gz.length / 2));
}

/** Some whole lines in order, then one error naming the first line lost. */
function expectCutAfterWholeLines({ items, stats }: { items: CrawlItem[]; stats: CrawlStats }, name: string, lines: number): void {
  const docs = items.filter((i): i is Doc => i.type === 'record');
  expect(docs.length).toBeGreaterThan(0);
  expect(docs.length).toBeLessThan(lines);
  expect(docs.map((d) => d.url)).toEqual(docs.map((_, i) => `https://t.example/${i + 1}`));
  expect(items.at(-1)).toEqual({
    type: 'error',
    id: `${name}:${docs.length + 1}`,
    message: `gzip data ends unexpectedly (file truncated); lines from ${docs.length + 1} on are missing`,
  });
  expect(stats.errors).toBe(1);
}
