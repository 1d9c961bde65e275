import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fixture } from '../../helpers.js';
import { collect, type CrawlItem, type CrawlRecord, type CrawlStats } from '../../../src/input/records.js';
import { sniffHtml } from '../../../src/input/sniff.js';
import { dechunk } from '../../../src/input/warc/http.js';
import { extractMime } from '../../../src/input/warc/payload.js';
import { isWarcName, readWarc } from '../../../src/input/warc/read.js';

// Real captures from four WARC libraries' test data, copied into fixtures/warc (fixtures/README.md).
// The whole corpus they come from is checked by `npm run eval` (scripts/eval.mjs, warc-files and warc-scan).
const CORPUS = fixture('warc');
const MAX = 16 << 20;

// A WARC/ARC record carries its payload as bytes (JSON Lines records carry text).
type Doc = { type: 'record' } & CrawlRecord & { body: Uint8Array };
type Err = { type: 'error'; id: string; message: string };

function read(data: Uint8Array, name: string, maxBytes = MAX): { items: CrawlItem[]; stats: CrawlStats; docs: Doc[]; errors: Err[] } {
  const { items, stats } = collect(readWarc(data, name, { maxBytes }));
  return {
    items,
    stats,
    docs: items.filter((i): i is Doc => i.type === 'record' && i.body instanceof Uint8Array),
    errors: items.filter((i): i is Err => i.type === 'error'),
  };
}

const corpusFile = (rel: string): Buffer => fs.readFileSync(path.join(CORPUS, rel));

// UKWA's small capture, stored as .warc.gz and .arc.gz. The corpus's uncompressed .warc is the
// .warc.gz decompressed, byte for byte, so the tests make it that way instead of storing it.
const IAH = 'ukwa/IAH-20080430204825-00000-blackbook-truncated.warc.gz';
const IAH_ARC = 'ukwa/IAH-20080430204825-00000-blackbook-truncated.arc.gz';
// members (compressed offsets, from a member-by-member walk with Python's zlib): ... 1392 request,
// 1776 metadata, 2052 response http://www.archive.org/, ... 3380 response .../index.php, 9499 ...

/**
 * What each capture holds, in one table for the fixtures and the whole corpus (fixtures/warc/
 * expected.json; `npm run eval` reads it too): keyed by the corpus path, with the fixture path where
 * it differs. The counts were checked apart from the reader: a separate Python script (whole-file
 * decompression with Python's zlib, records walked by Content-Length, types and HTTP
 * status/Content-Type by regex) and `grep -c` of `WARC-Type:` / `HTTP/1.1 <status>` /
 * `Content-Type:` lines in the decompressed files. Where the two differ the reader is stricter on
 * purpose: example-trunc.warc's response record is 2 bytes short of its Content-Length (an error
 * here; the Python walk, which does not check record ends, called it a page).
 */
type Expected = { stats: CrawlStats; urls: string[]; fixture?: string };
const TABLE = JSON.parse(fs.readFileSync(path.join(CORPUS, 'expected.json'), 'utf8')) as Record<string, Expected>;
/** The table's entries for the files in fixtures/warc, by fixture path. */
const EXPECTED: Record<string, Expected> = Object.fromEntries(
  Object.entries(TABLE)
    .map(([rel, want]) => [want.fixture ?? rel, want] as const)
    .filter(([rel]) => fs.existsSync(path.join(CORPUS, rel))),
);

/**
 * The bytes a record id points at, re-read from the file as stored: for a gzip file the member at
 * the offset must start with the gzip magic; it is decompressed on its own (with the members after
 * it) and `+<skip>` bytes and the line breaks before the record are dropped.
 */
