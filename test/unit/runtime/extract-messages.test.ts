import { describe, expect, it } from 'vitest';
import { lineSketch } from '../../../src/extract/templates.js';
import type { Article } from '../../../src/extract/types.js';
import { packResults, unpackResults, type ExtractResponse } from '../../../src/runtime/extract-messages.js';

const article = (title: string): Article => ({ title, outlet: 'Arab Press', byline: null, dateline: 'Tuesday, Feb 03, 2026', published: '2026-02-03', lang: 'en', text: '', method: 'plaintext', credit: null });

describe('a batch of extraction results, packed for postMessage', () => {
  it('comes back as it went: articles, warnings, errors, skipped lines, record fields and line sketches, in order', () => {
    const results: ExtractResponse[] = [
      { ok: true, article: article('One'), lines: lineSketch('Arab Press\n\nThe statement said “a lot”.\nSecond line') },
      { ok: false, message: 'cannot read file: ENOENT' },
      { ok: true, article: { ...article('Kept text'), text: 'The text itself' }, warning: 'invalid UTF-8 replaced' },
      { ok: true, article: article('Empty'), lines: lineSketch('') },
      { ok: 'skipped' },
      { ok: true, article: article('Three'), lines: lineSketch('a b c d e f g\nh i j'), record: { url: 'https://x.example/3', meta: { title: 'T', date: '2026-02-03', outlet: 'X', recordId: '3' } } },
    ];
    const { message, transfer } = packResults(results);
    expect(transfer).toEqual([message.sketches.buffer]);
    const back = unpackResults(structuredClone(message));
    expect(back).toHaveLength(results.length);
    back.forEach((r, i) => {
      const want = results[i]!;
      if (want.ok !== true || want.lines === undefined) return expect(r).toEqual(want);
      expect(r.ok).toBe(true);
      if (r.ok !== true) return;
      expect(r.article).toEqual(want.article);
      expect(r.record).toEqual(want.record);
      for (const part of ['keys', 'chars', 'ends', 'tokens'] as const) expect(Array.from(r.lines![part]), `${i} ${part}`).toEqual(Array.from(want.lines[part]));
    });
  });
});
