import { hashString, hashStringRange, hashWords } from './hash.js';
import { normalizeText } from './normalize.js';
import { tokenize } from './tokens.js';

/** Seed of the token hash; part of the sketch scheme, so changing it changes the scheme version. */
export const TOKEN_SEED = 0x5eed0001;

/** The tokens of a text, hashed to 32 bits. */
export function tokenHashes(text: string): Uint32Array {
  return normalizedTokenHashes(normalizeText(text));
}

/** tokenHashes() of text already normalised (normalizeText). */
export function normalizedTokenHashes(normalized: string): Uint32Array {
  if (isAscii(normalized)) return asciiTokenHashes(normalized);
  const tokens = tokenize(normalized);
  const out = new Uint32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) out[i] = hashString(tokens[i]!, TOKEN_SEED);
  return out;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

const isAsciiWordChar = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
let tokenScratch = new Uint32Array(256);

/**
 * normalizedTokenHashes() of ASCII text: the tokens of tokens.ts's ASCII_TOKEN pattern,
 * /[a-z0-9]+(?:'[a-z0-9]+)*\/g, found by a char-code scan and hashed in place, without a regular
 * expression or a string per token.
 */
function asciiTokenHashes(s: string): Uint32Array {
  const n = s.length;
  let count = 0;
  let i = 0;
  while (i < n) {
    if (!isAsciiWordChar(s.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isAsciiWordChar(s.charCodeAt(i))) i++;
    while (i + 1 < n && s.charCodeAt(i) === 0x27 && isAsciiWordChar(s.charCodeAt(i + 1))) {
      i++;
      while (i < n && isAsciiWordChar(s.charCodeAt(i))) i++;
    }
    if (count === tokenScratch.length) {
      const grown = new Uint32Array(count * 2);
      grown.set(tokenScratch);
      tokenScratch = grown;
    }
    tokenScratch[count++] = hashStringRange(s, start, i, TOKEN_SEED);
  }
  return tokenScratch.slice(0, count);
}

/**
 * The set of word k-shingles of a token-hash sequence, as a sorted array of distinct 32-bit
 * hashes. A text shorter than k gives one shingle of all its tokens, so short texts still have a
 * signature. Sorted distinct arrays make exact Jaccard and containment a linear merge.
 */
export function shingleSet(tokens: Uint32Array, k: number): Uint32Array {
  const n = tokens.length;
  if (n === 0) return new Uint32Array(0);
  const count = n < k ? 1 : n - k + 1;
  const width = Math.min(k, n);
  const raw = new Uint32Array(count);
  for (let i = 0; i < count; i++) raw[i] = hashWords(tokens, i, width, k);
  raw.sort();
  let m = 0;
  for (let i = 0; i < count; i++) {
    if (i === 0 || raw[i] !== raw[m - 1]) raw[m++] = raw[i]!;
  }
  return raw.slice(0, m);
}

/** Size of the intersection of two sorted distinct arrays. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

export interface Overlap {
  /** |A ∩ B| / |A ∪ B| */
  jaccard: number;
  /** |A ∩ B| / min(|A|, |B|): the share of the shorter text found in the longer one. */
  containment: number;
  intersection: number;
}

export function overlap(a: Uint32Array, b: Uint32Array): Overlap {
  if (a.length === 0 || b.length === 0) return { jaccard: 0, containment: 0, intersection: 0 };
  const inter = intersectionSize(a, b);
  return {
    jaccard: inter / (a.length + b.length - inter),
    containment: inter / Math.min(a.length, b.length),
    intersection: inter,
  };
}