function bytesAt(file: Buffer, id: string): Buffer {
  const m = /#(\d+)(?:\+(\d+))?$/.exec(id);
  expect(m, id).not.toBeNull();
  const offset = Number(m![1]);
  const skip = Number(m![2] ?? 0);
  if (file[0] !== 0x1f) {
    expect(skip).toBe(0);
    return file.subarray(offset);
  }
  expect([file[offset], file[offset + 1]], `${id}: gzip magic at the offset`).toEqual([0x1f, 0x8b]);
  const out = zlib.gunzipSync(file.subarray(offset), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  let p = skip;
  while (out[p] === 0x0d || out[p] === 0x0a) p++;
  return out.subarray(p);
}

function expectRecordStart(file: Buffer, doc: Doc): void {
  const head = bytesAt(file, doc.id).subarray(0, 4096).toString('latin1');
  if (head.startsWith('WARC/')) {
    const header = head.slice(0, head.indexOf('\r\n\r\n'));
    const uri = /^WARC-Target-URI:\s*<?(.*?)>?\s*$/im.exec(header)?.[1];
    expect(uri, doc.id).toBe(doc.url);
  } else {
    // ARC: the header line starts with the URL
    expect(head.startsWith(`${doc.url} `), `${doc.id}: ${head.slice(0, 80)}`).toBe(true);
  }
}

describe('isWarcName', () => {
  it('accepts .warc, .warc.gz, .arc, .arc.gz in any case, and nothing else', () => {
    for (const n of ['a.warc', 'a.WARC.GZ', 'dir/x.arc', 'x.Arc.gz', 'CC-MAIN-2024.warc.gz']) expect(isWarcName(n), n).toBe(true);
    for (const n of ['a.war', 'a.warc.bz2', 'warc', 'a.html', 'a.gz', 'a.warc.gz.bad', 'search.arcs', 'x.parc']) {
      expect(isWarcName(n), n).toBe(false);
    }
  });
});

describe('readWarc on real WARC/ARC captures (fixtures/warc)', () => {
  it('has every fixture file in the table', () => {
    const files = (fs.readdirSync(CORPUS, { recursive: true }) as string[])
      .map((f) => f.split(path.sep).join('/'))
      .filter((f) => fs.statSync(path.join(CORPUS, f)).isFile() && !/(^|\/)(LICENSE|expected\.json)$/.test(f))
      .sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [rel, want] of Object.entries(EXPECTED)) {
    it(`${rel}: ${want.stats.documents} documents, skipped ${JSON.stringify(want.stats.skipped)}, ${want.stats.errors} errors`, () => {
      const file = corpusFile(rel);
      const { items, stats, docs, errors } = read(file, rel);
      expect(stats).toEqual(want.stats);
      expect(docs.length).toBe(stats.documents);
      expect(errors.length).toBe(stats.errors);
      if (want.urls.length > 0) expect(docs.map((d) => d.url)).toEqual(want.urls);
      const ids = items.map((i) => i.id);
      for (const d of docs) {
        expect(d.kind).toBe('html');
        expect(d.id).toBe(`${rel}#${/#(.*)$/.exec(d.id)![1]}`);
        expect(d.offset).toBe(Number(/#(\d+)/.exec(d.id)![1]));
        expect(d.body.length).toBeGreaterThan(0);
        expect(sniffHtml(d.body) || /<html|<body|<title/i.test(Buffer.from(d.body).toString('latin1'))).toBe(true);
        expectRecordStart(file, d);
      }
      // items come in file order, each id once
      expect(new Set(ids).size).toBe(ids.length);
      const offsets = items.map((i) => Number(/#(\d+)/.exec(i.id)![1]));
      expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);
    });
  }

  it('the uncompressed WARC (the .warc.gz decompressed) reads as the .warc.gz, at uncompressed offsets', () => {
    const file = zlib.gunzipSync(corpusFile(IAH));
    const { stats, docs } = read(file, 'plain');
    expect(stats).toEqual(EXPECTED[IAH]!.stats);
    expect(docs.map((d) => d.url)).toEqual(EXPECTED[IAH]!.urls);
    expect(docs[0]!.id).toBe('plain#3109');
    for (const d of docs) expectRecordStart(file, d);
  });

  it('decodes gzip content, de-chunks, reads charsets and dates (Common Crawl sample, iana chunked, ClueWeb quirk)', () => {
    const cc = read(corpusFile('jwarc/cc.warc.gz'), 'cc').docs[0]!;
    // Common Crawl keeps the payload decoded and renames the headers X-Crawler-*: nothing to undo
    expect(cc.charset).toBe('utf-8');
    expect(cc.date).toBe('2019-12-10T10:00:01Z');
    expect(cc.body.length).toBe(20289);
    expect(Buffer.from(cc.body).toString('utf8')).toContain('<title>Common Crawl</title>');

    const iana = read(corpusFile('warcio/example-iana.org-chunked.warc'), 'iana').docs[0]!;
    const ianaText = Buffer.from(iana.body).toString('utf8');
    expect(ianaText.startsWith('<!doctype html>')).toBe(true);
    expect(ianaText.trimEnd().endsWith('</html>')).toBe(true);
    expect(ianaText).not.toMatch(/^[0-9a-f]+\r$/m); // no chunk-size lines left

    // Content-Encoding: gzip over a plain 1270-byte page (the HTTP Content-Length is 606)
    const ex = read(corpusFile('warcio/example.warc'), 'ex').docs[0]!;
    expect(ex.body.length).toBe(1270);
    expect(Buffer.from(ex.body).toString('utf8')).toContain('<title>Example Domain</title>');

    // ClueWeb09 says Content-Encoding: gzip but stores the page decoded; EUC-JP from the header
    const cw = read(corpusFile('resiliparse/clueweb-quirk-head.warc.gz'), 'cw').docs;
    expect(cw).toHaveLength(3);
    expect(cw.every((d) => d.charset === 'euc-jp' && Buffer.from(d.body).toString('latin1').startsWith('<html>'))).toBe(true);
    expect(cw[0]!.url).toBe('http://www.uraharajuku.st/shopdetail/001005000005/019/000/order/');

    // ARC dates become ISO strings
    const arc = read(corpusFile('warcio/example.arc'), 'arc').docs[0]!;
    expect(arc.date).toBe('2014-02-16T05:02:21Z');
  });

  it('strips the angle brackets wget 1.x writes around WARC-Target-URI', () => {
    const { docs } = read(corpusFile('warcio/example-wget-bad-target-uri.warc.gz'), 'w');
    expect(docs[0]!.url).toBe('http://example.com/');
  });

  it('names records that start inside a multi-record gzip member as <member>+<skip>', () => {
    const rel = 'warcio/example-bad-non-chunked.warc.gz'; // the whole file is one gzip member
    const { docs } = read(corpusFile(rel), rel);
    expect(docs[0]!.id).toBe(`${rel}#0+1197`);
    expect(docs[0]!.offset).toBe(0);
    // a record spread over several members (header in one, body in the next) is one document
    const wrong = read(corpusFile('warcio/example-wrong-chunks.warc.gz'), 'wc');
    expect(wrong.docs[0]!.id).toBe('wc#0');
    expect(Buffer.from(wrong.docs[0]!.body).toString('utf8').trimEnd().endsWith('</html>')).toBe(true);
  });
});

describe('readWarc on damaged files', () => {
  it('clipped.warc.gz: the cut gzip member is one error naming the record, no crash', () => {
    const { errors, docs } = read(corpusFile('resiliparse/clipped.warc.gz'), 'clipped');
    expect(docs).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.id).toBe('clipped#0');
    expect(errors[0]!.message).toMatch(/truncated record.*88275.*gzip data ends unexpectedly.*houstonpress/);
  });

  it('example-trunc.warc: the short record is an error, the records before and after it are still read', () => {
    const { items, stats } = read(corpusFile('warcio/example-trunc.warc'), 't');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ type: 'error', id: 't#1197' });
    expect((items[0] as Err).message).toMatch(/length \(973\).*00 00 0d 0a/);
    // two warcinfo records before the damage, the request record (at byte 2566) after it
    expect(stats.skipped).toEqual({ warcinfo: 2, request: 1 });
    expect(corpusFile('warcio/example-trunc.warc').subarray(2566, 2600).toString('latin1')).toMatch(/^WARC\/1\.0\r\nWARC-Type: request/);
  });

  it('bad.arc: each bad length is an error at its header line; the good record between is still read', () => {
    const file = corpusFile('warcio/bad.arc');
    const { errors, stats } = read(file, 'bad.arc');
    expect(errors.map((e) => e.id)).toEqual(['bad.arc#0', 'bad.arc#134', 'bad.arc#262']);
    expect(errors.map((e) => /"(.*)"/.exec(e.message)![1])).toEqual(['-1', '-1', 'abc']);
    for (const e of errors) expect(file.subarray(Number(e.id.split('#')[1])).toString('latin1')).toMatch(/^(filedesc|http):\/\/\S+ [\d.]+ \d+ \S+ (-1|abc)\n/);
    expect(stats.skipped).toEqual({ 'non-html-response': 1 }); // the text/plain record of length 1
  });

  it('example-space-in-url.arc: a URL with spaces is read; the record, 12 bytes short at the end of the file, is an error naming it', () => {
    const { errors } = read(corpusFile('warcio/example-space-in-url.arc'), 's');
    expect(errors[0]!.id).toBe('s#151');
    expect(errors[0]!.message).toContain('[http://example.com/index.cfm?FuseAction=Email&EmailTitle=Examples From The Live Web&IsPopUp=False]');
  });

  it('a corrupt gzip member in the middle is one error at its offset; every other record is read', () => {
    const file = Buffer.from(corpusFile(IAH));
    expect(file.subarray(1392, 1395)).toEqual(Buffer.from([0x1f, 0x8b, 0x08]));
    for (let i = 1392 + 60; i < 1392 + 90; i++) file[i] = file[i]! ^ 0xa5;
    const { errors, docs, stats } = read(file, 'iah');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.id).toBe('iah#1392');
    expect(errors[0]!.message).toMatch(/corrupt gzip/);
    expect(docs.map((d) => [d.id, d.url])).toEqual([
      ['iah#2052', 'http://www.archive.org/'],
      ['iah#3380', 'http://www.archive.org/index.php'],
    ]);
    expect(stats.records).toBe(22);
    expect(stats.skipped.request).toBe(6);
  });

  it('a file cut inside a member keeps the records before the cut', () => {
    const { errors, docs } = read(corpusFile(IAH).subarray(0, 3380 + 3000), 'cut');
    expect(docs.map((d) => d.url)).toEqual(['http://www.archive.org/']);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.id).toBe('cut#3380');
    expect(errors[0]!.message).toMatch(/truncated record: length 29000.*ends unexpectedly.*index\.php/);
    // the same for the uncompressed WARC and ARC
    const plain = read(zlib.gunzipSync(corpusFile(IAH)).subarray(0, 6000), 'plain');
    expect(plain.docs.map((d) => d.id)).toEqual(['plain#3109']);
    expect(plain.errors.map((e) => e.id)).toEqual(['plain#5169']);
    const arc = read(corpusFile(IAH_ARC).subarray(0, 1776 + 2000), 'arc');
    expect(arc.docs.map((d) => d.id)).toEqual(['arc#1299']);
    expect(arc.errors.map((e) => e.id)).toEqual(['arc#1776']);
  });

  it('bytes between gzip members are one error; reading resumes at the next member', () => {
    const file = corpusFile(IAH);
    const junk = Buffer.from('JUNK BETWEEN MEMBERS\n');
    const { errors, docs, stats } = read(Buffer.concat([file.subarray(0, 2052), junk, file.subarray(2052)]), 'j');
    expect(errors).toEqual([{ type: 'error', id: 'j#2052', message: `${junk.length} bytes that are not gzip data` }]);
    expect(docs.map((d) => d.id)).toEqual([`j#${2052 + junk.length}`, `j#${3380 + junk.length}`]);
    expect(stats.records).toBe(23);
  });

  it('a member whose gzip header is broken is skipped up to the next member', () => {
    const file = Buffer.from(corpusFile(IAH));
    file[3381] = 0; // 1f 8b -> 1f 00
    const { errors, docs, stats } = read(file, 'm');
    expect(errors.map((e) => e.id)).toEqual(['m#3380']);
    expect(docs.map((d) => d.url)).toEqual(['http://www.archive.org/']);
    expect(stats.records).toBe(22);
  });

  it('bounds every decompression by maxBytes: an error item, not a crash', () => {
    // a 20931-byte record in one member
    const member = read(corpusFile('jwarc/cc.warc.gz'), 'cc', 10_000);
    expect(member.errors).toHaveLength(1);
    expect(member.errors[0]!.message).toMatch(/expands past the 10000-byte limit/);
    // Content-Encoding: gzip of a 1270-byte page in an uncompressed WARC
    const content = read(corpusFile('warcio/example.warc'), 'ex', 1000);
    expect(content.errors).toEqual([
      { type: 'error', id: 'ex#1197', message: expect.stringMatching(/gzip content.*1000-byte limit.*example\.com/) as unknown as string },
    ]);
    expect(content.stats.skipped).toEqual({ warcinfo: 2, request: 2, revisit: 1 });
  });

  it('reads nothing from an empty file and one error from a file that is not a WARC', () => {
    expect(read(Buffer.alloc(0), 'e').stats).toEqual({ records: 0, documents: 0, skipped: {}, errors: 0 });
    const html = read(Buffer.from('<html><body>not a warc</body></html>\n'), 'h');
    expect(html.errors).toEqual([{ type: 'error', id: 'h#0', message: 'unexpected data where a WARC or ARC record should start' }]);
  });
});

