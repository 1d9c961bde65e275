import { isUtf8 } from 'node:buffer';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/article.js';
import { buildDocument, loadLinkedom, type Internals, type PruneOptions } from '../../../src/extract/build-dom.js';
import { PIECE_BYTES, utf8Pieces } from '../../../src/input/decode/utf8.js';
import { isBlankText, textHead, wholeText } from '../../../src/input/page-text.js';
import { decodePage, InputError, readInputFileSync } from '../../../src/input/read.js';
import { fixture } from '../../helpers.js';

/** The UTF-8 HTML pages among the fixtures: real pages (Readability's), outlet templates, the seeds' pages. */
const PAGES = [
  ...readdirSync(fixture('readability'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => fixture('readability', e.name, 'source.html')),
  ...readdirSync(fixture('html')).map((n) => fixture('html', n)),
  ...readdirSync(fixture('templates')).map((n) => fixture('templates', n)),
].filter((file) => file.endsWith('.html') && isUtf8(readFileSync(file)));
const name = (file: string): string => path.relative(fixture(), file);

const MARK = /^[!-/:-@[-`{-~]$/;
const internals = loadLinkedom().internals as Internals;
const STRUCTURAL: PruneOptions = { tags: new Set(['nav']), outside: new Set(['aside', 'footer', 'header']) };

const temp = mkdtempSync(path.join(os.tmpdir(), 'reprint-page-text-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('utf8Pieces', () => {
  it('has pages to cut', () => {
    expect(PAGES.length).toBeGreaterThanOrEqual(10);
    expect(PAGES.filter((f) => readFileSync(f).length > PIECE_BYTES).length).toBeGreaterThanOrEqual(4);
  });

  it.each(PAGES.map(name))('%s: joined, the pieces are the page, cut between two ASCII marks', (file) => {
    const bytes = readFileSync(fixture(file));
    for (const size of [64, 1024, PIECE_BYTES]) {
      const pieces = utf8Pieces(bytes, size);
      expect(pieces.join('')).toBe(bytes.toString('utf8'));
      if (bytes.length > 4 * size) expect(pieces.length).toBeGreaterThan(2);
      for (let i = 0; i + 1 < pieces.length; i++) {
        const before = pieces[i]!.at(-1)!;
        const after = pieces[i + 1]![0]!;
        expect(MARK.test(before) && MARK.test(after), `${JSON.stringify(before)} | ${JSON.stringify(after)}`).toBe(true);
        // Never the end of an entity's name or the start of a tag.
        expect('&#;<'.includes(before)).toBe(false);
        if (Buffer.byteLength(pieces[i]!) > size) expect(before + after).toBe('><');
      }
    }
  });

  it('prefers a cut between tags, cuts between other marks inside scripts, and keeps multi-byte characters whole', () => {
    const arabic = 'مرحبا بالعالم، هذا نص طويل 😀 ';
    const page = `<p>${arabic.repeat(60)}</p><script>var a = {"k":"${arabic.repeat(40)}","n":[1,2]};</script><p>${arabic.repeat(60)}</p>`;
    const bytes = Buffer.from(page);
    for (const size of [256, 1000, 4096]) {
      const pieces = utf8Pieces(bytes, size);
      expect(pieces.join('')).toBe(page);
      expect(pieces.join('')).not.toContain('\uFFFD');
      expect(pieces.length).toBeGreaterThan(1);
    }
    // A cut between tags wins over other marks in the second half of the piece.
    expect(utf8Pieces(Buffer.from(`<b>${'x'.repeat(60)}</b><i>${'y,.'.repeat(20)}</i>`), 100)[0]!.endsWith('</b>')).toBe(true);
  });

  it('leaves a run with nowhere to cut whole, up to the next pair of tags', () => {
    const page = `<p>${'word '.repeat(600)}</p><p>end</p>`;
    expect(utf8Pieces(Buffer.from(page), 1024)).toEqual([`<p>${'word '.repeat(600)}</p>`, '<p>end</p>']);
    expect(utf8Pieces(Buffer.from('z'.repeat(3000)), 1024)).toEqual(['z'.repeat(3000)]);
  });
});

describe('HTML parsed from pieces', () => {
  it.each(PAGES.map(name))('%s: builds the tree, the scripts and the counts it builds from the whole page', (file) => {
    const bytes = readFileSync(fixture(file));
    const whole = bytes.toString('utf8');
    for (const opts of [{}, STRUCTURAL]) {
      const expected = buildDocument(whole, internals, opts);
      for (const size of [64, 1024]) {
        const built = buildDocument(utf8Pieces(bytes, size), internals, opts);
        expect(built.document.documentElement.outerHTML).toBe(expected.document.documentElement.outerHTML);
        expect(built.scripts).toEqual(expected.scripts);
        expect([built.bodyChars, built.structuralChars, built.prunedBodyChars, built.strayRoots]).toEqual([
          expected.bodyChars,
          expected.structuralChars,
          expected.prunedBodyChars,
          expected.strayRoots,
        ]);
      }
    }
  });

  it.each(PAGES.map(name))('%s: gives the article the whole page gives', (file) => {
    const bytes = readFileSync(fixture(file));
    expect(extractArticle(utf8Pieces(bytes, 256), 'html', 'linkedom')).toEqual(extractArticle(bytes.toString('utf8'), 'html', 'linkedom'));
  });

  it('counts start tags across pieces for the element limit', () => {
    // 50,001 elements, each piece ending in a `<` whose tag name starts the next piece.
    const pieces = ['<html><body><'];
    for (let i = 0; i < 49_998; i++) pieces.push('i></i><');
    pieces.push('i></i></body></html>');
    expect(() => extractArticle(pieces, 'html', 'linkedom')).toThrow('page has 50001 elements, over the 50000-element limit');
    expect(extractArticle(['<html><body><', 'p>A paragraph cut after its <', '/p></body></html>'], 'html', 'linkedom').text).toBe('A paragraph cut after its');
  });
});

describe('decodePage', () => {
  const big = PAGES.find((f) => readFileSync(f).length > PIECE_BYTES)!;

  it('gives a large HTML page in pieces, anything else as one string', () => {
    const bytes = readFileSync(big);
    const html = decodePage(bytes, 'page.html');
    expect(Array.isArray(html.text)).toBe(true);
    expect(wholeText(html.text)).toBe(bytes.toString('utf8'));
    expect(decodePage(bytes, 'record', { kind: 'html' }).text).toEqual(html.text);
    expect(decodePage(bytes, 'page.txt').text).toBe(bytes.toString('utf8'));
    expect(decodePage(Buffer.from('<p>small</p>'), 'page.html').text).toBe('<p>small</p>');
    // A byte-order mark is not part of the text, whole or in pieces.
    const withMark = decodePage(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]), 'page.html');
    expect(wholeText(withMark.text)).toBe(bytes.toString('utf8'));
  });

  it('reads files into one kept buffer without mixing their texts', () => {
    const files = PAGES.slice(0, 6).map((f, i) => {
      const to = path.join(temp, `${i}-${path.basename(f)}`);
      writeFileSync(to, readFileSync(f));
      return [to, readFileSync(f, 'utf8')] as const;
    });
    const read = [...files, ...files.slice().reverse()].map(([file]) => wholeText(readInputFileSync(file, 1e9).text));
    expect(read).toEqual([...files, ...files.slice().reverse()].map(([, text]) => text));
  });

  it('refuses a large page of white space, as a small one', () => {
    const blank = Buffer.from(' \n\t'.repeat(PIECE_BYTES));
    expect(() => decodePage(blank, 'blank.html')).toThrow(InputError);
    expect(() => decodePage(blank, 'blank.html')).toThrow('file holds only white space');
  });

  it('reads the head of a text in pieces as of one string', () => {
    expect(textHead(['<!doc', 'type html>', '<p>'], 12)).toBe('<!doctype ht');
    expect(textHead('<!doctype html>', 5)).toBe('<!doc');
    expect(isBlankText([' ', '\n'])).toBe(true);
    expect(isBlankText([' ', 'x'])).toBe(false);
  });
});
