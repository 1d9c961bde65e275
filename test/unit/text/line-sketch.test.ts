import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitLines } from '../../../src/text/lines.js';
import { hashString } from '../../../src/text/hash.js';
import { hashLines } from '../../../src/text/line-sketch.js';
import { normalizeText } from '../../../src/text/normalize.js';
import { normalizedTokenHashes } from '../../../src/text/shingles.js';
import { randomStrings } from '../../helpers.js';

const SEED = 0x74706c31;

/** The definition hashLines must equal: per line, normalise, hash the line, hash its tokens. */
function reference(text: string): { keys: number[]; chars: number[]; ends: number[]; tokens: number[] } {
  const out = { keys: [] as number[], chars: [] as number[], ends: [] as number[], tokens: [] as number[] };
  for (const line of splitLines(text)) {
    const normalized = normalizeText(line);
    out.keys.push(normalized.length === 0 ? 0 : hashString(normalized, SEED));
    out.chars.push(line.length);
    out.tokens.push(...normalizedTokenHashes(normalized));
    out.ends.push(out.tokens.length);
  }
  return out;
}

function expectSame(text: string): void {
  const got = hashLines(text, SEED);
  const want = reference(text);
  expect(Array.from(got.keys)).toEqual(want.keys);
  expect(Array.from(got.chars)).toEqual(want.chars);
  expect(Array.from(got.ends)).toEqual(want.ends);
  expect(Array.from(got.tokens)).toEqual(want.tokens);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('hashLines', () => {
  it('equals the per-line reference on the edge cases of splitting, spacing and apostrophes', () => {
    for (const text of [
      '',
      '\n',
      '\ufeff',
      '\ufeffHello World',
      'a\r\nb\rc\nd\u2028e\u2029f',
      'trailing newline\n',
      '   leading and  inner\t\tspaces\u00a0\u00a0and trailing   ',
      "Don't stop: rock 'n' roll, it''s the 'end' of it'",
      'It’s a “quoted” line – with an — em dash and a `tick`.',
      'UPPER Case MiXeD 123abc a1 \'x',
      'x',
      'ab',
      'one two three four five six seven',
      'Café naïve ﬁle İstanbul Ёлка الْعَرَبِيَّة 日本語のテキスト',
      'mixed fast line\nslow line é\nfast again\n\u000bvertical tab',
    ]) {
      expectSame(text);
    }
  });

  it('equals the reference on every text fixture', () => {
    const files = filesUnder(path.join(import.meta.dirname, '../../../fixtures')).filter((f) => /\.(txt|html?|md)$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) expectSame(readFileSync(f, 'utf8'));
  });

  it('equals the reference for every code unit, wherever it stands in a line', () => {
    // What the fast path assumes of each unit it maps: the same normal form at a word's start,
    // inside it, after an apostrophe, beside spaces, alone, and beside letters of other scripts
    // (which decide whether the reference runs NFKC and the script folds).
    const contexts: [string, string][] = [['', ''], ['Ab', 'cD'], ["l'", 'x'], ['a ', ' b'], ['Ё', 'ا'], ['9', "'s"], ['İ', '\u0301'], ['و', 'ي'], ['…', 'İ']];
    const units: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if ((c >= 0xd800 && c <= 0xdfff) || c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) continue;
      units.push(String.fromCharCode(c));
    }
    for (const [before, after] of contexts) {
      for (let i = 0; i < units.length; i += 4096) expectSame(units.slice(i, i + 4096).map((u) => before + u + after).join('\n'));
    }
  });

  it('equals the reference on random text in Latin, Cyrillic and Arabic scripts, with marks and invisible characters', () => {
    const alphabet = [
      'a', 'Z', '0', ' ', '\u00a0', "'", '\u2019', '\u00ab', '\u00bb', '\u201e', '-', '\u2011', '.', ',', '\n',
      'é', 'É', 'ß', 'ñ', 'Ş', 'ı', 'İ', 'ÿ', 'Ÿ', '\u0301', '\u00ad', '\u200b', '\u200f', '\ufeff',
      'Д', 'д', 'Ё', 'ё', 'Ї', 'ґ', 'Ґ', 'ω', 'Σ',
      'ا', 'أ', 'إ', 'آ', 'ٱ', 'ى', 'ة', 'ي', 'ك', 'ک', 'ی', 'و', 'ؤ', '\u0654', '\u064e', 'ـ', '٣', '۴', '،', '؟', '\u061c',
      '\u0651', '\u0670', '…', 'ª', 'º', '•', '€', '™', '\u0085', '\u0093',
      '日', 'ｱ', 'ﬁ', '²', '´',
    ];
    for (const text of randomStrings(alphabet, 3000, 50, 987)) expectSame(text);
  });

  it('equals the reference on random text over the characters the fast path reads', () => {
    const alphabet = ['a', 'Z', '0', '9', ' ', ' ', '\t', '\u00a0', "'", '`', '\u2018', '\u2019', '\u201c', '\u201d', '\u2013', '\u2014', '.', ',', '-', '\n', '\r', '\r\n', '\u2028', 'é', '\u00ad', '\u000c', 'x'];
    for (const text of randomStrings(alphabet, 2000, 60, 12345)) expectSame(text);
  });
});

describe('shingleSet', () => {
  it('is the sorted distinct shingle hashes, below and above the radix-sort size', async () => {
    const { shingleSet } = await import('../../../src/text/shingles.js');
    const { hashWords } = await import('../../../src/text/hash.js');
    let seed = 7;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (const n of [1, 4, 5, 6, 100, 200, 5000]) {
      // Few distinct tokens, so shingles repeat and dedupe is exercised.
      const tokens = Uint32Array.from({ length: n }, () => next() % (n > 100 ? 40 : 1000));
      const width = Math.min(5, n);
      const count = n < 5 ? 1 : n - 4;
      const want = [...new Set(Array.from({ length: count }, (_, i) => hashWords(tokens, i, width, 5)))].sort((a, b) => a - b);
      expect(Array.from(shingleSet(tokens, 5))).toEqual(want);
    }
  });
});