describe('ARC version 2', () => {
  it('reads ten-field header lines (URL with a space, length last) after a version-2 filedesc', () => {
    const page = '<html><head><title>v2</title></head><body><p>ARC version 2 page.</p></body></html>\n';
    const http = `HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\n\r\n${page}`;
    const desc = '2 0 Example\nURL IP-address Archive-date Content-type Result-code Checksum Location Offset Filename Archive-length\n';
    const head1 = `filedesc://v2.arc 0.0.0.0 20240101120000 text/plain 200 - - 0 v2.arc ${desc.length}\n`;
    const head2 = `http://v2.example/a b 192.0.2.1 20240101120500 text/html 200 sha1:ABC - 0 v2.arc ${http.length}\n`;
    const file = Buffer.from(`${head1}${desc}\n${head2}${http}\n`, 'latin1');
    const { docs, stats } = read(file, 'v2.arc');
    expect(stats).toEqual({ records: 2, documents: 1, skipped: { filedesc: 1 }, errors: 0 });
    expect(docs[0]).toMatchObject({ id: `v2.arc#${head1.length + desc.length + 1}`, url: 'http://v2.example/a b', charset: 'windows-1252', date: '2024-01-01T12:05:00Z' });
    expect(Buffer.from(docs[0]!.body).toString('latin1')).toBe(page);
  });
});

