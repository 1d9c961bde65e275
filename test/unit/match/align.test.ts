import { readFileSync } from 'node:fs';
import { diffArrays } from 'diff';
import { describe, expect, it } from 'vitest';
import { alignTexts, type Alignment } from '../../../src/match/align.js';
import { normalizeText } from '../../../src/text/normalize.js';
import { overlap, shingleSet, tokenHashes } from '../../../src/text/shingles.js';
import { tokenize } from '../../../src/text/tokens.js';
import { fixture } from '../../helpers.js';

const align = (a: string, b: string, shingleSize = 5): Alignment => alignTexts(a, b, { shingleSize, diffArrays });

const STATEMENT = readFileSync(fixture('kazakhstan', 'official-statement-bare.txt'), 'utf8');
const paragraphs = STATEMENT.split('\n').filter((line) => line.trim() !== '');
/** Words as reprint counts them: the tokens of the normalised text. */
const wordCount = (text: string): number => tokenize(normalizeText(text)).length;

describe('alignTexts', () => {
  it('identical texts: one shared passage from the first word to the last, nothing alone', () => {
    const r = align(STATEMENT, STATEMENT);
    expect(r.shared).toHaveLength(1);
    // The closing "===" holds no word, so no passage.
    expect(r.shared[0]!.text).toBe(STATEMENT.trim().replace(/ ===$/, ''));
    expect(r.shared[0]!.a).toEqual(r.shared[0]!.b);
    expect(r.shared[0]!.changes).toEqual([]);
    expect(r.onlyA).toEqual([]);
    expect(r.onlyB).toEqual([]);
    expect(r.jaccard).toBe(1);
    expect(r.containment).toBe(1);
  });

  it('a paragraph added in B is in B only, at its words; the rest is shared', () => {
    const added = 'Editor’s note: this statement was sent to our newsroom by the embassy on Monday evening.';
    const b = [...paragraphs.slice(0, 3), added, ...paragraphs.slice(3)].join('\n');
    const r = align(STATEMENT, b);
    expect(r.onlyA).toEqual([]);
    expect(r.onlyB).toHaveLength(1);
    expect(r.onlyB[0]!.text).toBe(added);
    expect(r.onlyB[0]!.a).toBeNull();
    const before = wordCount(paragraphs.slice(0, 3).join(' '));
    expect(r.onlyB[0]!.b).toEqual([before, before + wordCount(added) - 1]);
    expect(r.onlyB[0]!.words).toBe(wordCount(added));
    // Shared: the text before and after the insertion, every word of A.
    expect(r.shared).toHaveLength(2);
    expect(r.shared.reduce((n, p) => n + p.words, 0)).toBe(wordCount(STATEMENT));
  });

  it('a paragraph dropped from B is in A only', () => {
    const dropped = paragraphs[10]!;
    const b = paragraphs.filter((p) => p !== dropped).join('\n');
    const r = align(STATEMENT, b);
    expect(r.onlyB).toEqual([]);
    expect(r.onlyA.map((p) => p.text)).toEqual([dropped]);
    expect(r.onlyA[0]!.b).toBeNull();
  });

  it('a changed word inside a shared passage is a change, with both spellings and positions', () => {
    const b = STATEMENT.replace('Kazakhstan is ensureing the safety', 'Kazakhstan is ensuring the safety');
    const r = align(STATEMENT, b);
    expect(r.onlyA).toEqual([]);
    expect(r.onlyB).toEqual([]);
    expect(r.shared).toHaveLength(1);
    const [change] = r.shared[0]!.changes;
    const index = wordCount(STATEMENT.slice(0, STATEMENT.indexOf('ensureing')));
    expect(change).toEqual({ a: 'ensureing', b: 'ensuring', aWord: index, bWord: index, offset: STATEMENT.indexOf('ensureing') });
    expect(r.shared[0]!.text.slice(change!.offset, change!.offset + change!.a.length)).toBe('ensureing');
    // The changed word is not counted as shared.
    expect(r.shared[0]!.words).toBe(wordCount(STATEMENT) - 1);
  });

  it('a word inserted or left out inside a shared passage is a change with one side empty', () => {
    const b = STATEMENT.replace('The current situation is gradually', 'The current situation is now gradually');
    const r = align(STATEMENT, b);
    expect(r.shared).toHaveLength(1);
    const [change] = r.shared[0]!.changes;
    expect(change).toMatchObject({ a: '', b: 'now' });
    expect(STATEMENT.slice(change!.offset)).toMatch(/^gradually/);
    const back = align(b, STATEMENT);
    expect(back.shared[0]!.changes[0]).toMatchObject({ a: 'now', b: '' });
  });

  it('quote, case and dash variants are equal; positions and text keep the original spelling', () => {
    const a = 'He said: "It\'s over -- and we KNOW it." The talks ended in Astana on Monday after a long week of meetings.';
    const b = 'He said: “It’s over -- and we know it.” The talks ended in Astana on Monday after a long week of meetings.';
    const r = align(a, b);
    expect(r.shared).toHaveLength(1);
    expect(r.shared[0]!.changes).toEqual([]);
    expect(r.shared[0]!.text).toBe(a);
  });

  it('Arabic orthographic variants (hamza seats, teh marbuta, harakat, tatweel) are equal', () => {
    const a = 'أعلنت الحكومة المصرية اليوم عن إجراءات جديدة في القاهرة لمواجهة ارتفاع الأسعار في الأسواق المحلية';
    const b = 'اعلنت الحكومه المصريه اليوم عن اجراءات جديدة في القاهره لمواجـهة ارتفاع الأسعارِ في الاسواق المحلية';
    const r = align(a, b);
    expect(r.jaccard).toBe(1);
    expect(r.shared).toHaveLength(1);
    expect(r.shared[0]!.changes).toEqual([]);
    expect(r.shared[0]!.words).toBe(a.split(' ').length);
    expect(r.onlyA).toEqual([]);
    expect(r.onlyB).toEqual([]);
  });

  it('disjoint texts share nothing: each is one passage of its own', () => {
    const a = paragraphs.slice(0, 4).join('\n');
    const b = paragraphs.slice(20, 24).join('\n');
    const r = align(a, b);
    expect(r.shared).toEqual([]);
    expect(r.onlyA.map((p) => p.text)).toEqual([a]);
    expect(r.onlyB.map((p) => p.text)).toEqual([b]);
    expect(r.jaccard).toBe(0);
  });

  it('jaccard and containment are the shingle-set overlap scan uses, at the shingle size given', () => {
    const b = paragraphs.slice(5).join('\n');
    for (const k of [3, 5, 8]) {
      const r = align(STATEMENT, b, k);
      const o = overlap(shingleSet(tokenHashes(STATEMENT), k), shingleSet(tokenHashes(b), k));
      expect(r.jaccard).toBe(o.jaccard);
      expect(r.containment).toBe(o.containment);
    }
  });

  it('every word of each text is in exactly one passage (shared, changed or alone)', () => {
    const b = [paragraphs[2], ...paragraphs.slice(4, 12), 'A new line only here, and a second sentence too.', ...paragraphs.slice(14)]
      .join('\n')
      .replace('unprecedented', 'unprecedentd');
    const r = align(STATEMENT, b);
    const cover = (side: 'a' | 'b', n: number): number[] => {
      const seen = new Array<number>(n).fill(0);
      for (const p of [...r.shared, ...r.onlyA, ...r.onlyB]) {
        const range = p[side];
        if (range === null) continue;
        for (let i = range[0]; i <= range[1]; i++) seen[i]!++;
      }
      return seen;
    };
    expect(new Set(cover('a', wordCount(STATEMENT)))).toEqual(new Set([1]));
    expect(new Set(cover('b', wordCount(b)))).toEqual(new Set([1]));
  });

  it('words within a chunk (hyphenated, CJK) get their own positions and spellings', () => {
    const r = align('the well-known fact stays here today', 'the well-knwn fact stays here today', 3);
    expect(r.shared[0]!.changes).toEqual([{ a: 'known', b: 'knwn', aWord: 2, bWord: 2, offset: 9 }]);
    const cjk = align('中国外交部发言人今天表示', '中国外交部发言人昨天表示', 3);
    expect(cjk.shared[0]!.changes).toEqual([{ a: '今', b: '昨', aWord: 8, bWord: 8, offset: 8 }]);
  });

  it('a long text with a repeated sentence, a moved paragraph and edits keeps shared words shared', () => {
    const long = Array.from({ length: 8 }, () => paragraphs.join('\n')).join('\n');
    const b = long.replace(paragraphs[6]!, '').replace('Kazakhstan Government', 'Kazakh government') + '\nAn epilogue only B prints.';
    const r = align(long, b);
    expect(r.onlyB.map((p) => p.text)).toContain('An epilogue only B prints.');
    const sharedWords = r.shared.reduce((n, p) => n + p.words, 0);
    expect(sharedWords).toBeGreaterThan(wordCount(b) - 2 * wordCount(paragraphs[6]!) - 10);
  });
});
