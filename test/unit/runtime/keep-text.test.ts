/**
 * sketchStream with keepText: the text read back for a page is the text its sketch was signed
 * from (its outlet's template lines dropped by the same mask), and without keepText none is kept.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCAN_OPTIONS, sketching } from '../../../src/commands/settings.js';
import { listInputs } from '../../../src/runtime/pages.js';
import { sketchStream } from '../../../src/runtime/sketch-stream.js';
import { normalizeText } from '../../../src/text/normalize.js';
import { countTokens } from '../../../src/text/tokens.js';
import { ROOT } from '../../helpers.js';

async function run(keepText: boolean) {
  const options = { ...DEFAULT_SCAN_OPTIONS, jobs: 2, keepText };
  const { hasher, params } = sketching(options);
  const files = await listInputs(['fixtures/templates', 'fixtures/kazakhstan'], options, { cwd: ROOT });
  return sketchStream(files, options, hasher, params, {});
}

describe('sketchStream keepText', () => {
  it('reads back each signed page as the text it was signed from, template lines removed', async () => {
    const r = await run(true);
    try {
      expect(r.count).toBeGreaterThan(4);
      for (let i = 0; i < r.count; i++) {
        const text = r.text(i)!;
        expect(countTokens(normalizeText(text)), r.doc(i).path).toBe(r.words(i));
        // The courier's standing box recurs on all three of its pages: never part of a kept text.
        if (r.doc(i).path.includes('courier')) expect(text).not.toContain('Our newsroom is funded by readers');
      }
    } finally {
      r.close();
    }
  });

  it('keeps no text by default', async () => {
    const r = await run(false);
    try {
      expect(r.text(0)).toBeNull();
    } finally {
      r.close();
    }
  });
});