describe('fixtures/crawl', () => {
  it('sample.warc.gz: three documents and one of each skipped kind, offsets at their gzip members', () => {
    const file = fs.readFileSync(fixture('crawl', 'sample.warc.gz'));
    const { docs, stats } = read(file, 'sample.warc.gz');
    expect(stats).toEqual({
      records: 9,
      documents: 3,
      skipped: { warcinfo: 1, request: 1, revisit: 1, 'non-html-response': 1, 'http-status': 1, metadata: 1 },
      errors: 0,
    });
    expect(docs.map((d) => [d.url, d.charset, d.date])).toEqual([
      ['http://news.example/a', 'iso-8859-1', '2024-05-01T12:00:00Z'],
      ['http://news.example/b', null, '2024-05-02T12:00:00Z'],
      ['http://news.example/c', 'utf-8', '2024-05-04T12:00:00Z'],
    ]);
    for (const d of docs) expectRecordStart(file, d);
    // a: chunked, then gzip; the bytes are Latin-1 as sent
    const a = Buffer.from(docs[0]!.body);
    expect(a.toString('latin1')).toContain('Caf\u00e9 owners');
    expect(a.includes(Buffer.from([0x43, 0x61, 0x66, 0xe9]))).toBe(true);
    // b: brotli, no Content-Type (sniffed)
    expect(Buffer.from(docs[1]!.body).toString('utf8')).toContain('<title>Council approves new library</title>');
    // c: a resource record with the HTML as its block
    expect(Buffer.from(docs[2]!.body).toString('utf8')).toContain('<title>Rail line to close for repairs</title>');
  });

  it('damaged.warc: each damage is one error with the record id, the good records around them are read', () => {
    const file = fs.readFileSync(fixture('crawl', 'damaged.warc'));
    const { items, stats } = read(file, 'damaged.warc');
    const starts = [...file.toString('latin1').matchAll(/WARC\/1\.1\r\n/g)].map((m) => m.index);
    const junk = file.indexOf('THIS LINE IS NOT PART');
    expect(items.map((i) => [i.type, i.id, i.type === 'record' ? i.url : i.message.replace(/ \[.*\]$/, '')])).toEqual([
      ['record', `damaged.warc#${starts[1]}`, 'http://damaged.example/a'],
      ['error', `damaged.warc#${junk}`, 'unexpected data where a WARC record should start'],
      ['error', `damaged.warc#${starts[2]}`, expect.stringMatching(/^record does not end where its length \(\d+\) says/)],
      ['record', `damaged.warc#${starts[3]}`, 'http://damaged.example/c'],
      ['error', `damaged.warc#${starts[4]}`, 'WARC record without Content-Length'],
      ['record', `damaged.warc#${starts[5]}`, 'http://damaged.example/e'],
      ['error', `damaged.warc#${starts[6]}`, 'chunked body is malformed'],
      ['error', `damaged.warc#${starts[7]}`, 'gzip content cannot be decoded (not gzip data)'],
      ['error', `damaged.warc#${starts[8]}`, expect.stringMatching(/^truncated record: length \d+ but \d+ bytes follow the header$/)],
    ]);
    expect(starts).toHaveLength(9);
    expect(stats).toEqual({ records: 9, documents: 3, skipped: { warcinfo: 1 }, errors: 6 });
    const e = items.find((i) => i.type === 'record' && i.url === 'http://damaged.example/e') as Doc;
    expect(Buffer.from(e.body).toString('utf8')).toContain('Record E is deflate-coded.');
  });

  it('sample.warc.gz with one member corrupted: that record is an error, the others are read', () => {
    const file = Buffer.from(fs.readFileSync(fixture('crawl', 'sample.warc.gz')));
    const good = read(file, 's');
    const b = good.docs[1]!;
    // damage the deflate data of document b's member (after its 10-byte gzip header)
    for (let i = b.offset! + 20; i < b.offset! + 40; i++) file[i] = file[i]! ^ 0xff;
    const bad = read(file, 's');
    expect(bad.docs.map((d) => d.url)).toEqual(['http://news.example/a', 'http://news.example/c']);
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors[0]!.id).toBe(b.id);
    expect(bad.stats.records).toBe(8);
  });
});

