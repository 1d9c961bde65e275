/**
 * The marker key of a line, read from a table for lines of Latin, Cyrillic and Arabic text, is
 * computeMarkerKey's (NFKC, lower case, the folds, the ends cut, white space collapsed) for every
 * code unit wherever it stands.
 */
import { describe, expect, it } from 'vitest';
import { computeMarkerKey, markerKey } from '../../../src/extract/markers.js';
import { randomStrings } from '../../helpers.js';

function expectSameKey(line: string): void {
  expect(markerKey(line), JSON.stringify(line)).toBe(computeMarkerKey(line));
}

describe('marker keys', () => {
  it('are computeMarkerKey’s for every code unit, at a line’s ends, inside a word and beside other scripts', () => {
    const contexts: [string, string][] = [['', ''], ['Ab', 'cD'], ['  • ', ' : '], ['Ёж ', ' ا'], ['و', 'ي'], ['ا', '\u0654'], ['x  ', '\u00a0\u00a0y'], ['\u064e', '…']];
    const wrong: string[] = [];
    for (const [before, after] of contexts) {
      for (let c = 0; c < 0x10000; c++) {
        if (c >= 0xd800 && c <= 0xdfff) continue;
        const line = before + String.fromCharCode(c) + after;
        if (markerKey(line) !== computeMarkerKey(line)) wrong.push(line);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('are computeMarkerKey’s on random lines in Latin, Cyrillic and Arabic', () => {
    const alphabet = [
      'a', 'Z', '0', ' ', '  ', '\t', '\u00a0', "'", '`', '\u2019', '\u02bc', '\u2018', '«', '»', '‹', '›', '-', '–', '—', '•', '·', '|', '>', '*', '#', '+', ':', '.', '!', '…', '▶', '■',
      'é', 'É', 'ß', 'Ş', 'ı', 'İ', '\u0301', '\u00ad', '\u200b', '\u200f', '\ufeff',
      'Д', 'д', 'Ё', 'ё', 'Ї', 'ґ', 'Ґ', 'Σ',
      'ا', 'أ', 'إ', 'آ', 'ٱ', 'ى', 'ة', 'ي', 'ک', 'ی', 'و', 'ؤ', '\u0654', '\u064e', '\u0651', '\u0670', 'ـ', '٣', '۴', '،', '؟', '\u061c',
    ];
    for (const line of randomStrings(alphabet, 20_000, 24, 4321)) expectSameKey(line);
  });

  it('fold Arabic and Cyrillic spellings as the word lists do', () => {
    expect(markerKey('  • اقرأ أيضاً: ')).toBe('اقرا ايضا');
    expect(markerKey('Читать ДАЛЕЕ »')).toBe('читать далее');
    expect(markerKey('Ещё')).toBe('еще');
  });
});
