/**
 * One document from text to sketch: extraction, normalisation, shingles, signature. No file
 * system here: it takes what input read, so it can run anywhere (a worker thread later).
 */
import { extractHtml } from '../extract/readability.js';
import { extractPlainText } from '../extract/plaintext.js';
import type { ExtractedDocument } from '../extract/types.js';
import type { DomName } from '../extract/dom.js';
import type { MinHasher } from '../sketch/minhash.js';
import { hash64Hex } from '../text/hash.js';
import { normalizeText } from '../text/normalize.js';
import { shingleSet, tokenHashes } from '../text/shingles.js';

export interface SketchedDocument {
  meta: Omit<ExtractedDocument, 'text'>;
  words: number;
  /** Hash of the normalised article text: equal texts, equal hashes. */
  contentHash: string;
  shingles: Uint32Array;
  signature: Uint32Array;
}

export class TooShortError extends Error {}

export interface SketchOptions {
  shingleSize: number;
  minWords: number;
}

export function extractDocument(text: string, kind: 'html' | 'text', dom: DomName, url?: string): ExtractedDocument {
  return kind === 'html' ? extractHtml(text, url === undefined ? { dom } : { dom, url }) : extractPlainText(text);
}

export function sketchDocument(
  extracted: ExtractedDocument,
  hasher: MinHasher,
  opts: SketchOptions,
): SketchedDocument {
  const tokens = tokenHashes(extracted.text);
  if (tokens.length < opts.minWords) {
    throw new TooShortError(
      tokens.length === 0
        ? 'no article text found'
        : `too little article text (${tokens.length} words; --min-words is ${opts.minWords})`,
    );
  }
  const shingles = shingleSet(tokens, opts.shingleSize);
  const { text: _text, ...meta } = extracted;
  return {
    meta,
    words: tokens.length,
    contentHash: hash64Hex(normalizeText(extracted.text)),
    shingles,
    signature: hasher.sign(shingles),
  };
}
