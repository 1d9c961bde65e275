/** Outlets and ids of crawl pages: the URL's site (tldts) and what a crawl record says over what the page says. */
import { describe, expect, it } from 'vitest';
import { withRecordMeta, type RecordMeta } from '../../../src/extract/record-meta.js';
import { siteOf } from '../../../src/extract/site.js';
import { extractPlainText } from '../../../src/extract/plaintext.js';
import type { Article } from '../../../src/extract/types.js';

describe('siteOf', () => {
  it("gives a URL's registrable domain by the Public Suffix List, not its host", () => {
    expect(siteOf('https://www.npr.org/sections/news/1')).toBe('npr.org');
    expect(siteOf('https://edition.cnn.com/2026/03/02/world/x')).toBe('cnn.com');
    expect(siteOf('https://news.bbc.co.uk/1/hi/world/x.stm')).toBe('bbc.co.uk');
    expect(siteOf('https://www.abc.net.au/news/x')).toBe('abc.net.au');
    expect(siteOf('http://www.harbourwire.example:8080/a?b=c')).toBe('harbourwire.example');
  });

  it('counts private suffixes: each blog on a hosting domain is its own site', () => {
    expect(siteOf('https://islandnotes.blogspot.com/2026/03/ferry.html')).toBe('islandnotes.blogspot.com');
    expect(siteOf('https://someone.github.io/post')).toBe('someone.github.io');
  });

  it('gives an internationalised domain as written, an IP address or localhost as the host, and null without an absolute URL', () => {
    expect(siteOf('https://www.xn--mgbh0fb.xn--kgbechtv/news')).toBe('مثال.إختبار');
    expect(siteOf('http://192.0.2.7/page')).toBe('192.0.2.7');
    expect(siteOf('http://localhost:3000/page')).toBe('localhost');
    for (const u of [null, '', '/relative/path', 'www.npr.org/x', 'not a url']) expect(siteOf(u), String(u)).toBeNull();
  });
});

describe('withRecordMeta: outlet precedence and the id', () => {
  const record = (fields: Partial<RecordMeta>): RecordMeta => ({ title: null, date: null, outlet: null, recordId: null, ...fields });
  const masthead = extractPlainText('Bay Herald\nMonday, March 2, 2026\n\nFerry service resumes after storm repairs\n\nThe ferry service resumed on Monday after three weeks of repairs to the pier.');
  const bare = extractPlainText('The ferry service resumed on Monday after three weeks of repairs to the pier.');
  const url = 'https://www.bayherald.co.uk/news/ferry';

  it("the record's outlet field first, then the outlet the page names, then the URL's site", () => {
    expect(masthead.outlet).toBe('Bay Herald');
    expect(withRecordMeta(masthead, record({ outlet: 'Harbour Wire' }), url).outlet).toBe('Harbour Wire');
    expect(withRecordMeta(masthead, record({}), url).outlet).toBe('Bay Herald');
    expect(withRecordMeta(bare, record({}), url).outlet).toBe('bayherald.co.uk');
    // a WARC record names no outlet: its target URI's site
    expect(withRecordMeta(bare, undefined, url).outlet).toBe('bayherald.co.uk');
    expect(withRecordMeta(bare, undefined, null).outlet).toBeNull();
  });

  it("keeps the record's id, and adds no id field when it has none", () => {
    expect(withRecordMeta(bare, record({ recordId: 'wire-0317' }), url).id).toBe('wire-0317');
    expect(Object.hasOwn(withRecordMeta(bare, record({}), url), 'id')).toBe(false);
  });

  it("fills the title and date from the record only where the page says nothing, and leaves a page with nothing to add as it was", () => {
    const filled = withRecordMeta(bare, record({ title: ' Ferry back ', date: '2026-03-05T08:00:00Z' }), null);
    expect(filled).toMatchObject({ title: 'Ferry back', published: '2026-03-05' });
    expect(withRecordMeta(masthead, record({ title: 'Other', date: '2020-01-01' }), null)).toMatchObject({ title: masthead.title, published: '2026-03-02' });
    const page: Article = { ...bare, outlet: 'Bay Herald' };
    expect(withRecordMeta(page, record({}), url)).toBe(page);
  });
});