describe('payload helpers', () => {
  it('extractMime: the last valid type wins, a charset carries over between equal types', () => {
    expect(extractMime(['text/html; charset=utf-8', 'text/html'])).toEqual({ essence: 'text/html', charset: 'utf-8' });
    expect(extractMime(['text/html; charset="Shift_JIS"'])).toEqual({ essence: 'text/html', charset: 'shift_jis' });
    expect(extractMime(['text/plain; charset=utf-8', 'text/html'])).toEqual({ essence: 'text/html', charset: null });
    expect(extractMime(['nonsense', ''])).toBeNull();
    expect(extractMime(['*/*'])).toBeNull();
  });

  it('dechunk: chunk extensions, a missing last chunk, truncation, not chunked at all', () => {
    expect(dechunk(Buffer.from('4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n'))).toEqual({ data: Buffer.from('Wikipedia'), problem: null });
    expect(dechunk(Buffer.from('4\r\nWiki\r\n'))).toEqual({ data: Buffer.from('Wiki'), problem: null });
    expect(dechunk(Buffer.from('4\r\nWiki\r\n9\r\nped'))).toEqual({ data: Buffer.from('Wikiped'), problem: 'truncated' });
    expect(dechunk(Buffer.from('<html>stored de-chunked</html>'))).toBeNull();
  });

  it('sniffHtml: WHATWG HTML patterns after white space and a BOM', () => {
    expect(sniffHtml(Buffer.from('\ufeff  \n<!DOCTYPE html><html>'))).toBe(true);
    expect(sniffHtml('<p>a fragment</p>')).toBe(true);
    expect(sniffHtml('<!-- comment -->')).toBe(true);
    expect(sniffHtml('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">')).toBe(true);
    expect(sniffHtml('<?xml version="1.0"?><rss>')).toBe(false);
    expect(sniffHtml('<pre-formatted> is not a tag we know')).toBe(false);
    expect(sniffHtml('plain text')).toBe(false);
    expect(sniffHtml('\u0000\u00a0\ufeff\t<div>')).toBe(true);
    expect(sniffHtml('\u00ef\u00bb\u00bf<p>')).toBe(true);
    expect(sniffHtml(' '.repeat(1024) + '<html>')).toBe(false);
    expect(sniffHtml(Buffer.from('\u00e9<html>'))).toBe(false);
  });

  it('sniffHtml answers as a plain reading of its first 1,024 characters does, on random heads', () => {
    // The reference: strip one BOM, then white space and NUL, lower-case, and look for a tag.
    const reference = (data: Uint8Array | string): boolean => {
      const head = typeof data === 'string' ? data.slice(0, 1024) : Buffer.from(data.subarray(0, 1024)).toString('latin1');
      const s = head.replace(/^(\uFEFF|\xEF\xBB\xBF)/, '').replace(/^[\s\u0000]+/, '').toLowerCase();
      if (!s.startsWith('<')) return false;
      if (/^<(!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|meta|link|article|main|section|header|nav|span|ul|ol|h2|h3|img|figure)(?=$|[\s>/])/.test(s)) return true;
      if (s.startsWith('<!--')) return true;
      return /^<\?xml[^>]*>\s*(<!doctype html|<html)/.test(s);
    };
    const pieces = ['', ' ', '\n', '\t', '\u0000', '\u00a0', '\ufeff', '\u00ef\u00bb\u00bf', '\u2028', '\u3000', 'x', 'é', '<', '<p>', '<HTML ', '<div/', '<!-- ', '<?xml?>', '<b', '<br>', '<pre>', 'text'];
    let seed = 7;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % pieces.length;
    for (let k = 0; k < 3000; k++) {
      let s = '';
      for (let j = 1 + (k % 5); j > 0; j--) s += pieces[next()];
      expect(sniffHtml(s), JSON.stringify(s)).toBe(reference(s));
      const bytes = Buffer.from(s, 'utf8');
      expect(sniffHtml(bytes), JSON.stringify(s)).toBe(reference(bytes));
    }
  });
});
